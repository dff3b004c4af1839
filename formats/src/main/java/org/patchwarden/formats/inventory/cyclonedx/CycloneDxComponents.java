package org.patchwarden.formats.inventory.cyclonedx;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.PurlPackages;
import org.patchwarden.inventory.InstalledPackage;

/** The rules both CycloneDX bindings share: which spec versions are read, how a component becomes a package. */
final class CycloneDxComponents {
  private static final Pattern SPEC = Pattern.compile("1\\.(\\d{1,2})");
  /** Components nested deeper than this are refused: real BOMs nest a handful of levels. */
  static final int MAX_NESTING = 32;

  private CycloneDxComponents() {}

  /**
   * Checks the spec version: 1.4 to 1.6 are what this reader was written against; other 1.x keep the
   * same component shape, so they are read with a warning.
   *
   * @return the reason the version is refused, or empty when it is read
   */
  static Optional<String> checkSpecVersion(String specVersion, CollectedPackages.Builder out) {
    Matcher m = SPEC.matcher(specVersion);
    if (!m.matches()) {
      return Optional.of("specVersion '" + specVersion + "' is not a CycloneDX 1.x version");
    }
    int minor = Integer.parseInt(m.group(1));
    if (minor < 4 || minor > 6) {
      out.warn("specVersion", "CycloneDX " + specVersion + " is outside 1.4–1.6; components read as in 1.6");
    }
    return Optional.empty();
  }

  /**
   * Adds the package a component names, by purl, else by CPE; warns when it names none.
   *
   * @param type the component type ({@code library}, {@code file}, {@code operating-system} …), or empty
   */
  static void add(String type, String name, String version, String purl, String cpe, CollectedPackages.Builder out,
      String place) {
    out.count(place);
    Optional<InstalledPackage> pkg = Optional.empty();
    if (!purl.isEmpty()) {
      pkg = PurlPackages.fromPurl(purl, version, out, place);
    }
    if (pkg.isEmpty() && !cpe.isEmpty()) {
      pkg = PurlPackages.fromCpe(cpe, version, out, place);
    }
    if (pkg.isPresent()) {
      out.add(pkg.get(), place);
      return;
    }
    if (purl.isEmpty() && cpe.isEmpty()) {
      // NB: Syft lists every file it looked at as a component of type file; they are not packages.
      if (type.equals("file")) {
        return;
      }
      out.warn(place, (type.isEmpty() ? "component" : type) + " '" + name + "'"
          + (version.isEmpty() ? "" : " " + version) + " has neither purl nor cpe; it cannot be matched");
    }
  }
}
