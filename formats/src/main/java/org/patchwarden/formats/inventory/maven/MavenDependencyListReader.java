package org.patchwarden.formats.inventory.maven;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.BoundedLines;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.InventoryReader;
import org.patchwarden.formats.inventory.PurlPackages;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

/**
 * Reads the artifacts Maven resolved for a project from the output of {@code mvn dependency:list}:
 * either the build log ({@code [INFO]    g:a:jar:1.0:compile}) or the file written with {@code
 * -DoutputFile}, line by line. Coordinates are {@code group:artifact:type[:classifier]:version:scope},
 * optionally followed by {@code (optional)}, {@code -- module name} or, with {@code
 * -DoutputAbsoluteArtifactFilename}, the artifact's path; every scope is kept, test included, since
 * the listing does not say what was deployed. The indented lines of {@code dependency:tree} are read
 * the same way.
 */
public final class MavenDependencyListReader implements InventoryReader {
  private static final String HEADER = "The following files have been resolved:";
  private static final Set<String> SCOPES = Set.of("compile", "provided", "runtime", "test", "system", "import");
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
  private static final Pattern LOG_LEVEL = Pattern.compile("^\\[(INFO|WARNING|WARN|ERROR|DEBUG)\\]\\s?");
  /** dependency:tree's branches: {@code +- }, {@code \- }, {@code |  }. */
  private static final Pattern TREE = Pattern.compile("^[|+\\\\\\- ]+");

  private final ReadLimits limits;

  public MavenDependencyListReader() {
    this(ReadLimits.DEFAULT);
  }

  public MavenDependencyListReader(ReadLimits limits) {
    this.limits = limits;
  }

  @Override
  public ReadLimits limits() {
    return limits;
  }

  @Override
  public CollectedPackages read(InputStream in, String source) {
    CollectedPackages.Builder out = new CollectedPackages.Builder(source, limits);
    BoundedLines lines = limits.lines(in, source);
    boolean sawHeader = false;
    boolean inSection = false;
    int coordinates = 0;
    for (String raw = lines.next(); raw != null; raw = lines.next()) {
      String line = LOG_LEVEL.matcher(ANSI.matcher(raw).replaceAll("")).replaceFirst("");
      String place = "line " + lines.number();
      if (line.strip().equals(HEADER)) {
        sawHeader = true;
        inSection = true;
        continue;
      }
      String body = TREE.matcher(line).replaceFirst("").strip();
      if (body.isEmpty()) {
        inSection = false;
        continue;
      }
      int space = body.indexOf(' ');
      String token = space < 0 ? body : body.substring(0, space);
      String[] parts = token.split(":");
      int scope = scopeIndex(parts);
      if (scope < 0) {
        if (inSection && !body.equals("none") && token.indexOf(':') > 0) {
          out.warn(place, "'" + token + "' is not group:artifact:type[:classifier]:version:scope; skipped");
        }
        continue;
      }
      coordinates++;
      out.count(place);
      String group = parts[0];
      String artifact = parts[1];
      String type = parts[2];
      String classifier = scope == 5 ? parts[3] : "";
      String version = parts[scope - 1];
      if (group.isEmpty() || artifact.isEmpty() || version.isEmpty()) {
        out.warn(place, "'" + token + "' has an empty group, artifact or version; skipped");
        continue;
      }
      Map<String, String> qualifiers = new LinkedHashMap<>();
      if (!classifier.isEmpty()) {
        qualifiers.put("classifier", classifier);
      }
      if (!type.equals("jar")) {
        qualifiers.put("type", type);
      }
      out.add(new InstalledPackage("maven", group + ":" + artifact, version, "", "", "",
          PurlPackages.purl("maven", group, artifact, version, qualifiers)), place);
    }
    if (coordinates == 0 && !sawHeader) {
      throw new FeedFormatException(source, "end of input", "no artifact coordinates and no '" + HEADER
          + "' header; is this the output of mvn dependency:list?");
    }
    return out.build();
  }

  /** Where the scope is: 4 without classifier, 5 with one; -1 when these are not dependency coordinates. */
  private static int scopeIndex(String[] parts) {
    for (int i = 4; i <= 5 && i < parts.length; i++) {
      if (SCOPES.contains(parts[i])) {
        return i;
      }
    }
    return -1;
  }
}
