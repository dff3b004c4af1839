package org.patchwarden.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.baseline.Baseline;
import org.patchwarden.baseline.BaselineDiff;
import org.patchwarden.baseline.BaselineRef;
import org.patchwarden.baseline.BaselineStore;
import org.patchwarden.baseline.BaselineSummary;
import org.patchwarden.baseline.DriftPolicy;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.AdvisoryIndex;

/**
 * Use case: read baselines, and compare two of them, matching both against the stored advisories
 * with the real matcher, then judge the drift by a policy.
 */
public final class DiffBaselines {
  private final BaselineStore baselines;
  private final AdvisoryStore advisories;

  public DiffBaselines(BaselineStore baselines, AdvisoryStore advisories) {
    this.baselines = Objects.requireNonNull(baselines, "baselines");
    this.advisories = Objects.requireNonNull(advisories, "advisories");
  }

  /** A diff and its verdict. */
  public record Result(Baseline a, Baseline b, BaselineDiff diff, DriftPolicy.Verdict verdict) {}

  /**
   * The referenced baseline.
   *
   * @throws NoSuchElementException naming it when there is none
   */
  public Baseline find(BaselineRef ref) {
    return baselines.find(ref).orElseThrow(() -> new NoSuchElementException("no baseline " + ref
        + " ('baseline list' shows them)"));
  }

  /** Every stored version. */
  public List<BaselineSummary> list() {
    return baselines.list();
  }

  /** Compares {@code a} (the test side) with {@code b} (production) and judges the drift. */
  public Result diff(BaselineRef a, BaselineRef b, DriftPolicy policy) {
    return diff(find(a), find(b), policy);
  }

  /** Compares two baselines read already and judges the drift. */
  public Result diff(Baseline a, Baseline b, DriftPolicy policy) {
    List<Inventory> both = new ArrayList<>(a.inventories());
    both.addAll(b.inventories());
    BaselineDiff diff = BaselineDiff.between(a, b, AdvisoryIndex.forInventories(advisories, both));
    return new Result(a, b, diff, policy.judge(diff));
  }
}
