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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.patchwarden.advisory.AttackObject;
import org.patchwarden.advisory.AttackTactic;
import org.patchwarden.advisory.AttackTechnique;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.Json;
import org.patchwarden.formats.SortedFileWalk;

/**
 * Reads MITRE ATT&CK tactics and techniques from STIX: one bundle (STIX 2.1, e.g. {@code
 * ics-attack-18.1.json}) streamed object by object, or mitre/cti's one-object-per-file STIX 2.0
 * directory layout ({@code enterprise-attack/attack-pattern/*.json}, …) walked in sorted order.
 *
 * <p>Only {@code x-mitre-tactic} and {@code attack-pattern} objects become records; the version is
 * the {@code x-mitre-collection}'s {@code x_mitre_version} (the ATT&CK release, e.g. {@code 18.1}).
 * The matrix's {@code x_mitre_version} is deliberately not used: it is the matrix object's own
 * version ({@code 1.0} in every release) and would make different releases look equal. mitre/cti's
 * layout has no collection object, so it reads with version {@code ""} (the loader then hashes).
 */
public final class AttackStixReader implements FeedSnapshot<AttackObject> {
  // Kill chains and external-reference sources of the three domains: mitre-attack,
  // mitre-ics-attack, mitre-mobile-attack (ICS objects use both of the first two).
  private static final Pattern MITRE_SOURCE = Pattern.compile("mitre(-[a-z]+)?-attack");
  private static final Pattern DOMAIN = Pattern.compile("[a-z]+-attack");
  private static final Pattern TACTIC_ID = Pattern.compile("TA\\d{4}");
  private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");
  // mitre/cti keeps one directory per STIX type; these hold nothing this reader uses, and
  // relationship/ alone has some 20,000 files, so they are not opened.
  private static final Set<String> UNUSED_TYPE_DIRECTORIES = Set.of("relationship", "malware", "tool",
      "intrusion-set", "course-of-action", "campaign", "identity", "marking-definition", "x-mitre-data-source",
      "x-mitre-data-component", "x-mitre-detection-strategy", "x-mitre-analytic", "x-mitre-asset");

  private final InputStream in;
  private final String source;
  private final Path path;

  private String version;
  private String versionSource;
  private Instant released;

  /**
   * Reads one STIX bundle.
   *
   * @param in the bundle bytes; not closed by the reader
   * @param source names the input in error messages (a path or URL)
   */
  public AttackStixReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
    this.path = null;
  }

  /**
   * Reads a bundle file, or every {@code *.json} bundle under a directory (mitre/cti's layout).
   */
  public AttackStixReader(Path path) {
    this.in = null;
    this.source = path.toString();
    this.path = path;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super AttackObject> sink) {
    if (path == null) {
      readBundle(in, source, null, sink);
    } else if (Files.isDirectory(path)) {
      SortedFileWalk.walk(path, ".json",
          dir -> !UNUSED_TYPE_DIRECTORIES.contains(dir.getFileName().toString()),
          file -> readFile(file, sink));
    } else {
      readFile(path, sink);
    }
    return new FeedHeader(version == null ? "" : version, released);
  }

  private void readFile(Path file, Consumer<? super AttackObject> sink) {
    SortedFileWalk.checkSize(file);
    try (InputStream fileIn = Files.newInputStream(file)) {
      readBundle(fileIn, file.toString(), domainOfPath(file), sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** mitre/cti names its top directories after the domain: {@code enterprise-attack/attack-pattern/…}. */
  private static String domainOfPath(Path file) {
    for (Path p = file.getParent(); p != null && p.getFileName() != null; p = p.getParent()) {
      String name = p.getFileName().toString();
      if (name.equals("enterprise-attack") || name.equals("mobile-attack") || name.equals("ics-attack")) {
        return name;
      }
    }
    return null;
  }

  private void readBundle(InputStream bytes, String src, String pathDomain, Consumer<? super AttackObject> sink) {
    try (JsonParser p = Json.mapper().createParser(bytes)) {
      new Bundle(src, pathDomain).read(p, sink);
    } catch (JsonProcessingException e) {
      throw Json.malformed(src, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + src, e);
    }
  }

  /** The state of reading one bundle. */
  private final class Bundle {
    private final String src;
    private String domain;

    Bundle(String src, String pathDomain) {
      this.src = src;
      this.domain = pathDomain;
    }

    void read(JsonParser p, Consumer<? super AttackObject> sink) throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new FeedFormatException(src, Json.where(p.currentTokenLocation()),
            "expected a JSON object (a STIX bundle)");
      }
      boolean objects = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "type" -> {
            if (value != JsonToken.VALUE_STRING || !p.getText().equals("bundle")) {
              throw new FeedFormatException(src, "type", "expected \"bundle\", found " + p.getText());
            }
          }
          case "objects" -> {
            readObjects(p, value, sink);
            objects = true;
          }
          default -> p.skipChildren();
        }
      }
      if (!objects) {
        throw new FeedFormatException(src, "objects", "missing; is this a STIX bundle?");
      }
    }

    private void readObjects(JsonParser p, JsonToken start, Consumer<? super AttackObject> sink) throws IOException {
      if (start != JsonToken.START_ARRAY) {
        throw new FeedFormatException(src, "objects", "expected an array");
      }
      int index = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw new FeedFormatException(src, "objects[" + index + "]", "expected an object");
        }
        JsonNode node = p.readValueAsTree();
        object(node, index, sink);
        index++;
      }
    }

    private void object(JsonNode n, int index, Consumer<? super AttackObject> sink) {
      String id = n.path("id").asText("");
      String place = "objects[" + index + "]" + (id.isEmpty() ? "" : " (" + id + ")");
      JsonNode type = n.get("type");
      if (type == null || !type.isTextual()) {
        throw new FeedFormatException(src, place, "missing type");
      }
      switch (type.asText()) {
        case "x-mitre-collection" -> collection(n, place);
        case "x-mitre-matrix" -> {
          // The matrix names the bundle's domain (external_id "ics-attack"), used for objects
          // that do not list their own x_mitre_domains.
          String matrixDomain = externalId(n, place, DOMAIN, "domain");
          domain = domain == null ? matrixDomain : domain;
        }
        case "x-mitre-tactic" -> sink.accept(new AttackTactic(
            externalId(n, place, TACTIC_ID, "tactic id"),
            text(n, "x_mitre_shortname", place),
            text(n, "name", place),
            domain(n, place)));
        case "attack-pattern" -> sink.accept(new AttackTechnique(
            externalId(n, place, TECHNIQUE_ID, "technique id"),
            text(n, "name", place),
            tactics(n, place),
            flag(n, "revoked", place),
            flag(n, "x_mitre_deprecated", place),
            domain(n, place)));
        default -> { } // relationships, groups, software, mitigations …: not used here
      }
    }

    private void collection(JsonNode n, String place) {
      String v = text(n, "x_mitre_version", place);
      if (version != null && !version.equals(v)) {
        throw new FeedFormatException(src, place, "ATT&CK version " + v + " differs from " + version
            + " declared by " + versionSource + "; one snapshot must hold one release");
      }
      version = v;
      versionSource = src;
      JsonNode modified = n.get("modified");
      if (modified != null && modified.isTextual()) {
        try {
          Instant m = Instant.parse(modified.asText());
          released = released == null || m.isAfter(released) ? m : released;
        } catch (DateTimeParseException e) {
          throw new FeedFormatException(src, place + ".modified", "'" + modified.asText() + "' is not an ISO-8601 instant");
        }
      }
    }

    private String externalId(JsonNode n, String place, Pattern syntax, String what) {
      JsonNode refs = n.get("external_references");
      if (refs == null || !refs.isArray()) {
        throw new FeedFormatException(src, place, "missing external_references (the ATT&CK id)");
      }
      for (JsonNode ref : refs) {
        JsonNode sourceName = ref.get("source_name");
        JsonNode externalId = ref.get("external_id");
        if (sourceName != null && MITRE_SOURCE.matcher(sourceName.asText()).matches()
            && externalId != null && externalId.isTextual()) {
          String id = externalId.asText();
          if (!syntax.matcher(id).matches()) {
            throw new FeedFormatException(src, place + ".external_references", "'" + id + "' is not a " + what);
          }
          return id;
        }
      }
      throw new FeedFormatException(src, place + ".external_references",
          "no reference with source_name mitre-attack and an external_id");
    }

    private List<String> tactics(JsonNode n, String place) {
      JsonNode phases = n.get("kill_chain_phases");
      List<String> tactics = new ArrayList<>();
      if (phases == null || phases.isNull()) {
        return tactics; // revoked objects may carry none
      }
      if (!phases.isArray()) {
        throw new FeedFormatException(src, place + ".kill_chain_phases", "expected an array");
      }
      int i = 0;
      for (JsonNode phase : phases) {
        if (MITRE_SOURCE.matcher(phase.path("kill_chain_name").asText("")).matches()) {
          JsonNode name = phase.get("phase_name");
          if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw new FeedFormatException(src, place + ".kill_chain_phases[" + i + "]", "missing phase_name");
          }
          if (!tactics.contains(name.asText())) {
            tactics.add(name.asText());
          }
        }
        i++;
      }
      return tactics;
    }

    private String domain(JsonNode n, String place) {
      JsonNode domains = n.get("x_mitre_domains");
      if (domains != null && domains.isArray() && !domains.isEmpty()) {
        // An object shared by several domains belongs, in this bundle, to the bundle's domain.
        for (JsonNode d : domains) {
          if (d.asText().equals(domain)) {
            return domain;
          }
        }
        String first = domains.get(0).asText("");
        if (!DOMAIN.matcher(first).matches()) {
          throw new FeedFormatException(src, place + ".x_mitre_domains", "'" + first + "' is not an ATT&CK domain");
        }
        return first;
      }
      if (domain == null) {
        throw new FeedFormatException(src, place, "no x_mitre_domains, and the bundle names no domain (matrix)");
      }
      return domain;
    }

    private String text(JsonNode n, String field, String place) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        throw new FeedFormatException(src, place, "missing " + field);
      }
      if (!v.isTextual() || v.asText().isEmpty()) {
        throw new FeedFormatException(src, place + "." + field, "expected a non-empty string");
      }
      return v.asText();
    }

    private boolean flag(JsonNode n, String field, String place) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        return false;
      }
      if (!v.isBoolean()) {
        throw new FeedFormatException(src, place + "." + field, "expected true or false");
      }
      return v.asBoolean();
    }
  }
}
