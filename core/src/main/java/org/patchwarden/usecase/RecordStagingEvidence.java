package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.patchwarden.baseline.Baseline;
import org.patchwarden.baseline.BaselineAsset;
import org.patchwarden.baseline.BaselineRef;
import org.patchwarden.baseline.BaselineStore;
import org.patchwarden.baseline.DriftPolicy;
import org.patchwarden.baseline.StagingEvidence;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.remediate.Approval;
import org.patchwarden.remediate.ApprovalRules;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeState;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.ChangeStore;
import org.patchwarden.version.InvalidVersionException;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.VersionScheme;

/**
 * Use case: check and record a change's staging evidence. The test baseline's version (newest, or
 * the one named) must hold every package the change upgrades at or above its target version, on
 * every test asset that has it; that version or one of the {@value #VERSIONS_SEARCHED} before it
 * must have matched the production baseline within the drift policy (typically the capture taken
 * before the patch was tried). With the staging-baseline auto-approve rule on, satisfied evidence
 * approves a planned change of an auto-approved tier ({@link ApprovalRules#withStagingEvidence}).
 */
public final class RecordStagingEvidence {
  /** How many test baseline versions, newest first, are compared with production. */
  static final int VERSIONS_SEARCHED = 10;

  private final ChangeStore changes;
  private final BaselineStore baselines;
  private final DiffBaselines diffs;
  private final Clock clock;
  private final ApprovalRules autoApproval;

  /** Records evidence without approving anything. */
  public RecordStagingEvidence(ChangeStore changes, BaselineStore baselines, DiffBaselines diffs, Clock clock) {
    this(changes, baselines, diffs, clock, null);
  }

  /**
   * @param autoApproval the rules whose auto-approved tiers satisfied evidence approves, or null for
   *     none (the staging-baseline auto-approve rule off)
   */
  public RecordStagingEvidence(ChangeStore changes, BaselineStore baselines, DiffBaselines diffs, Clock clock,
      ApprovalRules autoApproval) {
    this.changes = Objects.requireNonNull(changes, "changes");
    this.baselines = Objects.requireNonNull(baselines, "baselines");
    this.diffs = Objects.requireNonNull(diffs, "diffs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.autoApproval = autoApproval;
  }

  /**
   * The evidence recorded, and the change after it.
   *
   * @param approvedByRule whether the evidence approved the change (the auto-approve rule)
   */
  public record Result(StagingEvidence evidence, Change change, boolean approvedByRule) {}

  /**
   * Checks and stores the evidence, satisfied or not.
   *
   * @throws NoSuchElementException when the change or a baseline does not exist
   */
  public Result record(long changeId, BaselineRef test, BaselineRef production, DriftPolicy policy,
      String by) {
    Change change = changes.find(changeId).orElseThrow(() -> new NoSuchElementException(
        "no change " + changeId + " ('change list' shows them)"));
    Baseline patched = diffs.find(test);
    Baseline prod = diffs.find(production);
    int matched = 0;
    String verdict = null;
    for (int v = patched.version(); v >= 1 && v > patched.version() - VERSIONS_SEARCHED; v--) {
      Baseline candidate = v == patched.version() ? patched : baselines.find(patched.name(), v).orElse(null);
      if (candidate == null) {
        continue;
      }
      DriftPolicy.Verdict judged = diffs.diff(candidate, prod, policy).verdict();
      if (verdict == null) {
        verdict = judged.describe();
      }
      if (judged.withinPolicy()) {
        matched = v;
        verdict = judged.describe();
        break;
      }
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    StagingEvidence evidence = new StagingEvidence(change.id(), patched.name(), matched, patched.version(),
        prod.label(), verdict, missingPatches(change, patched), now, by);
    baselines.recordEvidence(evidence);
    Approval rule = autoApproval == null || !evidence.satisfied() ? null
        : autoApproval.withStagingEvidence(change.tier(), now);
    if (rule == null || !(change.state() instanceof ChangeState.Planned)) {
      return new Result(evidence, change, false);
    }
    Change approved = ChangeTransitions.run(changes, changeId, c -> c.state() instanceof ChangeState.Planned
        ? new ChangeTransitions.Step(c.approveByRule(rule.by(), rule.rule(), now),
            List.of(AuditEntry.change(changeId, now, rule.by(), "approved", rule.rule() + " ("
                + evidence.test() + "@" + evidence.matchedVersion() + " matched " + evidence.production() + ")")))
        : new ChangeTransitions.Step(c, List.of()));
    return new Result(evidence, approved, approved.state() instanceof ChangeState.Approved
        && approved.approvals().stream().anyMatch(a -> a.rule().equals(rule.rule())));
  }

  /** What the test baseline lacks of the change's upgrades, one line per package. */
  static List<String> missingPatches(Change change, Baseline test) {
    Map<String, ChangeFinding> targets = new LinkedHashMap<>();
    for (ChangeFinding f : change.findings()) {
      // one line per package: the highest target is what the change installs
      targets.merge(f.key().ecosystem() + "\u0000" + f.key().packageName(), f,
          (x, y) -> compare(x, y.targetVersion(), x.targetVersion()) > 0 ? y : x);
    }
    List<String> missing = new ArrayList<>();
    for (ChangeFinding f : targets.values()) {
      boolean found = false;
      List<String> below = new ArrayList<>();
      for (BaselineAsset asset : test.assets()) {
        for (InstalledPackage p : asset.packages()) {
          if (!p.ecosystem().equals(f.key().ecosystem()) || !p.name().equals(f.key().packageName())) {
            continue;
          }
          found = true;
          String version = f.bySource() ? p.effectiveSourceVersion() : p.version();
          if (compare(f, version, f.targetVersion()) < 0) {
            below.add(asset.name() + " has " + version);
          }
        }
      }
      if (!found) {
        missing.add(f.key().packageName() + " is on no asset of " + test.label() + " (target " + f.targetVersion()
            + ")");
      } else if (!below.isEmpty()) {
        missing.add(f.key().packageName() + " below target " + f.targetVersion() + ": " + String.join(", ", below));
      }
    }
    return missing;
  }

  /** Compares in the finding's scheme; an unparsable version compares as below. */
  private static int compare(ChangeFinding f, String version, String other) {
    VersionScheme scheme = Schemes.find(f.advisoryEcosystem()).or(() -> Schemes.find(f.key().ecosystem()))
        .orElse(Schemes.forEcosystem("generic"));
    try {
      return scheme.compare(version, other);
    } catch (InvalidVersionException e) {
      return -1;
    }
  }
}
