package org.patchwarden.exercise;

import java.util.Objects;

/** Something a scenario makes happen or holds true; {@code where} names its place in the scenario file. */
public sealed interface ScenarioEvent {
  /** Where the event was written, e.g. {@code kev.yaml line 12}, for messages. */
  String where();

  /** Its kind as the scenario file spells it. */
  String kind();

  /**
   * CISA adds the CVE to KEV on {@code day}: before it the CVE is not in the catalog (its real entry
   * and any CVE-record KEV statement are withheld); from it, with a due date {@code dueDays} later.
   *
   * @param dueDays null for the real entry's own gap between date added and due date (else 21)
   */
  record KevAdded(String where, String cve, int day, Integer dueDays) implements ScenarioEvent {
    public KevAdded {
      Objects.requireNonNull(cve, "cve");
      requireDay(day, where);
      if (dueDays != null && dueDays < 0) {
        throw new IllegalArgumentException(where + ": due_days must not be negative, got " + dueDays);
      }
    }

    public String kind() {
      return "kev_added";
    }
  }

  /** The CVE's advisory reaches the feeds on {@code day}: before it no finding of it can be seen. */
  record AdvisoryPublished(String where, String cve, int day) implements ScenarioEvent {
    public AdvisoryPublished {
      Objects.requireNonNull(cve, "cve");
      requireDay(day, where);
    }

    public String kind() {
      return "advisory_published";
    }
  }

  /** The patch for the selected assets is not available before {@code days} after day 0. */
  record PatchDelayed(String where, AssetSelector assets, int days) implements ScenarioEvent {
    public PatchDelayed {
      Objects.requireNonNull(assets, "assets");
      requireDay(days, where);
    }

    public String kind() {
      return "patch_delayed";
    }
  }

  /** The selected assets are rescanned every {@code everyDays} days (day 0, then every …) instead of daily. */
  record RescanEvery(String where, AssetSelector assets, int everyDays) implements ScenarioEvent {
    public RescanEvery {
      Objects.requireNonNull(assets, "assets");
      if (everyDays < 1) {
        throw new IllegalArgumentException(where + ": rescans need every_days of 1 or more, got " + everyDays);
      }
    }

    public String kind() {
      return "rescan_every";
    }
  }

  /**
   * Applying a change on a selected asset fails to land with this probability (drawn from the
   * scenario's seeded random numbers); the next rescan fails verification, the revert takes
   * {@code revertDays}, then the change is applied again.
   */
  record VerificationFails(String where, AssetSelector assets, double probability, int revertDays)
      implements ScenarioEvent {
    public VerificationFails {
      Objects.requireNonNull(assets, "assets");
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException(where + ": probability must be between 0 and 1, got " + probability);
      }
      requireDay(revertDays, where);
    }

    public String kind() {
      return "verification_fails";
    }
  }

  /**
   * The selected assets' inventory is {@code days} days old on day 0 and their collector stays
   * broken until day {@code days}: matching uses the old inventory, and no rescan (so no
   * verification) happens before that day.
   */
  record InventoryStale(String where, AssetSelector assets, int days) implements ScenarioEvent {
    public InventoryStale {
      Objects.requireNonNull(assets, "assets");
      requireDay(days, where);
    }

    public String kind() {
      return "inventory_stale";
    }
  }

  private static void requireDay(int day, String where) {
    if (day < 0 || day > Scenario.MAX_DAYS) {
      throw new IllegalArgumentException(where + ": a day count must be 0.." + Scenario.MAX_DAYS + ", got " + day);
    }
  }
}
