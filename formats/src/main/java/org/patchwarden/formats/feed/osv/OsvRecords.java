package org.patchwarden.formats.feed.osv;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.Severity;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.osv.OsvEventsJson;
import org.patchwarden.version.OsvEvent;

/**
 * Turns one parsed OSV record (https://ossf.github.io/osv-schema/) into an {@link AdvisoryRecord},
 * whatever form it came in (JSON file, directory, zip entry, YAML). Validates what a matcher relies
 * on; fields it does not use ({@code credits}, {@code schema_version} …) are ignored.
 */
final class OsvRecords {
  /** Our name of every OSV-sourced record, whichever ecosystem's database published it. */
  static final String SOURCE = "osv";

  /** Range types of the OSV schema; anything else cannot be evaluated. */
  private static final Set<String> RANGE_TYPES = Set.of("ECOSYSTEM", "SEMVER", "GIT");

  /**
   * Go's zero {@code time.Time}. golang/vulndb commits its OSV files with this {@code modified}
   * (the real one is stamped when vuln.go.dev is deployed), so it means "not stated", not year 1.
   */
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  /** Longest note built from {@code ecosystem_specific}/{@code database_specific} scalars. */
  private static final int MAX_NOTE = 500;

  private OsvRecords() {}

  /**
   * Maps {@code n}.
   *
   * @param file names the input in errors (path, or {@code all.zip!ID.json})
   * @param prefix leads the place in errors, e.g. {@code [3] } for the 4th record of an array, or
   *     empty
   */
  static AdvisoryRecord toRecord(JsonNode n, String file, String prefix) {
    if (!n.isObject()) {
      throw new FeedFormatException(file, prefix.isEmpty() ? "record" : prefix.strip(),
          "expected an OSV record (a JSON object), got " + kind(n));
    }
    Ctx c = new Ctx(file, prefix);
    JsonNode idNode = n.get("id");
    if (idNode == null || idNode.isNull()) {
      throw new FeedFormatException(file, c.at("id"), "missing id; is this an OSV record?");
    }
    if (!idNode.isTextual() || idNode.asText().isBlank()) {
      throw new FeedFormatException(file, c.at("id"), "expected a non-empty string");
    }
    c.id = idNode.asText();

    // The schema requires modified; every record of the shared Go, AlmaLinux and PyPA data has it.
    String modifiedText = optionalText(n, "modified", c);
    if (modifiedText == null) {
      throw new FeedFormatException(file, c.at(""), "missing modified (required by the OSV schema)");
    }
    Instant modified = stated(instant(modifiedText, c, "modified"));
    String publishedText = optionalText(n, "published", c);
    Instant published = publishedText == null ? null : stated(instant(publishedText, c, "published"));
    String withdrawnText = optionalText(n, "withdrawn", c);
    if (withdrawnText != null) {
      instant(withdrawnText, c, "withdrawn"); // validated; only its presence matters to us
    }

    // Only aliases name the same vulnerability; upstream ids and related ids are other vulnerabilities.
    Set<String> aliases = new LinkedHashSet<>(strings(n, "aliases", c));

    List<AffectedPackage> affected = new ArrayList<>();
    List<Severity> severities = new ArrayList<>();
    severities(n, "severity", c, severities);
    JsonNode affectedNode = array(n, "affected", c);
    for (int i = 0; i < affectedNode.size(); i++) {
      affected.add(affected(affectedNode.get(i), c, "affected[" + i + "]", severities));
    }

    List<String> cwes = new ArrayList<>();
    JsonNode db = n.get("database_specific");
    if (db != null && db.isObject()) {
      // GitHub advisories (GHSA) state CWEs here; other databases have no CWE field.
      cwes.addAll(strings(db, "cwe_ids", c.sub("database_specific")));
    }

    List<String> references = new ArrayList<>();
    JsonNode refs = array(n, "references", c);
    for (int i = 0; i < refs.size(); i++) {
      JsonNode r = refs.get(i);
      String place = "references[" + i + "]";
      if (!r.isObject()) {
        throw new FeedFormatException(file, c.at(place), "expected an object");
      }
      String url = optionalText(r, "url", c.sub(place));
      if (url == null) {
        throw new FeedFormatException(file, c.at(place), "missing url");
      }
      references.add(url);
    }

    return new AdvisoryRecord(SOURCE, c.id, aliases, optionalText(n, "summary", c), optionalText(n, "details", c),
        published, modified, withdrawnText != null, affected, severities.stream().distinct().toList(), cwes,
        references);
  }

  private static AffectedPackage affected(JsonNode a, Ctx c, String place, List<Severity> severities) {
    if (!a.isObject()) {
      throw new FeedFormatException(c.file, c.at(place), "expected an object, got " + kind(a));
    }
    List<AffectedRange> ranges = new ArrayList<>();
    String firstRepo = null;
    JsonNode rangesNode = array(a, "ranges", c.sub(place));
    for (int j = 0; j < rangesNode.size(); j++) {
      JsonNode r = rangesNode.get(j);
      String rplace = place + ".ranges[" + j + "]";
      if (!r.isObject()) {
        throw new FeedFormatException(c.file, c.at(rplace), "expected an object, got " + kind(r));
      }
      String type = optionalText(r, "type", c.sub(rplace));
      if (type == null) {
        throw new FeedFormatException(c.file, c.at(rplace), "missing type");
      }
      if (!RANGE_TYPES.contains(type)) {
        throw new FeedFormatException(c.file, c.at(rplace + ".type"),
            "unknown range type '" + type + "'; expected ECOSYSTEM, SEMVER or GIT");
      }
      JsonNode events = r.get("events");
      if (events == null || events.isNull()) {
        throw new FeedFormatException(c.file, c.at(rplace), "missing events");
      }
      List<OsvEvent> parsed;
      try {
        parsed = OsvEventsJson.events(events, "events");
      } catch (IllegalArgumentException e) {
        throw new FeedFormatException(c.file, c.at(rplace), e.getMessage());
      }
      if (parsed.isEmpty()) {
        throw new FeedFormatException(c.file, c.at(rplace + ".events"), "no events (the schema requires at least one)");
      }
      if (type.equals("GIT") && firstRepo == null) {
        firstRepo = optionalText(r, "repo", c.sub(rplace));
      }
      ranges.add(new AffectedRange.Events(type, parsed));
    }

    String ecosystem;
    String name;
    String purl = null;
    JsonNode pkg = a.get("package");
    if (pkg == null || pkg.isNull()) {
      // The schema lets a record name only a git repository (osv.dev's "GIT" ecosystem, e.g. CVEs
      // converted from NVD); the repository then is the package.
      if (firstRepo == null) {
        throw new FeedFormatException(c.file, c.at(place), "missing package (and no GIT range with a repo)");
      }
      ecosystem = "GIT";
      name = firstRepo;
    } else {
      if (!pkg.isObject()) {
        throw new FeedFormatException(c.file, c.at(place + ".package"), "expected an object, got " + kind(pkg));
      }
      ecosystem = requiredText(pkg, "ecosystem", c, place + ".package");
      name = requiredText(pkg, "name", c, place + ".package");
      purl = optionalText(pkg, "purl", c.sub(place + ".package"));
    }

    List<String> versions = strings(a, "versions", c.sub(place));
    severities(a, "severity", c.sub(place), severities);
    StringBuilder note = new StringBuilder();
    scalars(a.get("ecosystem_specific"), note);
    scalars(a.get("database_specific"), note);
    return new AffectedPackage(ecosystem, name, purl, AffectedStatus.AFFECTED, ranges, versions, note.toString());
  }

  private static void severities(JsonNode n, String field, Ctx c, List<Severity> out) {
    JsonNode sev = array(n, field, c);
    for (int i = 0; i < sev.size(); i++) {
      JsonNode s = sev.get(i);
      String place = field + "[" + i + "]";
      if (!s.isObject()) {
        throw new FeedFormatException(c.file, c.at(place), "expected an object, got " + kind(s));
      }
      // score is a vector (CVSS_V3/V4) or a rating word (Ubuntu); the schema never gives a number here.
      out.add(new Severity(requiredText(s, "type", c, place), requiredText(s, "score", c, place), null, SOURCE));
    }
  }

  /**
   * Appends the scalar fields of a {@code *_specific} object as {@code key=value}: short facts such as
   * GHSA's {@code last_known_affected_version_range} or Ubuntu's priority, without the bulky lists
   * (Go's imported symbols) that a note cannot hold.
   */
  private static void scalars(JsonNode specific, StringBuilder note) {
    if (specific == null || !specific.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = specific.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!f.getValue().isValueNode() || f.getValue().isNull()) {
        continue;
      }
      String part = f.getKey() + "=" + f.getValue().asText();
      if (note.length() + part.length() + 2 > MAX_NOTE) {
        return;
      }
      note.append(note.isEmpty() ? "" : "; ").append(part);
    }
  }

  private static String requiredText(JsonNode n, String field, Ctx c, String place) {
    String v = optionalText(n, field, c.sub(place));
    if (v == null || v.isBlank()) {
      throw new FeedFormatException(c.file, c.at(place), "missing " + field);
    }
    return v;
  }

  private static String optionalText(JsonNode n, String field, Ctx c) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new FeedFormatException(c.file, c.at(field), "expected a string, got " + kind(v));
    }
    return v.asText();
  }

  /** The array at {@code field}, or an empty one when absent (every list of the schema is optional). */
  private static JsonNode array(JsonNode n, String field, Ctx c) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
    if (!v.isArray()) {
      throw new FeedFormatException(c.file, c.at(field), "expected an array, got " + kind(v));
    }
    return v;
  }

  private static List<String> strings(JsonNode n, String field, Ctx c) {
    JsonNode v = array(n, field, c);
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw new FeedFormatException(c.file, c.at(field + "[" + i + "]"), "expected a string, got " + kind(v.get(i)));
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  /** An RFC 3339 timestamp as OSV writes it; zone and fraction optional. */
  static Instant instant(String text, Ctx c, String field) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      // NB: a timestamp without zone is read as UTC (the schema says timestamps are UTC).
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new FeedFormatException(c.file, c.at(field), "'" + text + "' is not an RFC 3339 timestamp");
      }
    }
  }

  private static Instant stated(Instant t) {
    return GO_ZERO_TIME.equals(t) ? null : t;
  }

  private static String kind(JsonNode n) {
    return n.isTextual() ? "a string" : n.isNumber() ? "a number" : n.isBoolean() ? "a boolean"
        : n.isArray() ? "an array" : n.isObject() ? "an object" : n.getNodeType().toString().toLowerCase();
  }

  /** Where in the record an error is: {@code [3] GO-2024-0001 affected[0].ranges[1]}. */
  static final class Ctx {
    final String file;
    final String prefix;
    String id;
    private final String path;

    Ctx(String file, String prefix) {
      this(file, prefix, null, "");
    }

    private Ctx(String file, String prefix, String id, String path) {
      this.file = file;
      this.prefix = prefix;
      this.id = id;
      this.path = path;
    }

    Ctx sub(String child) {
      return new Ctx(file, prefix, id, join(path, child));
    }

    String at(String field) {
      String p = join(path, field);
      String who = prefix + (id == null ? "record" : id);
      return p.isEmpty() ? who : who + " " + p;
    }

    private static String join(String a, String b) {
      return a.isEmpty() ? b : b.isEmpty() ? a : a + "." + b;
    }
  }
}
