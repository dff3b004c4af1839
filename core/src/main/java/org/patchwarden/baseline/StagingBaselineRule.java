package org.patchwarden.baseline;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.remediate.ApprovalGate;
import org.patchwarden.remediate.Change;

/**
 * {@code remediation.require-staging-baseline}: a change that touches a production asset is approved
 * only once staging evidence ({@link StagingEvidence#satisfied}) is recorded for it. An asset whose
 * environment nobody stated may be production and counts as one.
 */
public final class StagingBaselineRule implements ApprovalGate {
  private final AssetStore assets;
  private final BaselineStore baselines;

  public StagingBaselineRule(AssetStore assets, BaselineStore baselines) {
    this.assets = Objects.requireNonNull(assets, "assets");
    this.baselines = Objects.requireNonNull(baselines, "baselines");
  }

  @Override
  public Optional<String> refusal(Change change) {
    List<String> production = change.assets().stream()
        .filter(name -> assets.find(name).map(StagingBaselineRule::maybeProduction).orElse(true)).toList();
    if (production.isEmpty() || baselines.evidence(change.id()).stream().anyMatch(StagingEvidence::satisfied)) {
      return Optional.empty();
    }
    return Optional.of("it touches production asset(s) " + String.join(", ", production)
        + " and remediation.require-staging-baseline needs evidence that its patch was first applied on a test"
        + " environment whose baseline matched production within policy; record it with 'baseline evidence "
        + change.id() + " --test BASELINE --production BASELINE'");
  }

  /** Whether the asset is production, or may be (environment not stated). */
  static boolean maybeProduction(Asset asset) {
    return asset.environment() == null || asset.environment().toLowerCase(Locale.ROOT).startsWith("prod");
  }
}
