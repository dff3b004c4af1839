package org.patchwarden.formats.feed.debian;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
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
import org.patchwarden.formats.Json;
import org.patchwarden.version.OsvEvent;

/**
 * Reads the Debian security tracker's JSON export ({@code
 * https://security-tracker.debian.org/tracker/data/json}) as a stream: one (package, issue) object
 * in memory at a time.
 *
 * <p>The shape and meaning of the fields follow the code that writes the export, {@code
 * TrackerService._get_json} in the tracker's {@code bin/tracker_service.py}, and the list parser
 * in {@code lib/python/bugs.py} (read in the CVEDB/security-tracker copy of the tracker repository):
 *
 * <pre>
 * { "&lt;source package&gt;": { "&lt;CVE-… or TEMP-…&gt;": {
 *     "description": "…", "debianbug": 123, "scope": "remote" | "local",
 *     "releases": { "&lt;codename&gt;": {
 *         "status": "resolved" | "open" | "undetermined",
 *         "fixed_version": "1.2-3"   (only when resolved; "0" = never affected, from &lt;not-affected&gt;),
 *         "urgency": "low" | "medium" | "high" | "unimportant" | "not yet assigned" | "end-of-life"
 *                    (NVD-derived ones suffixed "**", e.g. "high**"),
 *         "nodsa": "the &lt;no-dsa&gt; comment", "nodsa_reason": "" | "ignored" | "postponed",
 *         "next_point_update": true,
 *         "repositories": { "bookworm": "1.2-3", "bookworm-security": "1.2-4" } } } } } }
 * </pre>
 *
 * Absent fields were null in the tracker (it deletes null values before writing). An issue object
 * is per package, and a CVE's packages are far apart in the file, so each (issue, package) becomes
 * its own record {@code DEBIAN-<issue>-<package>}, aliasing the issue id; the advisory merger joins
 * them back through that alias.
 */
public final class DebianTrackerJsonReader implements FeedSnapshot<AdvisoryRecord> {
  /** Our name of this feed. */
  public static final String FEED = "debian-tracker";

  private static final Pattern ISSUE = Pattern.compile("CVE-\\d{4}-\\d{4,}|TEMP-\\d+-[0-9A-Fa-f]+");
  /** Debian policy's source package names. */
  private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]*");
  private static final String URGENCY = "DEBIAN_URGENCY";

  private final InputStream in;
  private final String source;

  /**
   * @param in the export's bytes; not closed by the reader
   * @param source names the input in error messages (a path or URL)
   */
  public DebianTrackerJsonReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super AdvisoryRecord> sink) {
    JsonParser p = null;
    try (JsonParser parser = Json.mapper().createParser(in)) {
      p = parser;
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new FeedFormatException(source, Json.where(p.currentLocation()),
            "expected a JSON object of source packages (the tracker's data/json export)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String pkg = p.currentName();
        if (!PACKAGE.matcher(pkg).matches()) {
          throw new FeedFormatException(source, Json.where(p.currentLocation()),
              "'" + pkg + "' is not a Debian source package name");
        }
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new FeedFormatException(source, pkg, "expected an object of issues, got " + p.currentToken()
              + "; is this the tracker's data/json export?");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String issue = p.currentName();
          if (!ISSUE.matcher(issue).matches()) {
            throw new FeedFormatException(source, pkg + " " + issue, "not a CVE or TEMP- issue name");
          }
          if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new FeedFormatException(source, pkg + " " + issue, "expected an object, got " + p.currentToken());
          }
          sink.accept(record(pkg, issue, p.readValueAsTree()));
        }
      }
      if (p.nextToken() != null) {
        throw new FeedFormatException(source, Json.where(p.currentLocation()), "unexpected content after the export");
      }
    } catch (JsonProcessingException e) {
      throw Json.malformed(source, e, p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    // The export says nothing about its own version (only the HTTP Last-Modified does).
    return new FeedHeader("", null);
  }

  private AdvisoryRecord record(String pkg, String issue, JsonNode n) {
    String place = pkg + " " + issue;
    String description = text(n, "description", place);
    List<String> references = new ArrayList<>();
    references.add("https://security-tracker.debian.org/tracker/" + issue);
    JsonNode bug = n.get("debianbug");
    if (bug != null && !bug.isNull()) {
      if (!bug.canConvertToLong() || !bug.isIntegralNumber()) {
        throw new FeedFormatException(source, place + ".debianbug", "expected a bug number, got " + bug);
      }
      references.add("https://bugs.debian.org/" + bug.asLong());
    }
    JsonNode releases = n.get("releases");
    if (releases == null || !releases.isObject()) {
      throw new FeedFormatException(source, place,
          releases == null ? "missing releases" : "releases: expected an object");
    }
    List<AffectedPackage> affected = new ArrayList<>();
    Set<String> urgencies = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = releases.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      affected.add(release(pkg, r.getKey(), r.getValue(), place + " releases." + r.getKey(), urgencies));
    }
    List<Severity> severities = urgencies.stream().map(u -> new Severity(URGENCY, u, null, "debian")).toList();
    return new AdvisoryRecord(FEED, "DEBIAN-" + issue + "-" + pkg, Set.of(issue), "", description, null, null, false,
        affected, severities, List.of(), references);
  }

  private AffectedPackage release(String pkg, String codename, JsonNode r, String place, Set<String> urgencies) {
    if (!r.isObject()) {
      throw new FeedFormatException(source, place, "expected an object");
    }
    String status = text(r, "status", place);
    if (status == null) {
      throw new FeedFormatException(source, place, "missing status");
    }
    String fixed = text(r, "fixed_version", place);
    String urgency = text(r, "urgency", place);
    String nodsa = text(r, "nodsa", place);
    String nodsaReason = text(r, "nodsa_reason", place);
    if (urgency != null) {
      urgencies.add(urgency);
    }
    List<String> note = new ArrayList<>();
    note.add(codename);
    if (urgency != null) {
      note.add("urgency " + urgency);
    }
    AffectedStatus state;
    List<AffectedRange> ranges = List.of();
    switch (status) {
      case "resolved" -> {
        if (fixed == null) {
          // resolved without a version: the release's package is not vulnerable (e.g. <removed>)
          state = AffectedStatus.NOT_AFFECTED;
          note.add("resolved, no fixed version stated");
        } else if (fixed.equals("0")) {
          state = AffectedStatus.NOT_AFFECTED; // <not-affected>: the tracker records it as fixed in version 0
        } else {
          state = AffectedStatus.AFFECTED;
          ranges = List.of(new AffectedRange.Events("ECOSYSTEM",
              List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"), new OsvEvent(OsvEvent.Kind.FIXED, fixed))));
        }
      }
      case "open" -> {
        if (urgency != null && urgency.startsWith("end-of-life")) {
          state = AffectedStatus.END_OF_LIFE;
        } else if ("postponed".equals(nodsaReason)) {
          state = AffectedStatus.POSTPONED;
        } else if ("ignored".equals(nodsaReason)) {
          state = AffectedStatus.IGNORED;
        } else if (nodsa != null || nodsaReason != null) {
          state = AffectedStatus.NO_DSA;
        } else {
          state = AffectedStatus.UNFIXED;
        }
        if (nodsa != null && !nodsa.isBlank()) {
          note.add((nodsaReason == null || nodsaReason.isBlank() ? "no-dsa" : nodsaReason) + ": " + nodsa);
        }
      }
      case "undetermined" -> {
        state = AffectedStatus.AFFECTED; // may be affected; no ranges, so nothing claims a version is safe
        note.add("undetermined");
      }
      default -> throw new FeedFormatException(source, place + ".status",
          "unknown status '" + status + "'; expected resolved, open or undetermined");
    }
    JsonNode npu = r.get("next_point_update");
    if (npu != null && npu.asBoolean(false)) {
      note.add("fix planned for the next point release");
    }
    return new AffectedPackage(DebianReleases.ecosystem(codename), pkg, null, state, ranges, List.of(),
        String.join("; ", note));
  }

  private String text(JsonNode n, String field, String place) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new FeedFormatException(source, place + "." + field, "expected a string, got " + v.getNodeType());
    }
    return v.asText();
  }
}
