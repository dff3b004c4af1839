package org.patchwarden.assess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.version.InvalidVersionException;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.VersionScheme;

/**
 * Groups prioritised findings by asset, installed package and action: the remediation plan. A
 * package's findings with a fixed version become one upgrade to the highest of those versions (a
 * lower one would leave the others open); findings without one, and product-only KEV findings, get
 * groups of their own.
 */
public final class FixPlan {
  /** Most urgent first: top tier, earliest due date, more KEV findings, more findings, then names. */
  public static final Comparator<FixGroup> BY_URGENCY = Comparator.comparingInt(FixGroup::topTierRank)
      .thenComparing(FixGroup::earliestDue)
      .thenComparing(g -> -g.kevFindings())
      .thenComparing(g -> -g.findings().size())
      .thenComparing(FixGroup::assetName)
      .thenComparing(FixGroup::packageName)
      .thenComparing(FixGroup::action)
      .thenComparing(FixGroup::installedVersion);

  private FixPlan() {}

  /** The fix groups of {@code findings}, most urgent first ({@link #BY_URGENCY}). */
  public static List<FixGroup> of(List<PrioritisedFinding> findings) {
    Map<List<String>, List<PrioritisedFinding>> byKey = new LinkedHashMap<>();
    for (PrioritisedFinding p : findings) {
      Finding f = p.finding();
      byKey.computeIfAbsent(List.of(action(f).name(), f.assetName(), f.installed().ecosystem(), f.installed().name(),
          f.installed().version()), k -> new ArrayList<>()).add(p);
    }
    List<FixGroup> groups = new ArrayList<>();
    byKey.forEach((key, members) -> groups.add(group(FixAction.valueOf(key.get(0)), members)));
    groups.sort(BY_URGENCY);
    return List.copyOf(groups);
  }

  private static FixAction action(Finding f) {
    if (f.confidence() == Confidence.PRODUCT_ONLY) {
      return FixAction.VERIFY;
    }
    return f.fixedVersion().isEmpty() ? FixAction.NO_FIX_YET : FixAction.UPGRADE;
  }

  private static FixGroup group(FixAction action, List<PrioritisedFinding> members) {
    List<PrioritisedFinding> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(PrioritisedFinding::assessment, Assessment.BY_URGENCY));
    Finding first = sorted.get(0).finding();
    Assessment top = sorted.get(0).assessment();
    TreeSet<String> cves = new TreeSet<>();
    int kev = 0;
    String target = "";
    var earliest = top.dueDate();
    for (PrioritisedFinding p : sorted) {
      Assessment a = p.assessment();
      cves.addAll(a.signals().cveIds().isEmpty() ? List.of(a.advisoryId()) : a.signals().cveIds());
      kev += a.signals().inKev() ? 1 : 0;
      earliest = a.dueDate().isBefore(earliest) ? a.dueDate() : earliest;
      if (action == FixAction.UPGRADE) {
        target = higher(p.finding(), target, p.finding().fixedVersion());
      }
    }
    return new FixGroup(action, first.assetName(), first.installed().ecosystem(), first.installed().name(),
        first.installed().version(), target, sorted, List.copyOf(cves), kev, earliest, top.tier(), top.tierRank());
  }

  /** The higher of two fixed versions in the finding's ecosystem; text order when the scheme cannot parse them. */
  private static String higher(Finding f, String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    VersionScheme scheme = Schemes.find(f.advisoryEcosystem()).or(() -> Schemes.find(f.installed().ecosystem()))
        .orElse(Schemes.forEcosystem("generic"));
    try {
      return scheme.compare(a, b) >= 0 ? a : b;
    } catch (InvalidVersionException e) {
      return a.compareTo(b) >= 0 ? a : b;
    }
  }
}
