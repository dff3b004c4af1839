package org.patchwarden.formats.inventory.pypi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.CappedInputStream;
import org.patchwarden.formats.Json;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.InventoryReader;
import org.patchwarden.formats.inventory.PurlPackages;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

/**
 * Reads the packages of a Poetry {@code poetry.lock} (lock formats 1.x and 2.x): each {@code
 * [[package]]} table's {@code name} and {@code version}. TOML is read whole into a tree, so the
 * input is capped lower than the streaming readers' (see {@link #DEFAULT_LIMITS}); real lock files
 * are a few MiB at most. Packages from a local directory are the project's own code and are listed
 * as warnings.
 */
public final class PoetryLockReader implements InventoryReader {
  /** 32 MiB: a lock file holds one hash line per distribution file, so even large projects stay under 5 MiB. */
  public static final ReadLimits DEFAULT_LIMITS = ReadLimits.DEFAULT.withMaxBytes(32L << 20);

  private static final TomlMapper MAPPER = new TomlMapper(TomlFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Json.MAX_STRING)
          .maxNestingDepth(Json.MAX_DEPTH)
          .maxNumberLength(64)
          .build())
      .build());

  private final ReadLimits limits;

  public PoetryLockReader() {
    this(DEFAULT_LIMITS);
  }

  public PoetryLockReader(ReadLimits limits) {
    this.limits = limits;
  }

  @Override
  public ReadLimits limits() {
    return limits;
  }

  @Override
  public CollectedPackages read(InputStream in, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(new CappedInputStream(in, limits.maxBytes(), source));
    } catch (JsonProcessingException e) {
      throw new FeedFormatException(source, Json.where(e.getLocation()),
          "malformed TOML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    CollectedPackages.Builder out = new CollectedPackages.Builder(source, limits);
    JsonNode packages = root == null ? null : root.get("package");
    if (packages == null) {
      if (root != null && root.path("metadata").has("content-hash")) {
        return out.build(); // a project without dependencies
      }
      throw new FeedFormatException(source, "[[package]]", "no package tables and no [metadata]; is this a poetry.lock?");
    }
    if (!packages.isArray()) {
      throw new FeedFormatException(source, "package", "expected [[package]] tables");
    }
    String lockVersion = root.path("metadata").path("lock-version").asText("");
    if (!lockVersion.isEmpty() && !lockVersion.startsWith("1.") && !lockVersion.startsWith("2.")) {
      out.warn("metadata.lock-version", lockVersion + " is newer than the 2.x this reader knows; read as 2.x");
    }
    for (int i = 0; i < packages.size(); i++) {
      JsonNode p = packages.get(i);
      String place = "[[package]] #" + (i + 1);
      if (!p.isObject()) {
        throw new FeedFormatException(source, place, "expected a table");
      }
      String name = Json.string(p, "name", place, source);
      String version = Json.string(p, "version", place, source);
      place = place + " (" + name + ")";
      out.count(place);
      if (name.isEmpty() || version.isEmpty()) {
        throw new FeedFormatException(source, place, "missing name or version");
      }
      String sourceType = p.path("source").path("type").asText("");
      if (sourceType.equals("directory")) {
        out.warn(place, "installed from the local directory '" + p.path("source").path("url").asText("")
            + "'; the project's own code is not matched");
        continue;
      }
      String normalized = PurlPackages.pep503(name);
      out.add(new InstalledPackage("pypi", normalized, version, "", "", "",
          PurlPackages.purl("pypi", null, normalized, version)), place);
    }
    return out.build();
  }
}
