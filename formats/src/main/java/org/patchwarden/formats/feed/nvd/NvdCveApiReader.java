package org.patchwarden.formats.feed.nvd;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.Severity;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.FeedDocuments;
import org.patchwarden.formats.Json;
import org.patchwarden.formats.cpe.CpeName;

/**
 * Reads NVD CVE API 2.0 responses ({@code "format":"NVD_CVE","version":"2.0"}) into advisory
 * records of source {@code nvd}, one CVE in memory at a time.
 *
 * <p>Input is one response page, or files and directories of pages ({@code *.json}, walked in
 * sorted path order). The header is the page's {@code timestamp} (for several pages, the newest).
 *
 * <p>Mapping: {@code descriptions} (English) → summary; {@code vulnStatus} "Rejected" → withdrawn;
 * {@code metrics.cvssMetricV2/V30/V31/V40} → severities {@code CVSS_V2}/{@code CVSS_V3}/{@code
 * CVSS_V4} stated by the metric's {@code source} (the CVE's {@code sourceIdentifier} when a metric
 * names none; the record has no other place for it); {@code weaknesses} → CWE ids, without NVD's
 * {@code NVD-CWE-Other}/{@code NVD-CWE-noinfo} placeholders; {@code references} → URLs. NVD ids are
 * CVE ids, so records carry no aliases.
 *
 * <p>Configurations: every {@code cpeMatch} with {@code vulnerable: true} becomes a {@link
 * AffectedRange.CpeMatch} range of a package of ecosystem {@code cpe} named {@code vendor:product}
 * (CPE components 3 and 4, unescaped); matches of one product with the same note share one package.
 * <b>Simplification:</b> the AND/OR tree is flattened. In an {@code AND} configuration (an
 * application on a platform, firmware on a device) each vulnerable match becomes a package of its
 * own, and the non-vulnerable matches of the other nodes are only named in the package's note
 * ({@code running on/with cpe:2.3:h:espressif:esp32:-:*:*:*:*:*:*:*}), so a matcher that ignores
 * the note over-reports: it flags the application on every platform. Matches in a negated node
 * are never vulnerable packages; as platforms they read {@code not running on/with …}. Negated
 * configurations (none seen in NVD data) are skipped.
 */
public final class NvdCveApiReader implements FeedSnapshot<AdvisoryRecord> {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}");
  private static final Pattern CWE = Pattern.compile("CWE-\\d+");
  private static final String FORMAT = "NVD_CVE";
  private static final String VERSION = "2.0";
  /** NVD's metric lists, in the order their severities are emitted (newest CVSS first). */
  private static final Map<String, String> METRICS = Map.of(
      "cvssMetricV40", "CVSS_V4",
      "cvssMetricV31", "CVSS_V3",
      "cvssMetricV30", "CVSS_V3",
      "cvssMetricV2", "CVSS_V2");
  private static final List<String> METRIC_ORDER = List.of("cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2");

  private final FeedDocuments documents;

  /**
   * Reads one response page.
   *
   * @param in the page bytes; not closed by the reader
   * @param source names the input in error messages (a path or URL)
   */
  public NvdCveApiReader(InputStream in, String source) {
    this.documents = FeedDocuments.stream(in, source);
  }

  /** Reads a page file, or every {@code *.json} page under a directory in sorted path order. */
  public NvdCveApiReader(Path path) {
    this(List.of(path));
  }

  /** Reads the given page files and directories of pages, in the order given. */
  public NvdCveApiReader(List<Path> paths) {
    this.documents = FeedDocuments.files(paths, "no NVD pages to read");
  }

  /** A page's timestamp: as written (the header version) and as an instant (to find the newest). */
  private record Stamp(String text, Instant at) {
    Stamp newer(Stamp other) {
      return other == null || at.isAfter(other.at) ? this : other;
    }
  }

  @Override
  public FeedHeader drainTo(Consumer<? super AdvisoryRecord> sink) {
    Stamp[] newest = {null};
    documents.forEach(name -> name.endsWith(".json"), "holds no *.json NVD response pages",
        (page, name) -> newest[0] = readPage(page, name, sink).newer(newest[0]));
    return new FeedHeader(newest[0].text, newest[0].at);
  }

  private Stamp readPage(InputStream page, String name, Consumer<? super AdvisoryRecord> sink) {
    JsonParser parser = null;
    try (JsonParser p = Json.mapper().createParser(page)) {
      parser = p;
      return new Page(name).read(p, sink);
    } catch (JsonProcessingException e) {
      throw Json.malformed(name, e, parser);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /** One response page being read; {@code name} names it in errors. */
  private static final class Page {
    private final String name;

    Page(String name) {
      this.name = name;
    }

    Stamp read(JsonParser p, Consumer<? super AdvisoryRecord> sink) throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw fail(Json.where(p.currentLocation()), "expected a JSON object (an NVD CVE API 2.0 response)");
      }
      String format = null;
      String version = null;
      Stamp timestamp = null;
      Integer perPage = null;
      Integer startIndex = null;
      Integer total = null;
      int count = -1;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "format" -> {
            format = text(p, value, field);
            if (!FORMAT.equals(format)) {
              throw fail(field, "'" + format + "' is not " + FORMAT + "; is this an NVD CVE API 2.0 response?");
            }
          }
          case "version" -> {
            version = text(p, value, field);
            if (!VERSION.equals(version)) {
              throw fail(field, "NVD API version '" + version + "' is not supported (expected " + VERSION + ")");
            }
          }
          case "timestamp" -> {
            String text = text(p, value, field);
            timestamp = new Stamp(text, instant(text, field));
          }
          case "resultsPerPage" -> perPage = integer(p, value, field);
          case "startIndex" -> startIndex = integer(p, value, field);
          case "totalResults" -> total = integer(p, value, field);
          case "vulnerabilities" -> count = vulnerabilities(p, value, sink);
          default -> p.skipChildren();
        }
      }
      // NB: a KEV catalog also has a "vulnerabilities" array; these checks are what tell them apart.
      if (format == null) {
        throw fail("format", "missing; is this an NVD CVE API 2.0 response?");
      }
      if (version == null) {
        throw fail("version", "missing; is this an NVD CVE API 2.0 response?");
      }
      if (count < 0) {
        throw fail("vulnerabilities", "missing; is this an NVD CVE API 2.0 response?");
      }
      if (timestamp == null) {
        throw fail("timestamp", "missing (the response's generation time, used as the feed version)");
      }
      if (perPage != null && total != null) {
        // A full page holds resultsPerPage CVEs; the last one what is left of totalResults.
        int expected = Math.min(perPage, Math.max(0, total - (startIndex == null ? 0 : startIndex)));
        if (count != expected) {
          throw fail("vulnerabilities", "holds " + count + " CVEs but resultsPerPage " + perPage + ", startIndex "
              + (startIndex == null ? 0 : startIndex) + " and totalResults " + total + " promise " + expected
              + " (truncated or altered page?)");
        }
      }
      return timestamp;
    }

    private int vulnerabilities(JsonParser p, JsonToken start, Consumer<? super AdvisoryRecord> sink) throws IOException {
      if (start != JsonToken.START_ARRAY) {
        throw fail("vulnerabilities", "expected an array");
      }
      int index = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw fail("vulnerabilities[" + index + "]", "expected an object");
        }
        JsonNode item = p.readValueAsTree();
        sink.accept(record(item, index));
        index++;
      }
      return index;
    }

    private AdvisoryRecord record(JsonNode item, int index) {
      String at = "vulnerabilities[" + index + "]";
      JsonNode cve = item.get("cve");
      if (cve == null || !cve.isObject()) {
        throw fail(at, "missing the cve object; is this an NVD CVE API 2.0 response?");
      }
      String id = requiredText(cve, "id", at);
      if (!CVE.matcher(id).matches()) {
        throw fail(at + ".id", "'" + id + "' is not a CVE identifier");
      }
      String place = at + " (" + id + ")";
      Instant published = instant(requiredText(cve, "published", place), place + ".published");
      Instant modified = instant(requiredText(cve, "lastModified", place), place + ".lastModified");
      String status = optionalText(cve, "vulnStatus", place);
      String sourceIdentifier = optionalText(cve, "sourceIdentifier", place);
      return new AdvisoryRecord("nvd", id, Set.of(), english(cve, place), "", published, modified,
          "Rejected".equals(status), affected(cve, place), severities(cve, place, sourceIdentifier),
          cwes(cve, place), references(cve, place));
    }

    private String english(JsonNode cve, String place) {
      JsonNode descriptions = array(cve, "descriptions", place, true);
      String first = null;
      String regional = null;
      for (int i = 0; i < descriptions.size(); i++) {
        String at = place + ".descriptions[" + i + "]";
        JsonNode d = object(descriptions.get(i), at);
        String lang = requiredText(d, "lang", at);
        String value = requiredText(d, "value", at);
        if (lang.equals("en")) {
          return value;
        }
        if (regional == null && lang.startsWith("en-")) {
          regional = value;
        }
        if (first == null) {
          first = value;
        }
      }
      return regional != null ? regional : first;
    }

    private List<Severity> severities(JsonNode cve, String place, String sourceIdentifier) {
      JsonNode metrics = cve.get("metrics");
      if (metrics == null || metrics.isNull()) {
        return List.of();
      }
      object(metrics, place + ".metrics");
      List<Severity> out = new ArrayList<>();
      for (String key : METRIC_ORDER) {
        String at = place + ".metrics." + key;
        JsonNode list = array(metrics, key, place + ".metrics", false);
        for (int i = 0; i < list.size(); i++) {
          String mat = at + "[" + i + "]";
          JsonNode metric = object(list.get(i), mat);
          String by = optionalText(metric, "source", mat);
          JsonNode data = metric.get("cvssData");
          if (data == null || !data.isObject()) {
            throw fail(mat, "missing cvssData");
          }
          String vector = requiredText(data, "vectorString", mat + ".cvssData");
          JsonNode score = data.get("baseScore");
          if (score == null || !score.isNumber()) {
            throw fail(mat + ".cvssData", score == null ? "missing baseScore" : "baseScore is not a number");
          }
          out.add(new Severity(METRICS.get(key), vector, score.doubleValue(), by != null ? by : sourceIdentifier));
        }
      }
      return out;
    }

    private List<String> cwes(JsonNode cve, String place) {
      JsonNode weaknesses = array(cve, "weaknesses", place, false);
      Set<String> out = new LinkedHashSet<>();
      for (int i = 0; i < weaknesses.size(); i++) {
        String at = place + ".weaknesses[" + i + "]";
        JsonNode descriptions = array(object(weaknesses.get(i), at), "description", at, true);
        for (int j = 0; j < descriptions.size(); j++) {
          String value = requiredText(object(descriptions.get(j), at + ".description[" + j + "]"), "value",
              at + ".description[" + j + "]");
          // NVD-CWE-Other / NVD-CWE-noinfo say "no specific CWE": not an identifier to keep.
          if (CWE.matcher(value).matches()) {
            out.add(value);
          }
        }
      }
      return List.copyOf(out);
    }

    private List<String> references(JsonNode cve, String place) {
      JsonNode references = array(cve, "references", place, true);
      Set<String> out = new LinkedHashSet<>();
      for (int i = 0; i < references.size(); i++) {
        String at = place + ".references[" + i + "]";
        out.add(requiredText(object(references.get(i), at), "url", at));
      }
      return List.copyOf(out);
    }

    /** One vulnerable CPE match with the note its configuration gives it. */
    private record Vulnerable(CpeName cpe, AffectedRange.CpeMatch range, String note) {}

    private List<AffectedPackage> affected(JsonNode cve, String place) {
      JsonNode configurations = array(cve, "configurations", place, false);
      List<Vulnerable> found = new ArrayList<>();
      for (int c = 0; c < configurations.size(); c++) {
        String cat = place + ".configurations[" + c + "]";
        JsonNode config = object(configurations.get(c), cat);
        if (bool(config, "negate", cat)) {
          continue; // a negated configuration names what is NOT vulnerable; see class comment
        }
        boolean and = "AND".equals(optionalText(config, "operator", cat));
        JsonNode nodes = array(config, "nodes", cat, true);
        List<List<String>> platformsByNode = new ArrayList<>();
        List<List<Vulnerable>> vulnerableByNode = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
          String nat = cat + ".nodes[" + n + "]";
          JsonNode node = object(nodes.get(n), nat);
          boolean negate = bool(node, "negate", nat);
          JsonNode matches = array(node, "cpeMatch", nat, true);
          List<String> platforms = new ArrayList<>();
          List<Vulnerable> vulnerable = new ArrayList<>();
          for (int m = 0; m < matches.size(); m++) {
            String mat = nat + ".cpeMatch[" + m + "]";
            JsonNode match = object(matches.get(m), mat);
            JsonNode flag = match.get("vulnerable");
            if (flag == null || !flag.isBoolean()) {
              throw fail(mat, flag == null ? "missing vulnerable" : "vulnerable is not true/false");
            }
            AffectedRange.CpeMatch range = cpeMatch(match, mat);
            CpeName cpe;
            try {
              cpe = CpeName.parse(range.criteria());
            } catch (IllegalArgumentException e) {
              throw fail(mat + ".criteria", e.getMessage());
            }
            if (flag.booleanValue() && !negate) {
              vulnerable.add(new Vulnerable(cpe, range, ""));
            } else {
              platforms.add((negate ? "not " : "") + describe(range));
            }
          }
          platformsByNode.add(platforms);
          vulnerableByNode.add(vulnerable);
        }
        for (int n = 0; n < vulnerableByNode.size(); n++) {
          String note = and ? note(platformsByNode, n) : "";
          for (Vulnerable v : vulnerableByNode.get(n)) {
            found.add(new Vulnerable(v.cpe, v.range, note));
          }
        }
      }
      // Matches of one product with the same note are one package with several ranges (union).
      Map<List<String>, List<AffectedRange>> grouped = new LinkedHashMap<>();
      for (Vulnerable v : found) {
        grouped.computeIfAbsent(List.of(v.cpe.vendorProduct(), v.note), k -> new ArrayList<>()).add(v.range);
      }
      List<AffectedPackage> out = new ArrayList<>(grouped.size());
      grouped.forEach((key, ranges) ->
          out.add(new AffectedPackage("cpe", key.get(0), null, AffectedStatus.AFFECTED, ranges, List.of(), key.get(1))));
      return out;
    }

    /** "running on/with A or B" from the non-vulnerable matches of the AND configuration's other nodes. */
    private static String note(List<List<String>> platformsByNode, int self) {
      List<String> plain = new ArrayList<>();
      List<String> negated = new ArrayList<>();
      for (int n = 0; n < platformsByNode.size(); n++) {
        if (n == self) {
          continue;
        }
        for (String p : platformsByNode.get(n)) {
          if (p.startsWith("not ")) {
            negated.add(p.substring(4));
          } else {
            plain.add(p);
          }
        }
      }
      List<String> parts = new ArrayList<>(2);
      if (!plain.isEmpty()) {
        parts.add("running on/with " + String.join(" or ", plain));
      }
      if (!negated.isEmpty()) {
        parts.add("not running on/with " + String.join(" or ", negated));
      }
      return String.join("; ", parts);
    }

    private AffectedRange.CpeMatch cpeMatch(JsonNode match, String at) {
      String startIncluding = optionalText(match, "versionStartIncluding", at);
      String startExcluding = optionalText(match, "versionStartExcluding", at);
      String endIncluding = optionalText(match, "versionEndIncluding", at);
      String endExcluding = optionalText(match, "versionEndExcluding", at);
      // Both forms of one bound cannot hold at once; refuse now rather than fail at match time.
      if (startIncluding != null && startExcluding != null) {
        throw fail(at, "has both versionStartIncluding and versionStartExcluding");
      }
      if (endIncluding != null && endExcluding != null) {
        throw fail(at, "has both versionEndIncluding and versionEndExcluding");
      }
      return new AffectedRange.CpeMatch(requiredText(match, "criteria", at), startIncluding, startExcluding,
          endIncluding, endExcluding);
    }

    /** A platform match as text: the criteria, and its bounds when it has any. */
    private static String describe(AffectedRange.CpeMatch m) {
      List<String> bounds = new ArrayList<>(2);
      if (m.startIncluding() != null) {
        bounds.add(">=" + m.startIncluding());
      }
      if (m.startExcluding() != null) {
        bounds.add(">" + m.startExcluding());
      }
      if (m.endIncluding() != null) {
        bounds.add("<=" + m.endIncluding());
      }
      if (m.endExcluding() != null) {
        bounds.add("<" + m.endExcluding());
      }
      return bounds.isEmpty() ? m.criteria() : m.criteria() + " [" + String.join(" ", bounds) + "]";
    }

    private JsonNode array(JsonNode parent, String field, String place, boolean required) {
      JsonNode v = parent.get(field);
      if (v == null || v.isNull()) {
        if (required) {
          throw fail(place, "missing " + field);
        }
        return Json.mapper().createArrayNode();
      }
      if (!v.isArray()) {
        throw fail(place + "." + field, "expected an array");
      }
      return v;
    }

    private JsonNode object(JsonNode v, String place) {
      if (v == null || !v.isObject()) {
        throw fail(place, "expected an object");
      }
      return v;
    }

    private boolean bool(JsonNode parent, String field, String place) {
      JsonNode v = parent.get(field);
      if (v == null || v.isNull()) {
        return false;
      }
      if (!v.isBoolean()) {
        throw fail(place + "." + field, "expected true or false");
      }
      return v.booleanValue();
    }

    private String requiredText(JsonNode parent, String field, String place) {
      String v = optionalText(parent, field, place);
      if (v == null) {
        throw fail(place, "missing " + field);
      }
      return v;
    }

    private String optionalText(JsonNode parent, String field, String place) {
      JsonNode v = parent.get(field);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isTextual()) {
        throw fail(place + "." + field, "expected a string");
      }
      return v.asText();
    }

    private String text(JsonParser p, JsonToken value, String field) throws IOException {
      if (value != JsonToken.VALUE_STRING) {
        throw fail(field, "expected a string");
      }
      return p.getText();
    }

    private Integer integer(JsonParser p, JsonToken value, String field) throws IOException {
      if (value != JsonToken.VALUE_NUMBER_INT) {
        throw fail(field, "expected an integer");
      }
      try {
        return p.getIntValue();
      } catch (com.fasterxml.jackson.core.exc.InputCoercionException e) {
        throw fail(field, "'" + p.getText() + "' is out of range");
      }
    }

    private Instant instant(String text, String place) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        // NB: NVD writes its times without a zone ("2023-09-12T15:15:24.327"); they are UTC.
        try {
          return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          throw fail(place, "'" + text + "' is not an ISO-8601 date-time");
        }
      }
    }

    private FeedFormatException fail(String place, String reason) {
      return new FeedFormatException(name, place, reason);
    }
  }
}
