package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.patchwarden.assess.FixAction;
import org.patchwarden.assess.FixGroup;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingKey;
import org.patchwarden.remediate.Approval;
import org.patchwarden.remediate.ApprovalRules;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.ChangeState;
import org.patchwarden.remediate.ChangeStore;
import org.patchwarden.remediate.ChangeWindow;

/**
 * Use case: propose a change that upgrades the open findings of a tier on some assets to the
 * versions that fix them ({@link PlanFixes}); findings already in an unfinished change are left out.
 * A change of an auto-approved tier on non-production assets is approved by the rule at once.
 */
public final class PlanChange {
  private final PlanFixes fixes;
  private final AssessFindings assess;
  private final AssetStore assets;
  private final ChangeStore changes;
  private final ApprovalRules rules;
  private final Clock clock;

  public PlanChange(AssessFindings assess, AssetStore assets, ChangeStore changes, ApprovalRules rules, Clock clock) {
    this.assess = Objects.requireNonNull(assess, "assess");
    this.fixes = new PlanFixes(assess);
    this.assets = Objects.requireNonNull(assets, "assets");
    this.changes = Objects.requireNonNull(changes, "changes");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Plans and stores the change.
   *
   * @param tier only findings of this tier (as the policy names it), or null for all
   * @param window when it is to be applied, or null
   * @param title or null for one made of tier and assets
   * @throws NoSuchElementException when an asset is unknown
   * @throws IllegalArgumentException when there is nothing to fix with an upgrade
   */
  public Change plan(String tier, List<String> assetNames, ChangeWindow window, String title, String by) {
    return plan(tier, assetNames, null, window, title, by);
  }

  /**
   * Plans and stores a change of the findings a person selected (by {@link FindingKey}); selected
   * findings without a fixed version, or in an unfinished change already, are left out. The change
   * carries the findings' tier when they share one (so the tier's approval rules apply), else none.
   *
   * @throws IllegalArgumentException when no key is given, a key is malformed, or nothing selected can be planned
   * @throws NoSuchElementException when a key names an unknown asset
   */
  public Change planFindings(Collection<String> findingKeys, ChangeWindow window, String title, String by) {
    if (findingKeys.isEmpty()) {
      throw new IllegalArgumentException("select at least one finding to plan a change");
    }
    Set<String> keys = new LinkedHashSet<>();
    Set<String> assetNames = new LinkedHashSet<>();
    for (String k : findingKeys) {
      FindingKey key = FindingKey.parse(k.strip());
      keys.add(key.toString());
      assetNames.add(key.assetName());
    }
    return plan(null, List.copyOf(assetNames), keys, window, title, by);
  }

  private Change plan(String tier, List<String> assetNames, Set<String> selected, ChangeWindow window, String title,
      String by) {
    if (assetNames.isEmpty()) {
      throw new IllegalArgumentException("a change needs at least one asset");
    }
    String onlyTier = tier == null ? null : assess.tiers().stream().filter(t -> t.equalsIgnoreCase(tier)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("tier '" + tier + "' is not in the policy; its tiers are "
            + String.join(", ", assess.tiers())));
    List<Asset> context = new ArrayList<>();
    for (String name : assetNames) {
      context.add(assets.find(name).orElseThrow(() -> new NoSuchElementException("no asset named '" + name
          + "' ('asset list' names them)")));
    }
    Set<String> busy = new HashSet<>();
    for (Change c : changes.list()) {
      if (c.state() instanceof ChangeState.Planned || c.state() instanceof ChangeState.Approved
          || c.awaitsVerification()) {
        c.findings().stream().filter(f -> f.outcome() != ChangeFinding.Outcome.VERIFIED)
            .forEach(f -> busy.add(f.key().toString()));
      }
    }
    List<ChangeFinding> findings = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Asset asset : context) {
      for (FixGroup g : fixes.plan(asset.name(), onlyTier)) {
        if (g.action() != FixAction.UPGRADE) {
          continue;
        }
        for (PrioritisedFinding p : g.findings()) {
          Finding f = p.finding();
          if (busy.contains(f.key()) || selected != null && !selected.contains(f.key()) || !seen.add(f.key())) {
            continue;
          }
          findings.add(changeFinding(p, g.targetVersion(), asset));
        }
      }
    }
    if (findings.isEmpty()) {
      if (selected != null) {
        throw new IllegalArgumentException("nothing to plan: none of the " + selected.size() + " selected findings"
            + " is open with a fixed version and not in an unfinished change already");
      }
      throw new IllegalArgumentException("nothing to plan: no open " + (onlyTier == null ? "" : onlyTier + " ")
          + "finding with a fixed version on " + String.join(", ", assetNames)
          + " that is not in an unfinished change ('plan' and 'change list' show them)");
    }
    if (selected != null && onlyTier == null) {
      Set<String> tiers = new HashSet<>();
      findings.forEach(f -> tiers.add(f.tier()));
      onlyTier = tiers.size() == 1 ? tiers.iterator().next() : null;
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Approval automatic = rules.automatic(onlyTier, context, now);
    String name = title != null && !title.isBlank() ? title.strip()
        : (onlyTier == null ? "Fixes" : onlyTier + " fixes") + " on " + String.join(", ", assetNames);
    Change change = Change.plan(name, onlyTier == null ? "" : onlyTier, assetNames, window, rules.approvals(),
        by.strip(), now, findings, automatic);
    List<AuditEntry> audit = new ArrayList<>();
    audit.add(AuditEntry.change(0, now, by.strip(), "planned", findings.size() + " findings on "
        + String.join(", ", assetNames) + ", " + change.requiredApprovals() + " approval(s) needed"));
    if (automatic != null) {
      audit.add(AuditEntry.change(0, now, automatic.by(), "approved", automatic.rule()));
    }
    return changes.insert(change, audit);
  }

  private static ChangeFinding changeFinding(PrioritisedFinding p, String target, Asset asset) {
    Finding f = p.finding();
    // NB: Debian advisories compare the source package's version; the command still names the binary package
    boolean bySource = !f.matchedVersion().equals(f.installed().version())
        && f.matchedVersion().equals(f.installed().effectiveSourceVersion());
    TreeSet<String> cves = new TreeSet<>(p.assessment().signals().cveIds());
    if (f.advisoryId().startsWith("CVE-")) {
      cves.add(f.advisoryId());
    }
    return new ChangeFinding(FindingKey.of(f), List.copyOf(cves), f.advisoryEcosystem(), bySource, f.matchedVersion(),
        f.fixedVersion(), target, p.tracked().firstSeen(), p.assessment().tier(), asset.ownerTeam(),
        ChangeFinding.Outcome.PENDING, null, "");
  }
}
