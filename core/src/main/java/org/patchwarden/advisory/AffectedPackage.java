package org.patchwarden.advisory;

import java.util.List;
import java.util.Objects;

/**
 * A package (or CPE product) an advisory names, with what it says about it.
 *
 * @param ecosystem OSV-style ecosystem, release included where the source gives one: {@code
 *     Debian:11}, {@code AlmaLinux:9}, {@code PyPI}, {@code Go}, {@code npm}; {@code cpe} for NVD
 *     CPE matches (name is then {@code vendor:product})
 * @param name the package name as the ecosystem spells it (Debian: the source package)
 * @param purl the package URL when the source gives one, else null
 * @param ranges affected ranges; empty with an explicit {@code versions} list or a non-AFFECTED status
 * @param versions explicitly enumerated affected versions
 * @param note free text the source attached (Debian's "bug #123", urgency), or empty
 */
public record AffectedPackage(String ecosystem, String name, String purl, AffectedStatus status,
    List<AffectedRange> ranges, List<String> versions, String note) {
  public AffectedPackage {
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
    note = note == null ? "" : note;
  }
}
