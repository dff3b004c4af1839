package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.ChangeFinding.Outcome;
import org.patchwarden.remediate.ChangeState;
import org.patchwarden.remediate.ChangeStore;
import org.patchwarden.remediate.ScannerReport;
import org.patchwarden.remediate.Verification;

/**
 * Use case: verify applied changes against each asset's newest inventory and its current matching
 * results (and network-scanner reports), and flag changes whose deadline passed without a rescan as
 * unverified. Runs after every scan and inventory import for the assets scanned, and on demand.
 */
public final class VerifyChanges {
  /** Who the audit log names for what verification decides. */
  public static final String ACTOR = "verification";

  private final ChangeStore changes;
  private final AssetStore assets;
  private final FindingStore findings;
  private final Clock clock;

  public VerifyChanges(ChangeStore changes, AssetStore assets, FindingStore findings, Clock clock) {
    this.changes = Objects.requireNonNull(changes, "changes");
    this.assets = Objects.requireNonNull(assets, "assets");
    this.findings = Objects.requireNonNull(findings, "findings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A change before and after verification ran; equal states mean nothing was decided. */
  public record Result(Change before, Change after) {
    public boolean stateChanged() {
      return !before.state().name().equals(after.state().name());
    }

    /** Findings verification decided in this run. */
    public List<ChangeFinding> decided() {
      List<ChangeFinding> out = new ArrayList<>();
      for (int i = 0; i < after.findings().size(); i++) {
        if (before.findings().get(i).outcome() == Outcome.PENDING && after.findings().get(i).outcome() != Outcome.PENDING) {
          out.add(after.findings().get(i));
        }
      }
      return out;
    }
  }

  /** After a scan or import of {@code scanned}: verifies the applied changes on those assets; seen now, even if unchanged. */
  public List<Result> afterScan(Collection<String> scanned) {
    Set<String> names = Set.copyOf(scanned);
    Instant now = now();
    Map<String, Instant> seen = new HashMap<>();
    names.forEach(n -> seen.put(n, now));
    return run(c -> c.assets().stream().anyMatch(names::contains), seen, List.of());
  }

  /**
   * Verifies one change, or all applied ones when {@code id} is null, against the stored inventories
   * and {@code reports}; deadlines passed without a rescan make changes unverified.
   */
  public List<Result> verify(Long id, List<ScannerReport> reports) {
    if (id != null && changes.find(id).isEmpty()) {
      throw new java.util.NoSuchElementException("no change " + id + " ('change list' shows them)");
    }
    return run(c -> id == null || c.id() == id, Map.of(), reports);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private List<Result> run(Predicate<Change> which, Map<String, Instant> seenNow, List<ScannerReport> reports) {
    Instant now = now();
    Map<String, Verification.Observation> observed = new HashMap<>();
    Map<String, List<TrackedFinding>> current = new HashMap<>();
    List<Result> out = new ArrayList<>();
    for (Change candidate : changes.list()) {
      if (!candidate.awaitsVerification() || !which.test(candidate)) {
        continue;
      }
      for (String a : candidate.assets()) {
        if (!observed.containsKey(a)) {
          assets.currentInventory(a).ifPresent(inv -> observed.put(a,
              new Verification.Observation(inv, seenNow.getOrDefault(a, inv.scannedAt()))));
          current.put(a, findings.list(new FindingFilter(a, null, null, null)));
        }
      }
      Change[] before = new Change[1];
      Change after = ChangeTransitions.run(changes, candidate.id(), c -> {
        before[0] = c;
        if (!c.awaitsVerification()) {
          return new ChangeTransitions.Step(c, List.of());
        }
        Change next = c.checked(Verification.check(c, observed, current, reports, now), now).expire(now);
        return new ChangeTransitions.Step(next, audit(c, next, now));
      });
      out.add(new Result(before[0], after));
    }
    return out;
  }

  private static List<AuditEntry> audit(Change before, Change after, Instant now) {
    List<AuditEntry> entries = new ArrayList<>();
    Result r = new Result(before, after);
    for (ChangeFinding f : r.decided()) {
      entries.add(AuditEntry.finding(f.key().toString(), now, ACTOR,
          f.outcome() == Outcome.VERIFIED ? "verified-fixed" : "verification-failed",
          (f.outcome() == Outcome.FAILED ? "reopened: " : "") + "change " + after.id() + ": " + f.evidence()));
    }
    if (r.stateChanged()) {
      String detail = switch (after.state()) {
        case ChangeState.VerificationFailed vf -> vf.evidence();
        case ChangeState.Unverified u -> "deadline " + u.deadline() + " passed with " + after.pending()
            + " finding(s) not rescanned";
        default -> after.findings().size() + " finding(s) verified fixed";
      };
      entries.add(AuditEntry.change(after.id(), now, ACTOR, after.state().name(), detail));
    }
    return entries;
  }

  /** The inventories verification would read for an asset (for messages): its newest, if any. */
  public java.util.Optional<Inventory> inventoryOf(String assetName) {
    return assets.currentInventory(assetName);
  }
}
