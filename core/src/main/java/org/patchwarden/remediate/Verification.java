package org.patchwarden.remediate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.ChangeFinding.Outcome;
import org.patchwarden.version.InvalidVersionException;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.VersionScheme;

/**
 * Decides, for each finding of an applied change, whether the fix landed. A finding is verified-fixed
 * only when the asset's inventory taken after the change was applied has the package at or above
 * the fixed version (or no longer has it) <em>and</em> no advisory still matches it. A CVE a network
 * scanner still reports on the asset fails it too. An asset without such an inventory stays pending:
 * a scanner report alone never proves a fix, and a host the scan did not reach proves nothing.
 */
public final class Verification {
  private Verification() {}

  /**
   * What is known of an asset now.
   *
   * @param inventory its newest inventory
   * @param observedAt when a scan last saw it: a rescan that found the inventory unchanged counts too
   */
  public record Observation(Inventory inventory, Instant observedAt) {
    public Observation {
      Objects.requireNonNull(inventory, "inventory");
      Objects.requireNonNull(observedAt, "observedAt");
    }
  }

  /**
   * Checks the change's pending findings.
   *
   * @param observed per asset name, what is known of it now; absent assets stay pending
   * @param current per asset name, its tracked findings as matching left them after that inventory
   * @param reports network-scanner reports; a host is the asset when {@link ScannedHost#isNamed} names it
   * @return every finding of the change, the pending ones checked where evidence allows
   */
  public static List<ChangeFinding> check(Change change, Map<String, Observation> observed,
      Map<String, List<TrackedFinding>> current, List<ScannerReport> reports, Instant now) {
    Instant appliedAt = change.applied() == null ? null : change.applied().at();
    List<ChangeFinding> out = new ArrayList<>(change.findings().size());
    for (ChangeFinding f : change.findings()) {
      if (f.outcome() != Outcome.PENDING || appliedAt == null) {
        out.add(f);
        continue;
      }
      List<String> failures = new ArrayList<>();
      scannerEvidence(f, reports).ifPresent(failures::add);
      Observation o = observed.get(f.assetName());
      if (o == null || o.observedAt().isBefore(appliedAt)) {
        out.add(failures.isEmpty() ? f : f.checked(Outcome.FAILED, now, String.join("; ", failures)));
        continue;
      }
      String where = " (inventory revision " + o.inventory().revision() + ")";
      Optional<InstalledPackage> pkg = o.inventory().packages().stream()
          .filter(p -> p.ecosystem().equals(f.key().ecosystem()) && p.name().equals(f.key().packageName()))
          .findFirst();
      String versionNote;
      if (pkg.isEmpty()) {
        versionNote = f.key().packageName() + " is no longer installed";
      } else {
        String version = f.bySource() ? pkg.get().effectiveSourceVersion() : pkg.get().version();
        if (atOrAbove(f, version)) {
          versionNote = f.key().packageName() + " " + version + " is at or above " + f.fixedVersion();
        } else {
          versionNote = null;
          failures.add(f.key().packageName() + " " + version + " is below the fixed version " + f.fixedVersion()
              + where);
        }
      }
      current.getOrDefault(f.assetName(), List.of()).stream()
          .filter(t -> t.finding().key().equals(f.key().toString()))
          .filter(t -> t.status() == FindingStatus.OPEN || t.status() == FindingStatus.NOT_AFFECTED)
          .findFirst()
          .ifPresent(t -> failures.add(t.finding().advisoryId() + " (" + t.finding().feedSource() + ") still matches "
              + t.finding().matchedName() + " " + t.finding().matchedVersion() + " (" + t.finding().range() + ")"));
      if (failures.isEmpty()) {
        out.add(f.checked(Outcome.VERIFIED, now, versionNote + ", no advisory matches" + where));
      } else {
        out.add(f.checked(Outcome.FAILED, now, String.join("; ", failures)));
      }
    }
    return out;
  }

  private static Optional<String> scannerEvidence(ChangeFinding f, List<ScannerReport> reports) {
    for (ScannerReport r : reports) {
      Optional<ScannedHost> host = r.host(f.assetName());
      if (host.isEmpty()) {
        continue;
      }
      for (String cve : f.cveIds()) {
        if (host.get().cveIds().contains(cve)) {
          String hostName = host.get().hostName().isEmpty() ? host.get().address() : host.get().hostName();
          return Optional.of(r.scanner() + " report " + r.source() + " still lists " + cve + " on " + hostName);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code version} is at or above the finding's fixed version in its ecosystem's scheme. */
  static boolean atOrAbove(ChangeFinding f, String version) {
    VersionScheme scheme = Schemes.find(f.advisoryEcosystem()).or(() -> Schemes.find(f.key().ecosystem()))
        .orElse(Schemes.forEcosystem("generic"));
    String fixed = f.fixedVersion();
    if (scheme.name().equals("go")) {
      // NB: OSV's Go versions are plain SemVer (1.6.0) where go.mod says v1.6.0; the matcher drops the v,
      // the Go scheme requires it: without one on both sides no Go module change could ever verify.
      version = goVersion(version);
      fixed = goVersion(fixed);
    }
    try {
      return scheme.compare(version, fixed) >= 0;
    } catch (InvalidVersionException e) {
      // an unparsable version proves nothing: it counts as not fixed, and the evidence shows it
      return false;
    }
  }

  private static String goVersion(String version) {
    String v = version.strip();
    return v.startsWith("v") ? v : v.startsWith("go") ? "v" + v.substring(2) : "v" + v;
  }
}
