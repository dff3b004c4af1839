package org.patchwarden.formats.feed.attack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchwarden.advisory.AttackMapping;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.Json;
import org.patchwarden.formats.SortedFileWalk;

/**
 * Reads the Center for Threat-Informed Defense Mappings Explorer JSON (KEV → ATT&CK mappings), one
 * file or every {@code *.json} under a directory (e.g. {@code kev-07.28.2025/{enterprise,mobile}}),
 * streaming {@code mapping_objects} one mapping at a time.
 *
 * <p>Mappings whose {@code status} is {@code in_progress} or {@code non_mappable}, or that name no
 * ATT&CK object, are skipped: they say nothing about a technique. The header version is built from
 * the metadata, e.g. {@code kev-2025-07-28@attack-16.1}, released on its {@code last_update}.
 */
public final class MappingsExplorerReader implements FeedSnapshot<AttackMapping> {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}");
  private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");
  private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
  private static final Set<String> STATUSES = Set.of("complete", "in_progress", "non_mappable");

  private final InputStream in;
  private final String source;
  private final Path path;

  private String version;
  private String versionSource;
  private Instant released;

  /**
   * Reads one mappings file.
   *
   * @param in the JSON bytes; not closed by the reader
   * @param source names the input in error messages (a path or URL)
   */
  public MappingsExplorerReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
    this.path = null;
  }

  /** Reads a mappings file, or every {@code *.json} file under a directory, in sorted order. */
  public MappingsExplorerReader(Path path) {
    this.in = null;
    this.source = path.toString();
    this.path = path;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super AttackMapping> sink) {
    if (path == null) {
      readFile(in, source, sink);
    } else if (Files.isDirectory(path)) {
      SortedFileWalk.walk(path, ".json", dir -> true, file -> readFile(file, sink));
    } else {
      readFile(path, sink);
    }
    if (version == null) {
      throw new FeedFormatException(source, "metadata", "no mappings file found");
    }
    return new FeedHeader(version, released);
  }

  private void readFile(Path file, Consumer<? super AttackMapping> sink) {
    SortedFileWalk.checkSize(file);
    try (InputStream fileIn = Files.newInputStream(file)) {
      readFile(fileIn, file.toString(), sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void readFile(InputStream bytes, String src, Consumer<? super AttackMapping> sink) {
    try (JsonParser p = Json.mapper().createParser(bytes)) {
      read(p, src, sink);
    } catch (JsonProcessingException e) {
      throw Json.malformed(src, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + src, e);
    }
  }

  private void read(JsonParser p, String src, Consumer<? super AttackMapping> sink) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new FeedFormatException(src, Json.where(p.currentTokenLocation()),
          "expected a JSON object (a Mappings Explorer file)");
    }
    Metadata metadata = null;
    boolean mappings = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "metadata" -> {
          if (value != JsonToken.START_OBJECT) {
            throw new FeedFormatException(src, "metadata", "expected an object");
          }
          metadata = metadata(p.readValueAsTree(), src);
        }
        case "mapping_objects" -> {
          if (metadata == null) {
            // Each mapping takes its ATT&CK version from the metadata; Mappings Explorer always
            // writes metadata first, which lets the mappings stream without being held.
            throw new FeedFormatException(src, "mapping_objects", "comes before metadata; expected metadata first");
          }
          readMappings(p, value, src, metadata, sink);
          mappings = true;
        }
        default -> p.skipChildren();
      }
    }
    if (metadata == null) {
      throw new FeedFormatException(src, "metadata", "missing; is this a Mappings Explorer file?");
    }
    if (!mappings) {
      throw new FeedFormatException(src, "mapping_objects", "missing; is this a Mappings Explorer file?");
    }
  }

  /** What the metadata says about every mapping of its file. */
  private record Metadata(String attackVersion, Set<String> mappingTypes) {}

  /** Records the file's version label and returns what its mappings need. */
  private Metadata metadata(JsonNode m, String src) {
    String attackVersion = text(m, "attack_version", "metadata", src);
    String framework = text(m, "mapping_framework", "metadata", src);
    String frameworkVersion = text(m, "mapping_framework_version", "metadata", src);
    String mappingVersion = m.path("mapping_version").asText("");
    String label = framework + "-" + isoIfDate(frameworkVersion)
        + (mappingVersion.isEmpty() ? "" : "/" + mappingVersion) + "@attack-" + attackVersion;
    if (version != null && !version.equals(label)) {
      throw new FeedFormatException(src, "metadata", "mapping set " + label + " differs from " + version
          + " of " + versionSource + "; one snapshot must hold one mapping release");
    }
    version = label;
    versionSource = src;
    String dateField = m.hasNonNull("last_update") ? "last_update" : "creation_date";
    String updated = m.path(dateField).asText("");
    if (!updated.isEmpty()) {
      // NB: the metadata gives a date only; it is taken as the start of that day, UTC.
      Instant day = usDate(updated, src, "metadata." + dateField).atStartOfDay(ZoneOffset.UTC).toInstant();
      released = released == null || day.isAfter(released) ? day : released;
    }
    // Mapping types are framework-specific; the metadata declares the ones its mappings may use.
    Set<String> types = new HashSet<>();
    m.path("mapping_types").fieldNames().forEachRemaining(types::add);
    return new Metadata(attackVersion, types);
  }

  private void readMappings(JsonParser p, JsonToken start, String src, Metadata metadata,
      Consumer<? super AttackMapping> sink) throws IOException {
    if (start != JsonToken.START_ARRAY) {
      throw new FeedFormatException(src, "mapping_objects", "expected an array");
    }
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new FeedFormatException(src, "mapping_objects[" + index + "]", "expected an object");
      }
      JsonNode node = p.readValueAsTree();
      AttackMapping mapping = mapping(node, index, src, metadata);
      if (mapping != null) {
        sink.accept(mapping);
      }
      index++;
    }
  }

  private AttackMapping mapping(JsonNode n, int index, String src, Metadata metadata) {
    String cve = n.path("capability_id").asText("");
    String place = "mapping_objects[" + index + "]" + (cve.isEmpty() ? "" : " (" + cve + ")");
    JsonNode status = n.get("status");
    if (status != null && !status.isNull()) {
      if (!STATUSES.contains(status.asText())) {
        throw new FeedFormatException(src, place + ".status", "unknown status '" + status.asText() + "'");
      }
      if (!status.asText().equals("complete")) {
        return null;
      }
    }
    JsonNode technique = n.get("attack_object_id");
    if (technique == null || technique.isNull() || technique.asText().equals("non_mappable")) {
      return null;
    }
    if (!CVE.matcher(cve).matches()) {
      throw new FeedFormatException(src, place, "capability_id '" + cve
          + "' is not a CVE identifier (only CVE mapping projects such as KEV are read)");
    }
    String techniqueId = technique.asText();
    if (!TECHNIQUE_ID.matcher(techniqueId).matches()) {
      throw new FeedFormatException(src, place + ".attack_object_id", "'" + techniqueId + "' is not an ATT&CK technique id");
    }
    String type = text(n, "mapping_type", place, src);
    if (!metadata.mappingTypes().isEmpty() && !metadata.mappingTypes().contains(type)) {
      throw new FeedFormatException(src, place + ".mapping_type",
          "'" + type + "' is not among the metadata's mapping_types " + new TreeSet<>(metadata.mappingTypes()));
    }
    String ownVersion = n.path("attack_version").asText("");
    return new AttackMapping(cve, techniqueId, type, ownVersion.isEmpty() ? metadata.attackVersion() : ownVersion);
  }

  private static String text(JsonNode n, String field, String place, String src) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new FeedFormatException(src, place, "missing " + field);
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new FeedFormatException(src, place + "." + field, "expected a non-empty string");
    }
    return v.asText();
  }

  /** {@code 07/28/2025} → {@code 2025-07-28}; anything else is kept as written. */
  private static String isoIfDate(String s) {
    Matcher m = US_DATE.matcher(s);
    if (!m.matches()) {
      return s;
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
          .toString();
    } catch (DateTimeException e) {
      return s;
    }
  }

  private static LocalDate usDate(String s, String src, String place) {
    Matcher m = US_DATE.matcher(s);
    if (m.matches()) {
      try {
        return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      } catch (DateTimeException e) {
        // falls through to the error below
      }
    }
    throw new FeedFormatException(src, place, "'" + s + "' is not a MM/DD/YYYY date");
  }
}
