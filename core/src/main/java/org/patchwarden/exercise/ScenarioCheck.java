package org.patchwarden.exercise;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.inventory.Asset;

/** Refuses a scenario that names what the fleet and feeds do not know, naming the scenario's place. */
final class ScenarioCheck {
  private ScenarioCheck() {}

  static void check(Scenario scenario, ExerciseWorld world) {
    if (scenario.top() > 0) {
      throw new IllegalStateException(scenario.source() + ": cves: top " + scenario.top()
          + " must be chosen on the fleet (Scenario.withCves) before the simulation");
    }
    Set<String> known = world.kev().stream().map(KevEntry::cveId).collect(Collectors.toCollection(TreeSet::new));
    known.addAll(world.profiles().keySet());
    for (String cve : scenario.cves()) {
      if (!known.contains(cve)) {
        throw new IllegalArgumentException(scenario.source() + ": cves: " + cve
            + " is unknown: no loaded feed (advisories, CVE records, KEV) knows it");
      }
    }
    Set<String> assets = world.assets().stream().map(Asset::name).collect(Collectors.toCollection(TreeSet::new));
    for (ScenarioEvent e : scenario.events()) {
      String cve = switch (e) {
        case ScenarioEvent.KevAdded k -> k.cve();
        case ScenarioEvent.AdvisoryPublished a -> a.cve();
        default -> null;
      };
      if (cve != null && !scenario.cves().contains(cve)) {
        throw new IllegalArgumentException(e.where() + " (" + e.kind() + "): " + cve
            + " is not among the scenario's cves: (" + String.join(", ", scenario.cves()) + ")");
      }
      AssetSelector selector = switch (e) {
        case ScenarioEvent.PatchDelayed p -> p.assets();
        case ScenarioEvent.RescanEvery r -> r.assets();
        case ScenarioEvent.VerificationFails v -> v.assets();
        case ScenarioEvent.InventoryStale s -> s.assets();
        default -> null;
      };
      if (selector == null) {
        continue;
      }
      for (String name : new TreeSet<>(selector.names())) {
        if (!assets.contains(name)) {
          throw new IllegalArgumentException(e.where() + " (" + e.kind() + "): asset '" + name
              + "' is not in the fleet; its assets are " + String.join(", ", assets));
        }
      }
      if (world.assets().stream().noneMatch(selector::selects)) {
        throw new IllegalArgumentException(e.where() + " (" + e.kind() + "): " + selector.describe()
            + " selects no asset of the fleet");
      }
    }
  }
}
