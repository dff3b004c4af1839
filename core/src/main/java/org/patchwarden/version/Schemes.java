package org.patchwarden.version;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of version schemes, looked up by our short names ({@code deb}) or by the ecosystem
 * names feeds use (OSV's {@code Debian:12}, {@code Red Hat}, {@code PyPI} …).
 */
public final class Schemes {
  private static final Map<String, VersionScheme> BY_NAME = new LinkedHashMap<>();
  private static final Map<String, VersionScheme> BY_ALIAS = new LinkedHashMap<>();

  static {
    // register(scheme, aliases...): aliases are lower-case ecosystem names without a release suffix.
    register(new DebianVersionScheme(), "debian", "ubuntu", "dpkg");
    register(new RpmVersionScheme(), "red hat", "redhat", "almalinux", "rocky linux", "rocky", "fedora",
        "centos", "opensuse", "suse", "sles", "oracle linux", "mageia", "openeuler");
    register(new ApkVersionScheme(), "alpine", "wolfi", "chainguard", "alpaquita");
    register(new Pep440VersionScheme(), "pypi", "python", "pip");
    register(new RubyGemsVersionScheme(), "rubygems", "gem", "ruby");
    register(new NpmVersionScheme(), "npm", "semver", "javascript", "node");
    register(new GoVersionScheme(), "go", "golang");
    register(new MavenVersionScheme(), "maven");
    register(new NuGetVersionScheme(), "nuget");
    register(new PanOsVersionScheme(), "panos");
    register(new GenericVersionScheme(), "generic", "cpe", "firmware");
  }

  private Schemes() {}

  private static void register(VersionScheme scheme, String... aliases) {
    BY_NAME.put(scheme.name(), scheme);
    BY_ALIAS.put(scheme.name(), scheme);
    for (String alias : aliases) {
      BY_ALIAS.put(alias, scheme);
    }
  }

  /** Every registered scheme, in a stable order. */
  public static List<VersionScheme> all() {
    return List.copyOf(BY_NAME.values());
  }

  /**
   * The scheme for a short name or an ecosystem name; a release suffix ({@code Debian:12},
   * {@code AlmaLinux:9}) is ignored, case is not significant.
   */
  public static Optional<VersionScheme> find(String ecosystem) {
    if (ecosystem == null) {
      return Optional.empty();
    }
    String key = ecosystem.strip().toLowerCase(Locale.ROOT);
    int colon = key.indexOf(':');
    if (colon > 0) {
      key = key.substring(0, colon).strip();
    }
    return Optional.ofNullable(BY_ALIAS.get(key));
  }

  /**
   * The scheme of a product's versions, for a CPE or CVE 5 product named {@code vendor:product} in
   * any spelling ({@code paloaltonetworks:pan-os}, {@code Palo Alto Networks:PAN-OS}): PAN-OS has its
   * own ({@code 10.2.9-h1}), every other product is read as firmware ({@code generic}).
   */
  public static VersionScheme forProduct(String vendorProduct) {
    String reduced = vendorProduct.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9:]", "");
    return reduced.equals("paloaltonetworks:panos") ? BY_NAME.get(PanOsVersionScheme.NAME)
        : BY_NAME.get(GenericVersionScheme.NAME);
  }

  /** Like {@link #find}, failing with the list of known names. */
  public static VersionScheme forEcosystem(String ecosystem) {
    return find(ecosystem)
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown ecosystem '" + ecosystem + "'; known: " + String.join(", ", BY_NAME.keySet())));
  }
}
