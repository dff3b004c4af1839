package org.patchwarden.usecase;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.assess.AssessedFinding;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.Assessor;
import org.patchwarden.assess.ExposureReport;
import org.patchwarden.assess.Policy;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.assess.SignalCollector;
import org.patchwarden.assess.SsvcEvaluator;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.TrackedFinding;

/**
 * Use case: assess tracked findings with a policy: what {@code patchwarden assess}, {@code findings
 * --tier}, {@code explain} and the demo print. Assessments are computed, not stored: they follow the
 * feeds and the policy as loaded now, while due dates still count from each finding's first-seen time.
 *
 * <p>A finding's vulnerabilities are its CVE ids (its advisory id and CVE aliases), each described
 * once per run; a finding with no CVE id is described by its advisory id.
 */
public final class AssessFindings {
  private final FindingStore findings;
  private final AssetStore assets;
  private final Function<Collection<String>, Map<String, Optional<VulnerabilityProfile>>> profiles;
  private final Assessor assessor;
  private final SignalCollector collector;
  private final Clock clock;
  private final Policy policy;
  private final boolean ssvcLoaded;
  private volatile String fingerprint;

  /**
   * @param profiles looks a vulnerability up by id, e.g. {@code DescribeVulnerability::describe}
   * @param ssvc the evaluator of the policy's SSVC table ({@link SsvcEvaluator#load}), or null when it
   *     is not loaded
   */
  public AssessFindings(FindingStore findings, AssetStore assets,
      Function<String, Optional<VulnerabilityProfile>> profiles, Policy policy, SsvcEvaluator ssvc, Clock clock) {
    this(oneByOne(Objects.requireNonNull(profiles, "profiles")), findings, assets, policy, ssvc, clock);
  }

  /**
   * As the constructor, with {@code profiles} looking up many ids at once (e.g.
   * {@code DescribeVulnerability::describeAll}): one run asks once for every id of its findings.
   */
  public static AssessFindings batched(FindingStore findings, AssetStore assets,
      Function<Collection<String>, Map<String, Optional<VulnerabilityProfile>>> profiles, Policy policy,
      SsvcEvaluator ssvc, Clock clock) {
    return new AssessFindings(profiles, findings, assets, policy, ssvc, clock);
  }

  private AssessFindings(Function<Collection<String>, Map<String, Optional<VulnerabilityProfile>>> profiles,
      FindingStore findings, AssetStore assets, Policy policy, SsvcEvaluator ssvc, Clock clock) {
    this.findings = Objects.requireNonNull(findings, "findings");
    this.assets = Objects.requireNonNull(assets, "assets");
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.assessor = new Assessor(policy, ssvc);
    this.collector = new SignalCollector(policy.assume());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = policy;
    this.ssvcLoaded = ssvc != null;
  }

  private static Function<Collection<String>, Map<String, Optional<VulnerabilityProfile>>> oneByOne(
      Function<String, Optional<VulnerabilityProfile>> one) {
    return ids -> {
      Map<String, Optional<VulnerabilityProfile>> out = new HashMap<>();
      ids.forEach(id -> out.computeIfAbsent(id, one));
      return out;
    };
  }

  /** The policy's tier ids, most urgent first: what {@code --tier} may name. */
  public List<String> tiers() {
    return policy.tiers().stream().map(t -> t.id()).toList();
  }

  /** The policy's tier names by tier id, most urgent first (e.g. {@code T0 -> emergency}). */
  public Map<String, String> tierNames() {
    Map<String, String> out = new LinkedHashMap<>();
    policy.tiers().forEach(t -> out.put(t.id(), t.name()));
    return out;
  }

  /** Whether an asset of that name is known: a filter naming an unknown one is a mistake, not "no findings". */
  public boolean knowsAsset(String name) {
    return assets.find(name).isPresent();
  }

  /** The names of the known assets, sorted. */
  public List<String> assetNames() {
    return assets.list().stream().map(Asset::name).sorted().toList();
  }

  /** Findings matching {@code filter} (any status) with their assessment, most urgent first. */
  public List<PrioritisedFinding> prioritise(FindingFilter filter) {
    List<TrackedFinding> tracked = findings.list(filter);
    List<AssessedFinding> assessed = new Run().assess(tracked);
    List<PrioritisedFinding> out = new ArrayList<>(tracked.size());
    for (int i = 0; i < tracked.size(); i++) {
      out.add(new PrioritisedFinding(tracked.get(i), assessed.get(i).assessment()));
    }
    out.sort((a, b) -> Assessment.BY_URGENCY.compare(a.assessment(), b.assessment()));
    return out;
  }

  /**
   * These tracked findings with their assessment, in the order given: what a page of findings
   * listed from the assessment index shows (its order is already the index's).
   */
  public List<PrioritisedFinding> assessTracked(List<TrackedFinding> tracked) {
    List<AssessedFinding> assessed = new Run().assess(tracked);
    List<PrioritisedFinding> out = new ArrayList<>(tracked.size());
    for (int i = 0; i < tracked.size(); i++) {
      out.add(new PrioritisedFinding(tracked.get(i), assessed.get(i).assessment()));
    }
    return out;
  }

  /**
   * The policy and whether its SSVC table is loaded, as text that is equal exactly when they are
   * (sets written sorted, so that it does not vary between processes): part of what an assessment
   * index was computed from.
   */
  public String fingerprint() {
    if (fingerprint == null) {
      fingerprint = PolicyText.of(policy) + "\nssvc " + (ssvcLoaded ? "loaded" : "missing");
    }
    return fingerprint;
  }

  /** Every open finding, assessed, most urgent first ({@link Assessment#BY_URGENCY}). */
  public List<Assessment> assessOpen() {
    return new Run().assess(findings.list(new FindingFilter(null, null, null, FindingStatus.OPEN))).stream()
        .map(AssessedFinding::assessment).sorted(Assessment.BY_URGENCY).toList();
  }

  /**
   * The most urgent open finding ({@link Assessment#BY_URGENCY}) of each asset among {@code
   * assetNames} that has one: what an import summary shows beside its top assets. One read of those
   * assets' findings and one assessment run, so a handful of assets costs a handful of queries.
   */
  public Map<String, Assessment> mostUrgentOpen(Collection<String> assetNames) {
    Map<String, Assessment> out = new LinkedHashMap<>();
    if (assetNames.isEmpty()) {
      return out;
    }
    List<TrackedFinding> open = findings.listOf(assetNames).stream()
        .filter(t -> t.status() == FindingStatus.OPEN).toList();
    for (AssessedFinding a : new Run().assess(open)) {
      out.merge(a.assessment().assetName(), a.assessment(),
          (x, y) -> Assessment.BY_URGENCY.compare(x, y) <= 0 ? x : y);
    }
    return out;
  }

  /** Findings matching {@code filter} (any status), assessed, most urgent first. */
  public List<AssessedFinding> assess(FindingFilter filter) {
    List<AssessedFinding> out = new ArrayList<>(new Run().assess(findings.list(filter)));
    out.sort((a, b) -> Assessment.BY_URGENCY.compare(a.assessment(), b.assessment()));
    return out;
  }

  /** Overdue findings and exposure windows today, over every tracked finding (closed ones end at their fix). */
  public ExposureReport exposure() {
    return ExposureReport.of(new Run().assess(findings.list(FindingFilter.all())), LocalDate.now(clock));
  }

  /** One run: profiles and assets looked up once each. */
  private final class Run {
    private final Map<String, Optional<VulnerabilityProfile>> profileCache = new HashMap<>();
    private final Map<String, Optional<Asset>> assetCache = new HashMap<>();

    List<AssessedFinding> assess(List<TrackedFinding> tracked) {
      // Every profile the run needs, in one request: a store answers many ids faster together.
      Set<String> wanted = new LinkedHashSet<>();
      tracked.forEach(t -> wanted.addAll(profileIds(t.finding())));
      wanted.removeAll(profileCache.keySet());
      if (!wanted.isEmpty()) {
        Map<String, Optional<VulnerabilityProfile>> found = profiles.apply(wanted);
        wanted.forEach(id -> profileCache.put(id, found.getOrDefault(id, Optional.empty())));
      }
      // every asset the run needs, in one request too
      Set<String> names = new LinkedHashSet<>();
      tracked.forEach(t -> names.add(t.finding().assetName()));
      names.removeAll(assetCache.keySet());
      if (!names.isEmpty()) {
        Map<String, Asset> found = assets.findAll(names);
        names.forEach(n -> assetCache.put(n, Optional.ofNullable(found.get(n))));
      }
      List<AssessedFinding> out = new ArrayList<>(tracked.size());
      for (TrackedFinding t : tracked) {
        Finding f = t.finding();
        Asset asset = assetCache.computeIfAbsent(f.assetName(), assets::find).orElse(null);
        Assessment a = assessor.assess(collector.collect(f, profilesOf(f), asset), t.firstSeen());
        out.add(AssessedFinding.of(t, a));
      }
      return out;
    }

    /** The ids a finding's profiles are looked up by: its CVEs, else its advisory's own id. */
    private static TreeSet<String> profileIds(Finding f) {
      TreeSet<String> ids = new TreeSet<>();
      if (f.advisoryId().startsWith("CVE-")) {
        ids.add(f.advisoryId());
      }
      f.aliases().stream().filter(a -> a.startsWith("CVE-")).forEach(ids::add);
      if (ids.isEmpty()) {
        ids.add(f.advisoryId());
      }
      return ids;
    }

    private List<VulnerabilityProfile> profilesOf(Finding f) {
      Map<String, VulnerabilityProfile> byId = new LinkedHashMap<>();
      for (String id : profileIds(f)) {
        profileCache.get(id).ifPresent(p -> byId.putIfAbsent(p.id(), p));
      }
      return List.copyOf(byId.values());
    }
  }
}
