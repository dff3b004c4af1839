package org.patchwarden.formats.inventory.npm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.CappedInputStream;
import org.patchwarden.formats.Json;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.InventoryReader;
import org.patchwarden.formats.inventory.PurlPackages;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

/**
 * Reads the packages an npm {@code package-lock.json} (or {@code npm-shrinkwrap.json}) installs, as
 * a stream: one lock entry in memory at a time.
 *
 * <p>Lockfile versions 2 and 3 are read from their {@code packages} map, keyed by install path
 * ({@code node_modules/a/node_modules/@scope/b}): the package is named after the last {@code
 * node_modules} segment, or by the entry's {@code name} when it is installed under an alias. The
 * root entry ({@code ""}), workspace folders and {@code link} entries are the project's own code and
 * are skipped. Version 1 (npm 5 and 6) has only the {@code dependencies} tree, which is read
 * recursively; in version 2 the same tree is a copy of {@code packages} kept for old npm and is
 * ignored. Development dependencies are included: the lockfile does not say what was deployed.
 */
public final class PackageLockReader implements InventoryReader {
  private static final String NODE_MODULES = "node_modules/";
  /** Nesting of the version 1 tree beyond which the lockfile is refused; npm flattens to a few levels. */
  private static final int MAX_V1_DEPTH = 48;

  private final ReadLimits limits;

  public PackageLockReader() {
    this(ReadLimits.JSON_DOCUMENT);
  }

  public PackageLockReader(ReadLimits limits) {
    this.limits = limits;
  }

  @Override
  public ReadLimits limits() {
    return limits;
  }

  @Override
  public CollectedPackages read(InputStream in, String source) {
    try (JsonParser p = Json.mapper().createParser(new CappedInputStream(in, limits.maxBytes(), source))) {
      return readLock(p, source);
    } catch (JsonProcessingException e) {
      throw Json.malformed(source, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  private CollectedPackages readLock(JsonParser p, String source) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new FeedFormatException(source, Json.where(p.currentLocation()),
          "expected a JSON object (a package-lock.json)");
    }
    CollectedPackages.Builder fromPackages = new CollectedPackages.Builder(source, limits);
    // NB: version 1 keeps only this tree; a version 2 lock keeps it too, as a copy for npm 6. Which one
    // counts is known only once lockfileVersion and packages are seen, so both are kept apart until then.
    CollectedPackages.Builder fromDependencies = new CollectedPackages.Builder(source, limits);
    Integer lockfileVersion = null;
    boolean sawPackages = false;
    boolean sawDependencies = false;
    String name = "";
    String version = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "lockfileVersion" -> {
          if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new FeedFormatException(source, "lockfileVersion", "expected an integer");
          }
          lockfileVersion = p.getIntValue();
        }
        case "name" -> name = value == JsonToken.VALUE_STRING ? p.getText() : "";
        case "version" -> version = value == JsonToken.VALUE_STRING ? p.getText() : "";
        case "packages" -> {
          sawPackages = true;
          packages(p, value, fromPackages);
        }
        case "dependencies" -> {
          sawDependencies = true;
          // Not yet known to be a lockfile and not shaped like one: leave the verdict to lockfileVersion.
          if (lockfileVersion != null && lockfileVersion >= 2 || sawPackages
              || lockfileVersion == null && value != JsonToken.START_OBJECT) {
            p.skipChildren();
          } else {
            topDependencies(p, value, fromDependencies);
          }
        }
        default -> p.skipChildren();
      }
    }
    if (p.nextToken() != null) {
      throw new FeedFormatException(source, Json.where(p.currentLocation()), "content after the end of the lockfile");
    }
    if (lockfileVersion == null) {
      throw new FeedFormatException(source, "lockfileVersion", "missing; is this an npm package-lock.json?");
    }
    CollectedPackages.Builder out;
    if (lockfileVersion >= 2) {
      if (!sawPackages) {
        throw new FeedFormatException(source, "packages", "missing from a lockfileVersion " + lockfileVersion + " lockfile");
      }
      out = fromPackages;
      if (lockfileVersion > 3) {
        out.warn("lockfileVersion", lockfileVersion + " is newer than 3; read as 3");
      }
    } else if (lockfileVersion == 1) {
      if (!sawDependencies) {
        throw new FeedFormatException(source, "dependencies", "missing from a lockfileVersion 1 lockfile");
      }
      out = fromDependencies;
    } else {
      throw new FeedFormatException(source, "lockfileVersion", lockfileVersion + " is not an npm lockfile version (1, 2 or 3)");
    }
    return out.subject(name, version).build();
  }

  private void packages(JsonParser p, JsonToken start, CollectedPackages.Builder out) throws IOException {
    String source = out.source();
    if (start != JsonToken.START_OBJECT) {
      throw new FeedFormatException(source, "packages", "expected an object keyed by install path");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String path = p.currentName();
      String place = "packages[\"" + path + "\"]";
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new FeedFormatException(source, place, "expected an object");
      }
      JsonNode entry = p.readValueAsTree();
      out.count(place);
      int last = path.lastIndexOf(NODE_MODULES);
      // The root project (""), its workspace folders and the links to them are the project's own code.
      if (last < 0 || entry.path("link").asBoolean(false)) {
        continue;
      }
      String installedAs = path.substring(last + NODE_MODULES.length());
      String name = Json.string(entry, "name", place, source);
      if (name.isEmpty()) {
        name = installedAs;
      }
      String version = Json.string(entry, "version", place, source);
      if (installedAs.isEmpty() || version.isEmpty()) {
        out.warn(place, "no package name or version; skipped");
        continue;
      }
      add(name, version, out, place);
    }
  }

  /** Version 1, streamed one top-level dependency (with its nested tree) at a time. */
  private void topDependencies(JsonParser p, JsonToken start, CollectedPackages.Builder out) throws IOException {
    if (start != JsonToken.START_OBJECT) {
      throw new FeedFormatException(out.source(), "dependencies", "expected an object keyed by package name");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      dependency(name, p.readValueAsTree(), "dependencies[\"" + name + "\"]", 1, out);
    }
  }

  /** Version 1: {@code {name: {version, dependencies: {...}}}}, recursively. */
  private void dependencies(JsonNode tree, String place, int depth, CollectedPackages.Builder out) {
    if (!tree.isObject()) {
      throw new FeedFormatException(out.source(), place, "expected an object keyed by package name");
    }
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      dependency(e.getKey(), e.getValue(), place + "[\"" + e.getKey() + "\"]", depth, out);
    }
  }

  private void dependency(String key, JsonNode entry, String here, int depth, CollectedPackages.Builder out) {
    String source = out.source();
    if (depth > MAX_V1_DEPTH) {
      throw new FeedFormatException(source, here, "dependencies nested deeper than " + MAX_V1_DEPTH);
    }
    String name = key;
    if (entry == null || !entry.isObject()) {
      throw new FeedFormatException(source, here, "expected an object");
    }
    out.count(here);
    String version = Json.string(entry, "version", here, source);
    if (version.startsWith("npm:")) {
      // NB: npm 6 writes an alias install as version "npm:real-name@1.2.3".
      String aliased = version.substring(4);
      int at = aliased.lastIndexOf('@');
      if (at > 0) {
        name = aliased.substring(0, at);
        version = aliased.substring(at + 1);
      }
    }
    if (version.isEmpty()) {
      out.warn(here, "no version; skipped");
    } else if (version.indexOf(':') >= 0 || version.indexOf('/') >= 0) {
      out.warn(here, "version '" + version + "' is a git, file or URL source, not a registry version; skipped");
    } else {
      add(name, version, out, here);
    }
    JsonNode nested = entry.get("dependencies");
    if (nested != null && !nested.isNull()) {
      dependencies(nested, here + ".dependencies", depth + 1, out);
    }
  }

  private static void add(String name, String version, CollectedPackages.Builder out, String place) {
    int slash = name.startsWith("@") ? name.indexOf('/') : -1;
    String purl = slash > 0
        ? PurlPackages.purl("npm", name.substring(0, slash), name.substring(slash + 1), version)
        : PurlPackages.purl("npm", null, name, version);
    out.add(new InstalledPackage("npm", name, version, "", "", "", purl), place);
  }
}
