package org.patchwarden.formats.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.inventory.InstalledPackage;

/**
 * What an inventory reader found in one file: the packages, the warnings about what it could not
 * turn into a package, and the subject the file describes when it says so.
 *
 * @param packages distinct packages in the order first seen
 * @param warnings human-readable notes naming the place: unpinned requirements, unknown purl types,
 *     includes not followed …
 * @param subjectName the name of what the file describes (CycloneDX {@code metadata.component},
 *     SPDX described package or document, lockfile root project), or empty
 * @param subjectVersion its version, or empty
 * @param skipped reason (a dpkg status, {@code gpg-pubkey}) to how many entries the reader left out
 *     on purpose, sorted by reason, so that a report can say "712 installed, 3 skipped
 *     (deinstall ok config-files)" instead of hiding them
 */
public record CollectedPackages(List<InstalledPackage> packages, List<String> warnings, String subjectName,
    String subjectVersion, Map<String, Integer> skipped) {
  /** Warnings kept in full; past this only their number is kept, so a file of junk lines stays bounded. */
  public static final int MAX_WARNINGS = 1_000;

  public CollectedPackages {
    packages = List.copyOf(packages);
    warnings = List.copyOf(warnings);
    subjectName = Objects.requireNonNullElse(subjectName, "");
    subjectVersion = Objects.requireNonNullElse(subjectVersion, "");
    skipped = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(skipped, "skipped")));
  }

  /** What an SBOM or lockfile reader found: nothing skipped on purpose. */
  public CollectedPackages(List<InstalledPackage> packages, List<String> warnings, String subjectName,
      String subjectVersion) {
    this(packages, warnings, subjectName, subjectVersion, Map.of());
  }

  /** What a package-database reader found: no warnings, no subject. */
  public CollectedPackages(List<InstalledPackage> packages, Map<String, Integer> skipped) {
    this(packages, List.of(), "", "", skipped);
  }

  /** How many entries were left out on purpose, for any reason. */
  public int skippedCount() {
    return skipped.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Accumulates the result of one read, enforcing the package cap. */
  public static final class Builder {
    private final String source;
    private final int maxPackages;
    private final Set<InstalledPackage> packages = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private int entries;
    private int droppedWarnings;
    private String subjectName = "";
    private String subjectVersion = "";

    public Builder(String source, ReadLimits limits) {
      this.source = source;
      this.maxPackages = limits.maxPackages();
    }

    /**
     * Adds a package read from an entry already {@linkplain #count counted}; an exact duplicate (the
     * same coordinates listed twice, as lockfiles and SBOMs do for a package reached by several
     * paths) is kept once.
     *
     * @param place where the package was read, for the error when the cap is passed
     */
    public Builder add(InstalledPackage pkg, String place) {
      if (packages.size() >= maxPackages && !packages.contains(pkg)) {
        throw new FeedFormatException(source, place, "more than " + maxPackages + " packages; refusing to read further");
      }
      packages.add(pkg);
      return this;
    }

    /**
     * Counts one entry read (a component, lock entry, requirement line), whether or not it becomes a
     * package, against the cap: every reader calls it once per entry.
     */
    public Builder count(String place) {
      if (++entries > maxPackages) {
        throw new FeedFormatException(source, place, "more than " + maxPackages + " entries; refusing to read further");
      }
      return this;
    }

    /** Records a warning, prefixed with the place it concerns unless the place is empty. */
    public Builder warn(String place, String message) {
      if (warnings.size() < MAX_WARNINGS) {
        warnings.add(place.isEmpty() ? message : place + ": " + message);
      } else {
        droppedWarnings++;
      }
      return this;
    }

    public Builder subject(String name, String version) {
      this.subjectName = Objects.requireNonNullElse(name, "");
      this.subjectVersion = Objects.requireNonNullElse(version, "");
      return this;
    }

    public String source() {
      return source;
    }

    public CollectedPackages build() {
      List<String> all = new ArrayList<>(warnings);
      if (droppedWarnings > 0) {
        all.add("… and " + droppedWarnings + " more warnings");
      }
      return new CollectedPackages(new ArrayList<>(packages), all, subjectName, subjectVersion);
    }
  }
}
