package org.patchwarden.exercise;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patchwarden.advisory.Advisory;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.Assessor;
import org.patchwarden.assess.FixAction;
import org.patchwarden.assess.FixGroup;
import org.patchwarden.assess.FixPlan;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.assess.SignalCollector;
import org.patchwarden.exercise.ExerciseReport.Outcome;
import org.patchwarden.exercise.ExerciseReport.TimelineEvent;
import org.patchwarden.exercise.ExerciseReport.Warning;
import org.patchwarden.exercise.ScenarioEvent.AdvisoryPublished;
import org.patchwarden.exercise.ScenarioEvent.InventoryStale;
import org.patchwarden.exercise.ScenarioEvent.KevAdded;
import org.patchwarden.exercise.ScenarioEvent.PatchDelayed;
import org.patchwarden.exercise.ScenarioEvent.RescanEvery;
import org.patchwarden.exercise.ScenarioEvent.VerificationFails;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingKey;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.FleetMatcher;
import org.patchwarden.match.KevProducts;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.ApprovalRules;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.ChangeState;
import org.patchwarden.remediate.Verification;

/**
 * Runs a {@link Scenario} on an {@link ExerciseWorld}, day by day, with a {@link SimulatedClock}.
 * Every decision is the product's own: findings come from the real {@link FleetMatcher} and
 * {@link KevProducts}, tiers and due dates from the {@link Assessor}, fix groups from {@link FixPlan},
 * changes move through {@link Change}'s transitions and are checked by {@link Verification}. The
 * simulation only plays the people and the machines: it rescans, plans, approves and applies.
 *
 * <p>Each day: at 00:00 feed events take effect; at 06:00 the assets due for a rescan are scanned
 * (their real inventory observed, matched, and applied changes verified); at 07:00 a feed change
 * re-matches the stored inventories; at 08:00 open findings are assessed; at 12:00 changes are
 * planned (per asset, for open findings with a fix), approved {@code approval-days} after planning,
 * and applied once the patch is available; at the day's end verification windows expire. An
 * unverified change is applied again just before its asset's next rescan. A day counts as exposed
 * when the asset is vulnerable at its start and the CVE is public.
 *
 * <p>Random draws come from one {@link SplittableRandom} seeded with the scenario's seed, drawn in a
 * fixed order, so the same seed gives the same report.
 */
public final class Simulation {
  static final LocalTime SCAN = LocalTime.of(6, 0);
  static final LocalTime REMATCH = LocalTime.of(7, 0);
  static final LocalTime ASSESS = LocalTime.of(8, 0);
  static final LocalTime WORK = LocalTime.of(12, 0);
  static final String PLANNER = "exercise-planner";
  static final String OPERATOR = "exercise-operator";

  /** Controls in the order that breaks ties between warnings of one day. */
  static final List<String> CONTROLS = List.of("re-match on feed change", "inventory freshness", "patch availability",
      "verification failed", "verification deadline", "overdue alert");

  private final Scenario scenario;
  private final ExerciseWorld world;
  private final LocalDate start;
  private final SimulatedClock clock;
  private final SplittableRandom random;
  private final Assessor assessor;
  private final SignalCollector collector;
  private final ApprovalRules approvalRules;
  private final Duration verifyWithin;
  private final FleetMatcher matcher;

  private final Map<String, AssetState> assets = new TreeMap<>();
  private final Map<String, Track> tracks = new TreeMap<>();
  private final Map<String, Pair> pairs = new TreeMap<>();
  private final List<Slot> slots = new ArrayList<>();
  private final List<TimelineEvent> timeline = new ArrayList<>();
  private final Map<String, Integer> published = new HashMap<>();
  private final Map<String, KevAdded> kevAdded = new HashMap<>();
  private final Map<String, KevEntry> baseKev = new HashMap<>();
  private final Map<String, List<Finding>> matchCache = new HashMap<>();
  private int day;

  private Simulation(Scenario scenario, ExerciseWorld world) {
    this.scenario = scenario;
    this.world = world;
    this.start = scenario.start() != null ? scenario.start() : world.snapshotDate();
    this.clock = new SimulatedClock(start.atStartOfDay().toInstant(ZoneOffset.UTC));
    this.random = new SplittableRandom(scenario.seed());
    this.assessor = new Assessor(world.policy(), world.ssvc());
    this.collector = new SignalCollector(world.policy().assume());
    Scenario.Process p = scenario.process();
    this.approvalRules = new ApprovalRules(p.approvals() != null ? p.approvals() : world.approvals().approvals(),
        world.approvals().autoApproveTiers());
    this.verifyWithin = p.verifyHours() != null ? Duration.ofHours(p.verifyHours()) : world.verifyWithin();
    this.matcher = new FleetMatcher(world.index());
  }

  /**
   * Runs the scenario.
   *
   * @throws IllegalArgumentException when the scenario names an asset or CVE the world does not know,
   *     or selects no asset; the message names the scenario's place
   */
  public static ExerciseReport run(Scenario scenario, ExerciseWorld world) {
    ScenarioCheck.check(scenario, world);
    return new Simulation(scenario, world).simulate();
  }

  // ---- set-up

  private void setUp() {
    world.kev().forEach(e -> baseKev.put(e.cveId(), e));
    Map<String, Inventory> inventories = new HashMap<>();
    world.inventories().forEach(i -> inventories.put(i.assetName(), i));
    for (Asset a : world.assets()) {
      Inventory inv = inventories.get(a.name());
      if (inv != null) {
        assets.put(a.name(), new AssetState(a, inv));
      }
    }
    for (ScenarioEvent e : scenario.events()) {
      switch (e) {
        case KevAdded k -> kevAdded.put(k.cve(), k);
        case AdvisoryPublished ap -> published.put(ap.cve(), ap.day());
        case PatchDelayed pd -> selected(pd.assets()).forEach(s -> s.patchFrom = pd.days());
        case RescanEvery r -> selected(r.assets()).forEach(s -> s.rescanEvery = r.everyDays());
        case VerificationFails v -> selected(v.assets()).forEach(s -> s.fails = v);
        case InventoryStale st -> selected(st.assets()).forEach(s -> s.staleDays = st.days());
      }
    }
    Instant dayZero = at(0, LocalTime.MIDNIGHT);
    for (AssetState s : assets.values()) {
      s.observedAt = s.staleDays > 0 ? dayZero.minus(Duration.ofDays(s.staleDays))
          : dayZero.minus(Duration.ofHours(18));
      if (s.staleDays > 0) {
        event(0, s.name(), "inventory-stale", "inventory is " + s.staleDays + " days old; no rescan before day "
            + s.staleDays);
      }
    }
  }

  private List<AssetState> selected(AssetSelector selector) {
    return assets.values().stream().filter(s -> selector.selects(s.asset)).toList();
  }

  // ---- the days

  private ExerciseReport simulate() {
    setUp();
    for (day = 0; day < scenario.days(); day++) {
      clock.set(at(day, LocalTime.MIDNIGHT));
      truth(true);
      boolean feedChanged = feedEvents();
      clock.set(at(day, SCAN));
      for (AssetState s : assets.values()) {
        if (s.scansOn(day)) {
          rescan(s);
        }
      }
      clock.set(at(day, REMATCH));
      if (day == 0 || feedChanged && scenario.process().rematchOnFeedChange()) {
        for (AssetState s : assets.values()) {
          observe(s, findingsOf(s.observed));
        }
      }
      clock.set(at(day, ASSESS));
      assess();
      clock.set(at(day, WORK));
      plan();
      approve();
      apply();
      clock.set(at(day, LocalTime.of(23, 59, 59)));
      expire();
      endOfDay();
    }
    truth(false);
    return report();
  }

  private boolean feedEvents() {
    boolean changed = false;
    for (ScenarioEvent e : scenario.events()) {
      if (e instanceof KevAdded k && k.day() == day) {
        KevEntry entry = kevEntry(k);
        event(day, "", "kev-added", k.cve() + " added to CISA KEV (due " + entry.dueDate() + ")");
        changed = true;
      } else if (e instanceof AdvisoryPublished ap && ap.day() == day) {
        event(day, "", "advisory-published", ap.cve() + " advisory published in the feeds");
        changed = true;
      }
    }
    return changed;
  }

  /**
   * Ground truth: the real matcher on the real (not the observed) inventory, before anyone acts
   * today; {@code count} false only notes the fixes that landed on the last day.
   */
  private void truth(boolean count) {
    for (AssetState s : assets.values()) {
      Set<String> vulnerable = new TreeSet<>();
      for (Finding f : matchAll(s.truth)) {
        for (String cve : cvesOf(f)) {
          if (scenario.cves().contains(cve) && isPublic(cve)) {
            vulnerable.add(cve);
          }
        }
      }
      for (String cve : count ? vulnerable : Set.<String>of()) {
        Pair p = pair(s, cve);
        if (p.exposedFrom == null) {
          p.exposedFrom = day;
        }
        p.exposureDays++;
      }
      for (Pair p : pairsOf(s.name())) {
        if (p.exposedFrom != null && p.fixLanded == null && !vulnerable.contains(p.cve)) {
          p.fixLanded = day - 1;
        }
      }
    }
  }

  private void rescan(AssetState s) {
    Instant now = clock.instant();
    for (Slot slot : slotsOf(s.name())) {
      if (slot.change.state() instanceof ChangeState.Unverified) {
        slot.change = slot.change.apply(OPERATOR, now, verifyWithin);
        event(day, s.name(), "change-reapplied", "change " + slot.id + " applied again so that the rescan can verify it");
      }
    }
    s.observed = s.truth;
    s.observedAt = now;
    observe(s, findingsOf(s.observed));
    if (pairsOf(s.name()).stream().anyMatch(p -> p.verified == null)) {
      event(day, s.name(), "rescan", "rescanned (inventory revision " + s.observed.revision() + ")");
    }
    List<TrackedFinding> current = openTracksOf(s.name()).stream().map(t -> t.tracked(now)).toList();
    for (Slot slot : slotsOf(s.name())) {
      if (!slot.change.awaitsVerification()) {
        continue;
      }
      List<ChangeFinding> results = Verification.check(slot.change, Map.of(s.name(),
          new Verification.Observation(s.observed, now)), Map.of(s.name(), current), List.of(), now);
      boolean failedBefore = slot.change.state() instanceof ChangeState.VerificationFailed;
      slot.change = slot.change.checked(results, now);
      switch (slot.change.state()) {
        case ChangeState.Verified v -> event(day, s.name(), "verified", "change " + slot.id + " verified");
        case ChangeState.VerificationFailed vf when !failedBefore -> {
          int revert = s.fails != null ? s.fails.revertDays() : 1;
          slot.readyDay = day + revert;
          slot.cves.forEach(cve -> pair(s, cve).verificationFailures++);
          event(day, s.name(), "verification-failed", "change " + slot.id + " failed verification: revert ("
              + revert + " d), then apply again");
          slot.cves.forEach(cve -> pair(s, cve).warn(day, "verification failed", "change " + slot.id
              + " failed verification on " + s.name()));
        }
        default -> { }
      }
    }
  }

  /** Records what matching found on an asset's observed inventory: new, returning and gone findings. */
  private void observe(AssetState s, List<Finding> found) {
    Instant now = clock.instant();
    Set<String> seen = new TreeSet<>();
    for (Finding f : found) {
      seen.add(f.key());
      Track t = tracks.get(f.key());
      if (t == null) {
        t = new Track(f, now);
        tracks.put(f.key(), t);
        for (String cve : followed(f)) {
          Pair p = pair(s, cve);
          if (p.detected == null) {
            p.detected = day;
            if (p.exposedFrom != null && day > p.exposedFrom) {
              p.warn(p.exposedFrom, "re-match on feed change", cve + " public since day " + p.exposedFrom
                  + ": re-matching the stored inventory would have found it then");
            }
            event(day, s.name(), "detected", cve + " detected (" + f.advisoryId() + ", " + f.installed().name() + " "
                + f.installed().version() + (s.staleDays > 0 && day < s.staleDays ? ", on a stale inventory" : "")
                + ")");
          }
        }
      } else if (!t.open) {
        t.open = true;
        event(day, s.name(), "reopened", f.advisoryId() + " found again on " + f.installed().name());
      }
      t.finding = f;
      t.lastSeen = now;
    }
    for (Track t : openTracksOf(s.name())) {
      if (!seen.contains(t.finding.key())) {
        t.open = false;
        event(day, s.name(), "closed", t.finding.advisoryId() + " no longer matches " + t.finding.installed().name());
      }
    }
  }

  private void assess() {
    for (Track t : tracks.values()) {
      if (!t.open) {
        continue;
      }
      AssetState s = assets.get(t.finding.assetName());
      Assessment a = assessor.assess(collector.collect(t.finding, profilesOf(t.finding), s.asset), t.firstSeen);
      t.assessment = a;
      for (String cve : followed(t.finding)) {
        pair(s, cve).assessed(t.finding.key(), a);
      }
    }
  }

  private void plan() {
    Instant now = clock.instant();
    for (AssetState s : assets.values()) {
      Set<String> busy = new TreeSet<>();
      for (Slot slot : slotsOf(s.name())) {
        if (!(slot.change.state() instanceof ChangeState.Verified || slot.change.state() instanceof ChangeState.Cancelled)) {
          slot.change.findings().stream().filter(f -> f.outcome() != ChangeFinding.Outcome.VERIFIED)
              .forEach(f -> busy.add(f.key().toString()));
        }
      }
      List<PrioritisedFinding> open = new ArrayList<>();
      for (Track t : openTracksOf(s.name())) {
        if (t.assessment != null && !busy.contains(t.finding.key())) {
          open.add(new PrioritisedFinding(t.tracked(now), t.assessment));
        }
      }
      List<ChangeFinding> findings = new ArrayList<>();
      String tier = null;
      int rank = Integer.MAX_VALUE;
      for (FixGroup g : FixPlan.of(open)) {
        if (g.action() != FixAction.UPGRADE) {
          continue;
        }
        for (PrioritisedFinding p : g.findings()) {
          findings.add(changeFinding(p, g.targetVersion(), s.asset));
        }
        if (g.topTierRank() < rank) {
          rank = g.topTierRank();
          tier = g.topTier();
        }
      }
      if (findings.isEmpty()) {
        continue;
      }
      Change change = Change.plan(tier + " fixes on " + s.name(), tier, List.of(s.name()), null,
          approvalRules.approvals(), PLANNER, now, findings, approvalRules.automatic(tier, List.of(s.asset), now));
      Slot slot = new Slot(slots.size() + 1, s.name(), change, day);
      findings.forEach(f -> f.cveIds().stream().filter(scenario.cves()::contains).forEach(slot.cves::add));
      slots.add(slot);
      event(day, s.name(), "planned", "change " + slot.id + " planned: " + findings.size() + " finding(s), tier " + tier
          + (change.state() instanceof ChangeState.Approved ? ", approved at once"
              : ", needs " + change.requiredApprovals() + " approval(s)"));
    }
  }

  private void approve() {
    Instant now = clock.instant();
    for (Slot slot : slots) {
      if (slot.change.state() instanceof ChangeState.Planned && day >= slot.plannedDay + scenario.process().approvalDays()) {
        for (int i = 1; slot.change.state() instanceof ChangeState.Planned && i <= 2; i++) {
          slot.change = slot.change.approve("approver-" + i, now);
        }
        event(day, slot.asset, "approved", "change " + slot.id + " approved");
      }
    }
  }

  private void apply() {
    Instant now = clock.instant();
    for (Slot slot : slots) {
      AssetState s = assets.get(slot.asset);
      ChangeState state = slot.change.state();
      boolean ready = state instanceof ChangeState.Approved
          || state instanceof ChangeState.VerificationFailed && day >= slot.readyDay;
      if (!ready) {
        continue;
      }
      if (day < s.patchFrom) {
        if (!slot.waitedForPatch) {
          slot.waitedForPatch = true;
          event(day, s.name(), "patch-unavailable", "change " + slot.id + " ready, but the patch is not available before day "
              + s.patchFrom);
          slot.cves.forEach(cve -> pair(s, cve).warn(day, "patch availability", "change " + slot.id
              + " waits for a patch until day " + s.patchFrom));
        }
        continue;
      }
      slot.change = slot.change.apply(OPERATOR, now, verifyWithin);
      // One draw per apply on a selected asset, in change order: the same seed draws the same failures.
      boolean lands = s.fails == null || random.nextDouble() >= s.fails.probability();
      if (lands) {
        s.upgrade(slot.change.findings());
      }
      event(day, s.name(), lands ? "applied" : "applied-not-landed", "change " + slot.id + " applied"
          + (lands ? "" : ", but the patch did not land"));
    }
  }

  private void expire() {
    Instant now = clock.instant();
    for (Slot slot : slots) {
      Change before = slot.change;
      slot.change = slot.change.expire(now);
      if (before.state() instanceof ChangeState.Applied && slot.change.state() instanceof ChangeState.Unverified) {
        AssetState s = assets.get(slot.asset);
        event(day, slot.asset, "unverified", "change " + slot.id + ": verification window (" + verifyWithin.toHours()
            + " h) passed without a rescan");
        slot.cves.forEach(cve -> {
          pair(s, cve).missedWindows++;
          pair(s, cve).warn(day, "verification deadline", "change " + slot.id + " unverified after "
              + verifyWithin.toHours() + " h");
        });
      }
    }
  }

  private void endOfDay() {
    for (Pair p : pairs.values()) {
      if (p.detected != null && p.verified == null && openTracksOf(p.asset).stream()
          .noneMatch(t -> followed(t.finding).contains(p.cve))) {
        boolean proved = slotsOf(p.asset).stream().flatMap(s -> s.change.findings().stream())
            .anyMatch(f -> f.outcome() == ChangeFinding.Outcome.VERIFIED && f.cveIds().contains(p.cve));
        if (proved) {
          p.verified = day;
        }
      }
      Integer due = p.dueDay(start);
      if (p.verified == null && due != null && day > due && !p.overdueWarned) {
        p.overdueWarned = true;
        p.warn(day, "overdue alert", p.cve + " on " + p.asset + " past its due date " + p.dueDate());
      }
    }
  }

  // ---- matching and feeds

  /** What matching finds on an inventory today, limited to the followed CVEs the feeds publish. */
  private List<Finding> findingsOf(Inventory inv) {
    return matchAll(inv).stream().filter(f -> !followed(f).isEmpty()).toList();
  }

  private List<Finding> matchAll(Inventory inv) {
    List<KevEntry> catalog = kevCatalog();
    String key = inv.assetName() + "#" + inv.revision() + "#" + catalog.size() + "#" + kevAdded.keySet().stream()
        .filter(c -> kevAdded.get(c).day() <= day).sorted().toList();
    return matchCache.computeIfAbsent(key, k -> {
      List<Finding> out = new ArrayList<>(matcher.match(List.of(inv)).findings());
      out.addAll(KevProducts.match(catalog, List.of(inv), world.index()));
      return List.copyOf(out);
    });
  }

  /** The followed CVEs of a finding that are public today. */
  private Set<String> followed(Finding f) {
    Set<String> out = new TreeSet<>();
    for (String cve : cvesOf(f)) {
      if (scenario.cves().contains(cve) && isPublic(cve)) {
        out.add(cve);
      }
    }
    return out;
  }

  private static Set<String> cvesOf(Finding f) {
    Set<String> out = new TreeSet<>();
    if (f.advisoryId().startsWith("CVE-")) {
      out.add(f.advisoryId());
    }
    f.aliases().stream().filter(a -> a.startsWith("CVE-")).forEach(out::add);
    return out;
  }

  private boolean isPublic(String cve) {
    return published.getOrDefault(cve, 0) <= day;
  }

  private List<KevEntry> kevCatalog() {
    List<KevEntry> out = new ArrayList<>();
    for (KevEntry e : world.kev()) {
      if (!kevAdded.containsKey(e.cveId())) {
        out.add(e);
      }
    }
    kevAdded.values().stream().filter(k -> k.day() <= day).sorted((a, b) -> a.cve().compareTo(b.cve()))
        .forEach(k -> out.add(kevEntry(k)));
    return out;
  }

  /** The KEV entry a {@link KevAdded} event makes: the real one re-dated, or a minimal one. */
  private KevEntry kevEntry(KevAdded k) {
    LocalDate added = start.plusDays(k.day());
    KevEntry real = baseKev.get(k.cve());
    long gap = k.dueDays() != null ? k.dueDays()
        : real != null ? ChronoUnit.DAYS.between(real.dateAdded(), real.dueDate()) : 21;
    if (real != null) {
      return new KevEntry(real.cveId(), real.vendorProject(), real.product(), real.vulnerabilityName(), added,
          real.shortDescription(), real.requiredAction(), added.plusDays(gap), real.ransomwareUse(), real.notes(),
          real.cwes());
    }
    return new KevEntry(k.cve(), "", "", k.cve(), added, "added by the exercise", "Apply updates", added.plusDays(gap),
        "Unknown", "", List.of());
  }

  /** The profiles of a finding's vulnerabilities as the feeds stand today (KEV events applied). */
  private List<VulnerabilityProfile> profilesOf(Finding f) {
    Set<String> ids = cvesOf(f);
    if (ids.isEmpty()) {
      ids = Set.of(f.advisoryId());
    }
    Map<String, VulnerabilityProfile> byId = new LinkedHashMap<>();
    for (String id : ids) {
      VulnerabilityProfile p = world.profiles().get(id);
      if (p != null) {
        byId.putIfAbsent(p.id(), adjusted(p));
      }
    }
    return List.copyOf(byId.values());
  }

  private VulnerabilityProfile adjusted(VulnerabilityProfile p) {
    // the profile of one CVE may carry the KEV entry of another its advisory names (a DSA fixing both)
    KevAdded k = p.kev() != null ? kevAdded.get(p.kev().cveId()) : null;
    if (k == null) {
      k = kevAdded.get(p.id());
    }
    if (k == null) {
      return p;
    }
    if (k.day() <= day) {
      return new VulnerabilityProfile(p.id(), p.advisory(), kevEntry(k), p.epss(), p.techniques());
    }
    // NB: a CVE 5 record's CISA-ADP "KEV" statement would betray the listing before its day: withheld too
    Advisory advisory = p.advisory() == null ? null : new Advisory(p.advisory().id(), p.advisory().ids(),
        p.advisory().records().stream().map(Simulation::withoutKevStatements).toList());
    return new VulnerabilityProfile(p.id(), advisory, null, p.epss(), p.techniques());
  }

  private static AdvisoryRecord withoutKevStatements(AdvisoryRecord r) {
    return new AdvisoryRecord(r.source(), r.id(), r.aliases(), r.summary(), r.details(), r.published(), r.modified(),
        r.withdrawn(), r.affected(), r.severities().stream().filter(s -> !s.type().equals("KEV")).toList(), r.cwes(),
        r.references());
  }

  /**
   * One finding of a change, as {@code change plan} makes it.
   *
   * <p>NB: mirrors PlanChange's private construction; the rules it applies (bySource, target
   * version from the fix group) are the same.
   */
  private static ChangeFinding changeFinding(PrioritisedFinding p, String target, Asset asset) {
    Finding f = p.finding();
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

  // ---- bookkeeping

  private Instant at(int d, LocalTime time) {
    return start.plusDays(d).atTime(time).toInstant(ZoneOffset.UTC);
  }

  private void event(int d, String asset, String kind, String text) {
    timeline.add(new TimelineEvent(d, asset, kind, text));
  }

  private Pair pair(AssetState s, String cve) {
    return pairs.computeIfAbsent(s.name() + "|" + cve, k -> {
      Pair p = new Pair(s.name(), cve, s.asset.ownerTeam(),
          s.asset.internetFacing() != null ? s.asset.internetFacing() : world.policy().assume().internetFacing());
      if (s.staleDays > 0) {
        p.warn(0, "inventory freshness", "inventory of " + s.name() + " is " + s.staleDays + " days old");
      }
      return p;
    });
  }

  private ExerciseReport report() {
    List<Outcome> outcomes = new ArrayList<>();
    for (Pair p : pairs.values()) {
      List<Slot> mine = slots.stream().filter(s -> s.asset.equals(p.asset) && s.cves.contains(p.cve)).toList();
      String state = mine.isEmpty() ? "none" : mine.get(mine.size() - 1).change.state().name();
      outcomes.add(p.outcome(start, scenario.days(), state));
    }
    List<String> notes = new ArrayList<>();
    for (String cve : scenario.cves()) {
      if (pairs.values().stream().noneMatch(p -> p.cve.equals(cve))) {
        notes.add(cve + ": no asset of the fleet is affected");
      }
    }
    for (Track t : tracks.values()) {
      if (t.open && (t.finding.fixedVersion().isEmpty() || t.finding.confidence() == Confidence.PRODUCT_ONLY)) {
        notes.add(t.finding.assetName() + ": " + t.finding.advisoryId() + " on " + t.finding.installed().name() + " "
            + (t.finding.confidence() == Confidence.PRODUCT_ONLY ? "has unknown affected versions (verify by hand)"
                : "has no fixed version") + ": no change could be planned");
      }
    }
    return new ExerciseReport(scenario.name(), scenario.source(), scenario.description(), scenario.seed(), start,
        scenario.days(), scenario.cves(), Pair.summary(outcomes), outcomes, timeline, notes);
  }

  private List<Pair> pairsOf(String asset) {
    return pairs.values().stream().filter(p -> p.asset.equals(asset)).toList();
  }

  private List<Track> openTracksOf(String asset) {
    return tracks.values().stream().filter(t -> t.open && t.finding.assetName().equals(asset)).toList();
  }

  private List<Slot> slotsOf(String asset) {
    return slots.stream().filter(s -> s.asset.equals(asset)).toList();
  }

  /** An asset as the simulation knows it: real inventory, what the scans saw, and its events. */
  private static final class AssetState {
    final Asset asset;
    Inventory truth;
    Inventory observed;
    Instant observedAt;
    int rescanEvery = 1;
    int staleDays;
    int patchFrom;
    VerificationFails fails;

    AssetState(Asset asset, Inventory inventory) {
      this.asset = asset;
      this.truth = inventory;
      this.observed = inventory;
    }

    String name() {
      return asset.name();
    }

    boolean scansOn(int d) {
      return d >= staleDays && (d - staleDays) % rescanEvery == 0;
    }

    /** The real inventory after a change landed: each pending finding's package at its target version. */
    void upgrade(Collection<ChangeFinding> findings) {
      Map<String, String> targets = new HashMap<>();
      for (ChangeFinding f : findings) {
        if (f.outcome() == ChangeFinding.Outcome.PENDING) {
          targets.put(f.key().ecosystem() + "\u0000" + f.key().packageName(), f.targetVersion());
        }
      }
      List<InstalledPackage> next = new ArrayList<>();
      for (InstalledPackage p : truth.packages()) {
        String target = targets.get(p.ecosystem() + "\u0000" + p.name());
        if (target != null && !target.isEmpty() && p.version().matches("v\\d.*") && Character.isDigit(target.charAt(0))) {
          target = "v" + target; // NB: go.mod writes v1.6.0 where OSV's fixed version is 1.6.0
        }
        next.add(target == null ? p : new InstalledPackage(p.ecosystem(), p.name(), target, p.sourceName(),
            p.sourceVersion().isEmpty() ? "" : target, p.architecture(), withVersion(p.purl(), target)));
      }
      truth = new Inventory(truth.assetName(), truth.revision() + 1, truth.scannedAt(), truth.os(), next);
    }

    /** A CPE 2.3 name or purl with its version replaced; other text unchanged. */
    static String withVersion(String ref, String version) {
      if (ref.startsWith("cpe:2.3:")) {
        String[] parts = ref.split(":", -1);
        if (parts.length > 5) {
          parts[5] = version;
          return String.join(":", parts);
        }
      }
      int at = ref.indexOf('@');
      if (ref.startsWith("pkg:") && at > 0) {
        int end = ref.indexOf('?', at);
        return ref.substring(0, at + 1) + version + (end < 0 ? "" : ref.substring(end));
      }
      return ref;
    }
  }

  /** A tracked finding: first seen, open or not, its last assessment. */
  private static final class Track {
    Finding finding;
    final Instant firstSeen;
    Instant lastSeen;
    boolean open = true;
    Assessment assessment;

    Track(Finding finding, Instant firstSeen) {
      this.finding = finding;
      this.firstSeen = firstSeen;
      this.lastSeen = firstSeen;
    }

    TrackedFinding tracked(Instant now) {
      return new TrackedFinding(finding, open ? FindingStatus.OPEN : FindingStatus.FIXED, firstSeen, lastSeen,
          open ? null : now, 0);
    }
  }

  /** A change and what the simulation needs beside it. */
  private static final class Slot {
    final int id;
    final String asset;
    Change change;
    final int plannedDay;
    int readyDay;
    boolean waitedForPatch;
    final Set<String> cves = new TreeSet<>();

    Slot(int id, String asset, Change change, int plannedDay) {
      this.id = id;
      this.asset = asset;
      this.change = change;
      this.plannedDay = plannedDay;
    }
  }
}
