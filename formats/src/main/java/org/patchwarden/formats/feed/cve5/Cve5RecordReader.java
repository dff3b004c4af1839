package org.patchwarden.formats.feed.cve5;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
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
import org.patchwarden.version.OsvEvent;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.VersionScheme;

/**
 * Reads CVE JSON 5.x records ({@code "dataType":"CVE_RECORD"}) into advisory records of source
 * {@code cve5}, one record file in memory at a time (each capped at {@value #MAX_RECORD_BYTES}
 * bytes).
 *
 * <p>Input is one record, or files and directories in the cvelistV5 layout ({@code
 * <year>/<N>xxx/CVE-*.json}; other files such as {@code delta.json} are skipped), walked in sorted
 * path order. The header is the newest {@code cveMetadata.dateUpdated} as written, or {@code ""}
 * when no record has one.
 *
 * <p>Mapping: {@code cveMetadata} → id, published, modified, withdrawn ({@code REJECTED}); the CNA
 * container's {@code title} → summary and English description → details (without a title the
 * description is the summary; a rejected record's reason is its summary); {@code problemTypes} →
 * CWE ids; {@code references} → URLs. Metrics, problem types, references and {@code affected} of
 * the ADP containers (CISA-ADP "vulnrichment", the CVE Program container) are read as well; every
 * severity is stated {@code by} its container's {@code providerMetadata.shortName}.
 *
 * <p>Severities: {@code cvssV4_0}, {@code cvssV3_1}/{@code cvssV3_0}, {@code cvssV2_0} → {@code
 * CVSS_V4}, {@code CVSS_V3}, {@code CVSS_V2}. CISA-ADP's "other" metrics have no CVSS vector, and
 * the model has no field for them, so they are carried as severities of their own types, with no
 * score: an SSVC decision-point set becomes {@code Severity("SSVC",
 * "Exploitation:active/Automatable:yes/Technical Impact:total", null, "CISA-ADP")} (options in the
 * record's order) and a KEV listing {@code Severity("KEV", "dateAdded:2021-12-10", null,
 * "CISA-ADP")} (its catalog link joins the references). Other "other" metrics (Red Hat's rating,
 * free-text severities) follow no shared scale and are skipped.
 *
 * <p>Affected products: an {@code affected} entry with {@code cpes} becomes one package of
 * ecosystem {@code cpe} per distinct {@code vendor:product} of its CPEs (2.3 or 2.2 URI form; an
 * unparseable CPE is ignored rather than failing the feed); without usable CPEs, ecosystem {@code
 * vendor} named {@code vendor:product} lower-cased, or, when the entry names only a package,
 * ecosystem {@code package} named {@code packageName} (its {@code collectionURL} in the note).
 * MITRE's {@code n/a}/{@code n/a} placeholder entries are skipped. Versions stay text:
 * <ul>
 *   <li>an affected entry with {@code lessThan} → {@code Events(introduced version, fixed
 *       lessThan)}, with {@code lessThanOrEqual} → {@code last_affected}; an end of {@code *}
 *       leaves the range open; {@code changes}, sorted in the product's version scheme ({@link
 *       Schemes#forProduct}: PAN-OS, else firmware-generic; record order for git), add the
 *       fixed/introduced events where the status flips. A PAN-OS change at a hotfix ({@code
 *       10.2.7-h34}) holds for that maintenance line only ({@link Cve5Versions#events}). A start
 *       written as {@code unspecified}, {@code n/a}, {@code *}, {@code -} or {@code earlier}
 *       means "from the first version" and becomes {@code 0}. Range type {@code GIT} for {@code
 *       versionType} git (commit ids), else {@code ECOSYSTEM}; other version types are named in
 *       the note.</li>
 *   <li>an affected single version → the versions list; GitHub's constraint text ({@code >=
 *       1.81.16, < 1.83.7}) → a range; {@code *}, {@code all}, {@code all versions} → an open
 *       range from {@code 0}; {@code n/a}, {@code unspecified}, {@code -} say nothing about
 *       versions: the package is AFFECTED with neither ranges nor versions, and the note says
 *       "versions unspecified".</li>
 *   <li>{@code unaffected} entries make no ranges of their own. With {@code defaultStatus}
 *       affected, single unaffected versions of dotted numbers (Ivanti's {@code 12.6.1.1,
 *       12.7.0.1, 12.8.0.1}) are read as one fix per release branch ({@link
 *       Cve5Versions#branchFixes}). <b>Simplification:</b> other exceptions carved out of a
 *       default of affected (the Linux kernel's semver blocks) are only listed in the note; a
 *       {@code defaultStatus} of affected with no versions listed at all is an open range from
 *       {@code 0}.</li>
 *   <li>nothing affected and {@code defaultStatus} unaffected → NOT_AFFECTED; nothing affected
 *       and the default unknown → no package (the record states nothing usable).</li>
 * </ul>
 */
public final class Cve5RecordReader implements FeedSnapshot<AdvisoryRecord> {
  /** Largest record file accepted; real records are a few kB, the largest seen 160 kB. */
  public static final int MAX_RECORD_BYTES = 16 << 20;

  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}");
  private static final Pattern FILE = Pattern.compile("CVE-\\d{4}-\\d{4,19}\\.json");
  private static final Pattern CWE_ID = Pattern.compile("CWE-\\d+");
  private static final Pattern CWE_LEADING = Pattern.compile("^(CWE-\\d+)\\b");
  /** Range starts that mean "from the first version" (CVE 5 writes 0, CNAs write these too). */
  private static final Set<String> OPEN_STARTS = Set.of("0", "*", "unspecified", "n/a", "-", "earlier", "");
  /** Single versions that mean "every version". */
  private static final Set<String> ALL_VERSIONS = Set.of("*", "all", "all versions");
  /** Single versions that say nothing about which versions. */
  private static final Set<String> UNSPECIFIED = Set.of("n/a", "unspecified", "-", "");

  private final FeedDocuments documents;

  /**
   * Reads one record.
   *
   * @param in the record bytes; not closed by the reader
   * @param source names the input in error messages (a path or URL)
   */
  public Cve5RecordReader(InputStream in, String source) {
    this.documents = FeedDocuments.stream(in, source);
  }

  /** Reads a record file, or every {@code CVE-*.json} under a directory in sorted path order. */
  public Cve5RecordReader(Path path) {
    this(List.of(path));
  }

  /** Reads the given record files and directories of records, in the order given. */
  public Cve5RecordReader(List<Path> paths) {
    this.documents = FeedDocuments.files(paths, "no CVE records to read");
  }

  /** A record's dateUpdated: as written (the header version) and as an instant (to find the newest). */
  private record Stamp(String text, Instant at) {
    static Stamp newer(Stamp a, Stamp b) {
      if (a == null) {
        return b;
      }
      return b == null || !b.at.isAfter(a.at) ? a : b;
    }
  }

  @Override
  public FeedHeader drainTo(Consumer<? super AdvisoryRecord> sink) {
    Stamp[] newest = {null};
    documents.forEach(name -> FILE.matcher(name).matches(), "holds no CVE-*.json records",
        (record, name) -> newest[0] = Stamp.newer(newest[0], read(record, name, sink)));
    return newest[0] == null ? new FeedHeader("", null) : new FeedHeader(newest[0].text, newest[0].at);
  }

  private Stamp read(InputStream record, String name, Consumer<? super AdvisoryRecord> sink) {
    byte[] bytes;
    try {
      bytes = record.readNBytes(MAX_RECORD_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
    if (bytes.length > MAX_RECORD_BYTES) {
      throw new FeedFormatException(name, "record", "larger than " + MAX_RECORD_BYTES
          + " bytes; a CVE record is a few kilobytes");
    }
    JsonNode root;
    JsonParser parser = null;
    try (JsonParser p = Json.mapper().createParser(bytes)) {
      parser = p;
      root = p.readValueAsTree();
    } catch (JsonProcessingException e) {
      throw Json.malformed(name, e, parser);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
    RecordMapping r = new RecordMapping(name);
    sink.accept(r.read(root));
    return r.updated;
  }

  /** One record being mapped; {@code name} names its file in errors. */
  private static final class RecordMapping {
    private final String name;
    private String id = null;
    private Stamp updated;

    RecordMapping(String name) {
      this.name = name;
    }

    AdvisoryRecord read(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw fail("record", "expected a JSON object (a CVE JSON 5 record)");
      }
      String dataType = optionalText(root, "dataType", "record");
      if (!"CVE_RECORD".equals(dataType)) {
        throw fail("dataType", (dataType == null ? "missing" : "'" + dataType + "' is not CVE_RECORD")
            + "; is this a CVE JSON 5 record?");
      }
      String dataVersion = requiredText(root, "dataVersion", "record");
      if (!dataVersion.startsWith("5.")) {
        throw fail("dataVersion", "CVE JSON '" + dataVersion + "' is not supported (expected 5.x)");
      }
      JsonNode meta = object(root.get("cveMetadata"), "cveMetadata");
      String cveId = requiredText(meta, "cveId", "cveMetadata");
      if (!CVE.matcher(cveId).matches()) {
        throw fail("cveMetadata.cveId", "'" + cveId + "' is not a CVE identifier");
      }
      id = cveId;
      String state = requiredText(meta, "state", "cveMetadata");
      if (!state.equals("PUBLISHED") && !state.equals("REJECTED")) {
        throw fail("cveMetadata.state", "'" + state + "' is neither PUBLISHED nor REJECTED");
      }
      Instant published = optionalInstant(meta, "datePublished", "cveMetadata");
      String updatedText = optionalText(meta, "dateUpdated", "cveMetadata");
      Instant modified = updatedText == null ? null : instant(updatedText, "cveMetadata.dateUpdated");
      updated = modified == null ? null : new Stamp(updatedText, modified);

      JsonNode containers = object(root.get("containers"), "containers");
      JsonNode cna = object(containers.get("cna"), "containers.cna");
      List<JsonNode> all = new ArrayList<>();
      List<String> places = new ArrayList<>();
      all.add(cna);
      places.add("containers.cna");
      JsonNode adps = array(containers, "adp", "containers", false);
      for (int i = 0; i < adps.size(); i++) {
        all.add(object(adps.get(i), "containers.adp[" + i + "]"));
        places.add("containers.adp[" + i + "]");
      }

      // A set: CNAs list the same product twice (once per platform, say) and the mapping drops the difference.
      Set<AffectedPackage> affected = new LinkedHashSet<>();
      List<Severity> severities = new ArrayList<>();
      Set<String> cwes = new LinkedHashSet<>();
      Set<String> references = new LinkedHashSet<>();
      for (int c = 0; c < all.size(); c++) {
        JsonNode container = all.get(c);
        String at = places.get(c);
        String by = provider(container, at);
        affected(container, at, c == 0 ? "" : "from " + by, affected);
        metrics(container, at, by, severities, references);
        cwes(container, at, cwes);
        references(container, at, references);
      }

      String title = optionalText(cna, "title", "containers.cna");
      String description = english(cna, "descriptions", "containers.cna");
      if (description == null) {
        description = english(cna, "rejectedReasons", "containers.cna");
      }
      boolean titled = title != null && !title.isBlank();
      String summary = titled ? title : description;
      String details = titled ? description : "";
      return new AdvisoryRecord("cve5", cveId, Set.of(), summary, details, published, modified,
          state.equals("REJECTED"), List.copyOf(affected), severities, List.copyOf(cwes), List.copyOf(references));
    }

    /** Who made a container's statements: its short name, else its organisation id. */
    private String provider(JsonNode container, String at) {
      JsonNode meta = container.get("providerMetadata");
      if (meta == null || meta.isNull()) {
        throw fail(at, "missing providerMetadata");
      }
      object(meta, at + ".providerMetadata");
      String shortName = optionalText(meta, "shortName", at + ".providerMetadata");
      return shortName != null ? shortName : requiredText(meta, "orgId", at + ".providerMetadata");
    }

    private String english(JsonNode container, String field, String place) {
      JsonNode list = array(container, field, place, false);
      String first = null;
      String regional = null;
      for (int i = 0; i < list.size(); i++) {
        String at = place + "." + field + "[" + i + "]";
        JsonNode d = object(list.get(i), at);
        String lang = requiredText(d, "lang", at);
        String value = requiredText(d, "value", at);
        if (lang.equals("en")) {
          return value;
        }
        if (regional == null && lang.startsWith("en")) {
          regional = value;
        }
        if (first == null) {
          first = value;
        }
      }
      return regional != null ? regional : first;
    }

    private void metrics(JsonNode container, String place, String by, List<Severity> out, Set<String> references) {
      JsonNode metrics = array(container, "metrics", place, false);
      for (int i = 0; i < metrics.size(); i++) {
        String at = place + ".metrics[" + i + "]";
        JsonNode metric = object(metrics.get(i), at);
        cvss(metric, "cvssV4_0", "CVSS_V4", at, by, out);
        cvss(metric, "cvssV3_1", "CVSS_V3", at, by, out);
        cvss(metric, "cvssV3_0", "CVSS_V3", at, by, out);
        cvss(metric, "cvssV2_0", "CVSS_V2", at, by, out);
        JsonNode other = metric.get("other");
        if (other != null && !other.isNull()) {
          other(object(other, at + ".other"), at + ".other", by, out, references);
        }
      }
    }

    private void cvss(JsonNode metric, String field, String type, String place, String by, List<Severity> out) {
      JsonNode data = metric.get(field);
      if (data == null || data.isNull()) {
        return;
      }
      String at = place + "." + field;
      object(data, at);
      String vector = requiredText(data, "vectorString", at);
      JsonNode score = data.get("baseScore");
      if (score == null || !score.isNumber()) {
        throw fail(at, score == null ? "missing baseScore" : "baseScore is not a number");
      }
      out.add(new Severity(type, vector, score.doubleValue(), by));
    }

    private void other(JsonNode other, String at, String by, List<Severity> out, Set<String> references) {
      String type = requiredText(other, "type", at);
      if (!type.equals("ssvc") && !type.equals("kev")) {
        return; // no shared scale: see the class comment
      }
      JsonNode content = object(other.get("content"), at + ".content");
      if (type.equals("ssvc")) {
        JsonNode options = array(content, "options", at + ".content", true);
        List<String> parts = new ArrayList<>(options.size());
        for (int i = 0; i < options.size(); i++) {
          String oat = at + ".content.options[" + i + "]";
          JsonNode option = object(options.get(i), oat);
          if (option.size() != 1) {
            throw fail(oat, "an SSVC option must have exactly one decision point");
          }
          var field = option.properties().iterator().next();
          if (!field.getValue().isTextual()) {
            throw fail(oat + "." + field.getKey(), "expected a string");
          }
          parts.add(field.getKey() + ":" + field.getValue().asText());
        }
        out.add(new Severity("SSVC", String.join("/", parts), null, by));
      } else {
        String added = requiredText(content, "dateAdded", at + ".content");
        try {
          LocalDate.parse(added);
        } catch (DateTimeParseException e) {
          throw fail(at + ".content.dateAdded", "'" + added + "' is not a yyyy-MM-dd date");
        }
        out.add(new Severity("KEV", "dateAdded:" + added, null, by));
        String reference = optionalText(content, "reference", at + ".content");
        if (reference != null) {
          references.add(reference);
        }
      }
    }

    private void cwes(JsonNode container, String place, Set<String> out) {
      JsonNode types = array(container, "problemTypes", place, false);
      for (int i = 0; i < types.size(); i++) {
        String at = place + ".problemTypes[" + i + "]";
        JsonNode descriptions = array(object(types.get(i), at), "descriptions", at, true);
        for (int j = 0; j < descriptions.size(); j++) {
          String dat = at + ".descriptions[" + j + "]";
          JsonNode d = object(descriptions.get(j), dat);
          String cweId = optionalText(d, "cweId", dat);
          if (cweId != null && CWE_ID.matcher(cweId).matches()) {
            out.add(cweId);
            continue;
          }
          // Some CNAs write "CWE-79 Cross-site Scripting" without a cweId; free text ("n/a") is no CWE.
          String text = optionalText(d, "description", dat);
          Matcher m = CWE_LEADING.matcher(text == null ? "" : text);
          if (m.find()) {
            out.add(m.group(1));
          }
        }
      }
    }

    private void references(JsonNode container, String place, Set<String> out) {
      JsonNode references = array(container, "references", place, false);
      for (int i = 0; i < references.size(); i++) {
        String at = place + ".references[" + i + "]";
        out.add(requiredText(object(references.get(i), at), "url", at));
      }
    }

    private void affected(JsonNode container, String place, String origin, Set<AffectedPackage> out) {
      JsonNode entries = array(container, "affected", place, false);
      for (int i = 0; i < entries.size(); i++) {
        String at = place + ".affected[" + i + "]";
        entry(object(entries.get(i), at), at, origin, out);
      }
    }

    private void entry(JsonNode entry, String at, String origin, Set<AffectedPackage> out) {
      String vendor = optionalText(entry, "vendor", at);
      String product = optionalText(entry, "product", at);
      String packageName = optionalText(entry, "packageName", at);
      String collection = optionalText(entry, "collectionURL", at);
      String defaultStatus = optionalText(entry, "defaultStatus", at);
      if (defaultStatus != null && !Set.of("affected", "unaffected", "unknown").contains(defaultStatus)) {
        throw fail(at + ".defaultStatus", "'" + defaultStatus + "' is not affected, unaffected or unknown");
      }
      List<String> notes = new ArrayList<>();
      if (!origin.isEmpty()) {
        notes.add(origin);
      }

      // Names: CPEs first (what CPE-based inventories match on), else vendor:product, else the package.
      // vendor:product -> the CPEs naming a version (RHEL 8, a firmware build), kept for the note
      Map<String, List<String>> cpeNames = new LinkedHashMap<>();
      JsonNode cpes = array(entry, "cpes", at, false);
      for (int i = 0; i < cpes.size(); i++) {
        JsonNode cpe = cpes.get(i);
        if (!cpe.isTextual()) {
          throw fail(at + ".cpes[" + i + "]", "expected a string");
        }
        CpeName parsed;
        try {
          parsed = CpeName.parse(cpe.asText());
        } catch (IllegalArgumentException e) {
          // NB: CNAs type CPEs by hand; one bad CPE must not fail the whole feed: vendor/product still name it.
          continue;
        }
        List<String> versioned = cpeNames.computeIfAbsent(parsed.vendorProduct(), k -> new ArrayList<>());
        if (!parsed.version().equals("*") && !parsed.version().equals("-")) {
          versioned.add(cpe.asText());
        }
      }
      String ecosystem;
      List<String> names = new ArrayList<>();
      boolean placeholder = isNa(vendor) && isNa(product);
      if (!cpeNames.isEmpty()) {
        ecosystem = "cpe";
        names.addAll(cpeNames.keySet());
      } else if (vendor != null && product != null && !placeholder) {
        ecosystem = "vendor";
        names.add((vendor + ":" + product).toLowerCase(Locale.ROOT));
      } else if (packageName != null) {
        ecosystem = "package";
        names.add(packageName);
      } else if (placeholder) {
        return; // MITRE's "n/a"/"n/a": no product named
      } else {
        throw fail(at, "names neither vendor and product nor packageName");
      }
      if (packageName != null && !ecosystem.equals("package")) {
        notes.add("packageName " + packageName);
      }
      if (collection != null) {
        notes.add("collectionURL " + collection);
      }

      // The order of a product's versions: PAN-OS has its own, other products are read as firmware.
      VersionScheme scheme = Schemes.forProduct(ecosystem.equals("package") ? "" : names.get(0));
      List<AffectedRange> ranges = new ArrayList<>();
      List<String> versions = new ArrayList<>();
      List<String> exceptions = new ArrayList<>();
      List<String> unaffectedVersions = new ArrayList<>();
      boolean onlySingleUnaffected = true;
      Set<String> versionTypes = new LinkedHashSet<>();
      boolean unspecified = false;
      JsonNode list = array(entry, "versions", at, false);
      for (int i = 0; i < list.size(); i++) {
        String vat = at + ".versions[" + i + "]";
        JsonNode v = object(list.get(i), vat);
        String version = requiredText(v, "version", vat);
        String status = status(requiredText(v, "status", vat), vat + ".status");
        String lessThan = optionalText(v, "lessThan", vat);
        String lessThanOrEqual = optionalText(v, "lessThanOrEqual", vat);
        if (lessThan != null && lessThanOrEqual != null) {
          throw fail(vat, "has both lessThan and lessThanOrEqual");
        }
        String versionType = optionalText(v, "versionType", vat);
        boolean git = "git".equals(versionType);
        JsonNode changes = array(v, "changes", vat, false);
        String end = lessThan != null ? lessThan : lessThanOrEqual;
        if (end == null && changes.isEmpty()) {
          if (!status.equals("affected")) {
            if (status.equals("unaffected") && "affected".equals(defaultStatus)) {
              exceptions.add(version);
              unaffectedVersions.add(version);
            }
            continue;
          }
          onlySingleUnaffected = false;
          String lower = version.strip().toLowerCase(Locale.ROOT);
          var constraints = git ? java.util.Optional.<List<OsvEvent>>empty() : Cve5Versions.constraintText(version);
          if (constraints.isPresent()) {
            ranges.add(new AffectedRange.Events("ECOSYSTEM", constraints.get()));
          } else if (ALL_VERSIONS.contains(lower)) {
            ranges.add(new AffectedRange.Events(git ? "GIT" : "ECOSYSTEM",
                List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"))));
          } else if (UNSPECIFIED.contains(lower)) {
            unspecified = true;
          } else {
            versions.add(version);
          }
        } else {
          onlySingleUnaffected = false;
          if (status.equals("unaffected") && "affected".equals(defaultStatus)) {
            exceptions.add(version + (lessThan != null ? " to <" + lessThan : lessThanOrEqual != null
                ? " to <=" + lessThanOrEqual : "") + (changes.isEmpty() ? "" : " (with changes)"));
          }
          List<OsvEvent> events = events(git ? null : scheme, version, status, changes, lessThan,
              lessThanOrEqual, vat);
          if (events.isEmpty()) {
            continue;
          }
          ranges.add(new AffectedRange.Events(git ? "GIT" : "ECOSYSTEM", events));
        }
        if (versionType != null && !git) {
          versionTypes.add(versionType);
        }
      }

      AffectedStatus status;
      if (!ranges.isEmpty() || !versions.isEmpty() || unspecified) {
        status = AffectedStatus.AFFECTED;
      } else if ("affected".equals(defaultStatus)) {
        status = AffectedStatus.AFFECTED;
        if (exceptions.isEmpty()) {
          ranges.add(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"))));
        } else if (onlySingleUnaffected) {
          Cve5Versions.branchFixes(scheme, unaffectedVersions)
              .ifPresent(events -> ranges.add(new AffectedRange.Events("ECOSYSTEM", events)));
        }
      } else if ("unaffected".equals(defaultStatus)) {
        status = AffectedStatus.NOT_AFFECTED;
      } else {
        return; // neither affected versions nor a default: nothing usable
      }
      if (!versionTypes.isEmpty()) {
        notes.add("versionType " + String.join(", ", versionTypes));
      }
      if (unspecified) {
        notes.add("versions unspecified");
      }
      if ("affected".equals(defaultStatus) && !exceptions.isEmpty()) {
        notes.add("defaultStatus affected, except unaffected: " + String.join(", ", exceptions));
      }
      for (String name : names) {
        List<String> packageNotes = new ArrayList<>(notes);
        List<String> versioned = cpeNames.getOrDefault(name, List.of());
        if (!versioned.isEmpty()) {
          // The name drops the CPE's version; for "RHEL 8 is not affected" it is the whole point.
          packageNotes.add("cpe " + String.join(", ", versioned));
        }
        out.add(new AffectedPackage(ecosystem, name, null, status, ranges, versions, String.join("; ", packageNotes)));
      }
    }

    /**
     * The events of one {@code versions[]} range: introduced at the start when affected, then one
     * event per status flip in {@code changes} (sorted in {@code scheme}, null for git commit ids,
     * which have no order; see {@link Cve5Versions#events}), then the end if the range is still
     * affected there.
     */
    private List<OsvEvent> events(VersionScheme scheme, String version, String status, JsonNode changes,
        String lessThan, String lessThanOrEqual, String at) {
      List<Cve5Versions.Change> list = new ArrayList<>(changes.size());
      for (int i = 0; i < changes.size(); i++) {
        String cat = at + ".changes[" + i + "]";
        JsonNode change = object(changes.get(i), cat);
        list.add(new Cve5Versions.Change(requiredText(change, "at", cat),
            status(requiredText(change, "status", cat), cat + ".status")));
      }
      String start = OPEN_STARTS.contains(version.strip().toLowerCase(Locale.ROOT)) ? "0" : version;
      return Cve5Versions.events(scheme, start, status, list, lessThan, lessThanOrEqual);
    }

    private String status(String status, String at) {
      if (!status.equals("affected") && !status.equals("unaffected") && !status.equals("unknown")) {
        throw fail(at, "'" + status + "' is not affected, unaffected or unknown");
      }
      return status;
    }

    private static boolean isNa(String s) {
      return s == null || s.strip().equalsIgnoreCase("n/a");
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
      if (v == null || v.isNull() || v.isMissingNode()) {
        throw fail(place, "missing");
      }
      if (!v.isObject()) {
        throw fail(place, "expected an object");
      }
      return v;
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

    private Instant optionalInstant(JsonNode parent, String field, String place) {
      String text = optionalText(parent, field, place);
      return text == null ? null : instant(text, place + "." + field);
    }

    private Instant instant(String text, String place) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        // NB: some producers omit the zone ("2024-05-28T18:17:55.534812"); CVE Services means UTC.
        try {
          return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          throw fail(place, "'" + text + "' is not an ISO-8601 date-time");
        }
      }
    }

    private FeedFormatException fail(String place, String reason) {
      return new FeedFormatException(name, id == null ? place : id + " " + place, reason);
    }
  }
}
