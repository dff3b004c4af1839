package org.patchwarden.assess;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AttackTactic;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.Severity;
import org.patchwarden.advisory.TechniqueUse;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.match.Finding;

/**
 * Builds the {@link Signals} of a finding from what the feeds say about its vulnerabilities and
 * from its asset. Pure: the same inputs always give the same signals.
 *
 * <p>How each signal is chosen:
 *
 * <ul>
 *   <li><b>CVSS</b>: per CVE the highest version stated (4.0, then 3.1, 3.0, 2.0); within a
 *       version NVD's own analysis ({@code nvd@nist.gov}) first, then the CNA (a CVE 5 record's CNA
 *       container, or an NVD "secondary" statement), then an ADP such as CISA-ADP, then other
 *       sources (OSV, distributions). The score is computed from the vector ({@link CvssScoring});
 *       the stated score is used only when the vector cannot be computed, and the note says so.
 *       Across several CVEs (a DSA fixing many) the highest score wins.
 *   <li><b>EPSS</b>: the highest score among the CVEs.
 *   <li><b>KEV</b>: the catalog entry with the earliest due date; failing that, a CVE record's
 *       CISA-ADP "kev" statement (date added only, no due date).
 *   <li><b>Exploitation</b>: ACTIVE when in KEV or an SSVC statement says {@code active}; POC when
 *       an SSVC statement says {@code poc}; else NONE (stated by SSVC, or assumed when nothing
 *       speaks of it).
 *   <li><b>Automatable</b>: the SSVC statement; else derived from the CVSS vector (AV:N and PR:N
 *       and UI:N, v2: AV:N and Au:N, is "yes"); else assumed "no".
 *   <li><b>Technical impact</b>: the SSVC statement; else derived from the CVSS vector (C, I and A
 *       all High, v4.0 VC/VI/VA, v2 Complete, is "total", anything less "partial"); else assumed
 *       "partial".
 *   <li><b>SSVC statements</b> (severity type {@code SSVC}): CISA-ADP's first, as the coordinator
 *       whose decision table we evaluate.
 *   <li><b>Asset</b>: the asset record; each context field it does not state (all of them when
 *       there is no record) from the policy's {@link AssetAssumptions}, with an assumption in words.
 * </ul>
 */
public final class SignalCollector {
  private static final String NVD = "nvd@nist.gov";
  private static final List<String> VERSION_ORDER = List.of("4.0", "3.1", "3.0", "2.0");

  private final AssetAssumptions assume;

  public SignalCollector(AssetAssumptions assume) {
    this.assume = Objects.requireNonNull(assume, "assume");
  }

  /** Signals of a finding about one vulnerability; {@code profile} and {@code asset} may be null. */
  public Signals collect(Finding finding, VulnerabilityProfile profile, Asset asset) {
    return collect(finding, profile == null ? List.of() : List.of(profile), asset);
  }

  /**
   * Signals of a finding whose advisory covers {@code profiles} (one per CVE); {@code asset} is null
   * when the finding's asset is unknown.
   */
  public Signals collect(Finding finding, List<VulnerabilityProfile> profiles, Asset asset) {
    Objects.requireNonNull(finding, "finding");
    List<String> assumptions = new ArrayList<>();
    Set<String> cves = new TreeSet<>();
    for (VulnerabilityProfile p : profiles) {
      cves.add(p.id());
    }
    if (cves.isEmpty()) {
      if (finding.advisoryId().startsWith("CVE-")) {
        cves.add(finding.advisoryId());
      }
      finding.aliases().stream().filter(a -> a.startsWith("CVE-")).forEach(cves::add);
    }

    CvssScore cvss = null;
    EpssScore epss = null;
    KevStatus kev = null;
    List<TacticReach> tactics = new ArrayList<>();
    Sourced<Exploitation> exploitation = null;
    Sourced<Boolean> automatable = null;
    Sourced<TechnicalImpact> impact = null;
    Instant published = null;
    for (VulnerabilityProfile p : profiles) {
      CvssScore c = bestCvss(p).orElse(null);
      if (c != null && (cvss == null || c.score() > cvss.score())) {
        cvss = c;
      }
      if (p.epss() != null && (epss == null || p.epss().score() > epss.score())) {
        epss = p.epss();
      }
      KevStatus k = kev(p);
      if (k != null && (kev == null || earlierDue(k, kev))) {
        kev = k;
      }
      tactics.addAll(tactics(p));
      Map<String, String> ssvc = ssvcStatement(p);
      String ssvcBy = ssvc.getOrDefault("", "");
      exploitation = stronger(exploitation, exploitation(p.id(), k, ssvc, ssvcBy));
      automatable = stronger(automatable, automatable(p.id(), ssvc, ssvcBy, c));
      impact = stronger(impact, technicalImpact(p.id(), ssvc, ssvcBy, c));
      published = earliest(published, p);
    }
    if (exploitation == null) {
      exploitation = new Sourced<>(Exploitation.NONE, Provenance.ASSUMED, "no feed knows the vulnerability");
      automatable = new Sourced<>(false, Provenance.ASSUMED, "no feed knows the vulnerability");
      impact = new Sourced<>(TechnicalImpact.PARTIAL, Provenance.ASSUMED, "no feed knows the vulnerability");
    }
    if (exploitation.provenance() == Provenance.ASSUMED) {
      assumptions.add("exploitation unknown (no KEV entry or SSVC statement), treated as none");
    }
    if (cvss == null) {
      assumptions.add("no CVSS score known: CVSS conditions do not apply");
    }
    if (automatable.provenance() == Provenance.ASSUMED) {
      assumptions.add("automatable unknown (no SSVC statement or CVSS vector), treated as no");
    }
    if (impact.provenance() == Provenance.ASSUMED) {
      assumptions.add("technical impact unknown (no SSVC statement or CVSS vector), treated as partial");
    }
    if (epss == null) {
      assumptions.add("no EPSS score: EPSS conditions do not apply");
    }
    tactics.sort(Comparator.comparing((TacticReach t) -> !t.strong()));
    AssetContext context = context(finding.assetName(), asset, assumptions);
    return new Signals(finding.key(), finding.assetName(), finding.advisoryId(), List.copyOf(cves),
        finding.confidence(), cvss, epss, kev, distinct(tactics), exploitation, automatable, impact,
        finding.fixedVersion(), published, context, assumptions);
  }

  private AssetContext context(String assetName, Asset asset, List<String> assumptions) {
    Asset known = asset != null ? asset : Asset.unstated(assetName, AssetKind.HOST);
    Set<String> assumed = new LinkedHashSet<>(known.unstatedFields());
    // One line per field nobody stated, so that an unknown context is never read as a known one.
    if (known.criticality() == null) {
      assumptions.add("criticality unknown, treated as " + assume.criticality());
    }
    if (known.environment() == null) {
      assumptions.add("environment unknown, treated as " + assume.environment());
    }
    if (known.internetFacing() == null) {
      assumptions.add("internet exposure unknown, treated as "
          + (assume.internetFacing() ? "internet-facing" : "not internet-facing"));
    }
    if (known.ownerTeam() == null) {
      assumptions.add("owner team unknown");
    }
    return new AssetContext(known.name(), known.environment() != null ? known.environment() : assume.environment(),
        known.ownerTeam(), known.criticality() != null ? known.criticality() : assume.criticality(),
        known.internetFacing() != null ? known.internetFacing() : assume.internetFacing(), asset != null, assumed);
  }

  // ---- CVSS

  private record Candidate(Severity severity, String version, int sourceRank) {}

  /** The preferred CVSS statement of one vulnerability, scored; see the class comment. */
  static Optional<CvssScore> bestCvss(VulnerabilityProfile p) {
    if (p.advisory() == null) {
      return Optional.empty();
    }
    List<Candidate> candidates = new ArrayList<>();
    for (AdvisoryRecord r : p.advisory().records()) {
      for (Severity s : r.severities()) {
        if (!s.type().startsWith("CVSS_") || s.vector().isBlank()) {
          continue;
        }
        String version = CvssScoring.version(s.vector().strip());
        if (!VERSION_ORDER.contains(version)) {
          continue;
        }
        candidates.add(new Candidate(s, version, sourceRank(r.source(), s.by())));
      }
    }
    candidates.sort(Comparator.comparingInt((Candidate c) -> VERSION_ORDER.indexOf(c.version()))
        .thenComparingInt(Candidate::sourceRank));
    for (Candidate c : candidates) {
      Optional<CvssScore> scored = score(c.severity(), c.version(), p.id());
      if (scored.isPresent()) {
        return scored;
      }
    }
    return Optional.empty();
  }

  private static int sourceRank(String recordSource, String by) {
    if (by.equalsIgnoreCase(NVD)) {
      return 0;
    }
    if (by.toUpperCase(Locale.ROOT).contains("ADP")) {
      return 2;
    }
    if (recordSource.equals("nvd") || recordSource.equals("cve5")) {
      return 1; // the CNA: a CVE 5 CNA container, or a "secondary" metric in NVD's record
    }
    return 3;
  }

  private static Optional<CvssScore> score(Severity s, String version, String cveId) {
    String vector = s.vector().strip();
    Double stated = s.score();
    Optional<CvssScoring.Computed> computed = CvssScoring.compute(vector);
    if (computed.isEmpty()) {
      if (stated == null) {
        return Optional.empty();
      }
      return Optional.of(new CvssScore(version, vector, stated, stated, s.by(), cveId, false,
          "vector not computable: the stated score is used"));
    }
    double base = computed.get().base();
    String note = "";
    if (stated != null && Math.abs(stated - base) > 0.05) {
      double temporal = computed.get().temporal();
      note = temporal >= 0 && Math.abs(stated - temporal) <= 0.05
          ? "stated " + stated + " is the vector's temporal score; the base score is used"
          : "stated " + stated + " differs from the vector's base score";
    }
    return Optional.of(new CvssScore(version, vector, base, stated, s.by(), cveId, true, note));
  }

  // ---- KEV, ATT&CK, SSVC

  private static KevStatus kev(VulnerabilityProfile p) {
    KevEntry e = p.kev();
    if (e != null) {
      return new KevStatus(p.id(), e.dateAdded(), e.dueDate(), e.knownRansomwareUse(), KevStatus.CATALOG);
    }
    if (p.advisory() == null) {
      return null;
    }
    for (AdvisoryRecord r : p.advisory().records()) {
      for (Severity s : r.severities()) {
        if (s.type().equals("KEV") && s.vector().startsWith("dateAdded:")) {
          try {
            LocalDate added = LocalDate.parse(s.vector().substring("dateAdded:".length()));
            return new KevStatus(p.id(), added, null, false, s.by().isEmpty() ? r.source() : s.by());
          } catch (DateTimeParseException ignored) {
            // the readers validate this date; an unparsable one says nothing usable
          }
        }
      }
    }
    return null;
  }

  private static boolean earlierDue(KevStatus a, KevStatus b) {
    if (a.dueDate() == null) {
      return false;
    }
    return b.dueDate() == null || a.dueDate().isBefore(b.dueDate());
  }

  private static List<TacticReach> tactics(VulnerabilityProfile p) {
    List<TacticReach> out = new ArrayList<>();
    for (TechniqueUse use : p.techniques()) {
      for (AttackTactic t : use.tactics()) {
        out.add(new TacticReach(t.id(), t.name(), use.mapping().techniqueId(), use.mapping().mappingType(), p.id()));
      }
    }
    return out;
  }

  private static List<TacticReach> distinct(List<TacticReach> tactics) {
    return List.copyOf(new LinkedHashSet<>(tactics));
  }

  /**
   * The preferred SSVC statement as lower-case decision point name → lower-case value, with the
   * statement's author under the key {@code ""}; empty when there is none.
   */
  private static Map<String, String> ssvcStatement(VulnerabilityProfile p) {
    if (p.advisory() == null) {
      return Map.of();
    }
    Severity chosen = null;
    for (AdvisoryRecord r : p.advisory().records()) {
      for (Severity s : r.severities()) {
        if (s.type().equals("SSVC") && (chosen == null || (s.by().equalsIgnoreCase("CISA-ADP")
            && !chosen.by().equalsIgnoreCase("CISA-ADP")))) {
          chosen = s;
        }
      }
    }
    if (chosen == null) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    // NB: the CVE 5 reader writes an SSVC statement as "Exploitation:poc/Automatable:no/Technical
    // Impact:total"; value spellings vary in case ("active", "Active", "YES").
    for (String part : chosen.vector().split("/")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        out.put(part.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            part.substring(colon + 1).strip().toLowerCase(Locale.ROOT));
      }
    }
    out.put("", chosen.by().isEmpty() ? "an SSVC statement" : chosen.by());
    return out;
  }

  private static Sourced<Exploitation> exploitation(String cve, KevStatus kev, Map<String, String> ssvc, String by) {
    if (kev != null) {
      return new Sourced<>(Exploitation.ACTIVE, Provenance.STATED,
          (kev.source().equals(KevStatus.CATALOG) ? "in the CISA KEV catalog" : "in CISA KEV per " + kev.source())
              + " (" + cve + ")");
    }
    String e = ssvc.get("exploitation");
    if (e != null) {
      Exploitation value = switch (e) {
        case "active" -> Exploitation.ACTIVE;
        case "poc", "public poc" -> Exploitation.POC;
        case "none" -> Exploitation.NONE;
        default -> null;
      };
      if (value != null) {
        return new Sourced<>(value, Provenance.STATED, "SSVC statement by " + by + " (" + cve + ")");
      }
    }
    return new Sourced<>(Exploitation.NONE, Provenance.ASSUMED, "no KEV entry or SSVC statement (" + cve + ")");
  }

  private static Sourced<Boolean> automatable(String cve, Map<String, String> ssvc, String by, CvssScore cvss) {
    String a = ssvc.get("automatable");
    if (a != null && (a.equals("yes") || a.equals("no"))) {
      return new Sourced<>(a.equals("yes"), Provenance.STATED, "SSVC statement by " + by + " (" + cve + ")");
    }
    if (cvss != null) {
      Map<String, String> m = metrics(cvss.vector());
      boolean v2 = cvss.version().equals("2.0");
      boolean yes = "N".equals(m.get("AV"))
          && (v2 ? "N".equals(m.get("Au")) : "N".equals(m.get("PR")))
          && (v2 || "N".equals(m.get("UI")));
      return new Sourced<>(yes, Provenance.DERIVED, "derived from CVSS " + cvss.version() + " "
          + (v2 ? "AV/Au" : "AV/PR/UI") + " (" + cve + ")");
    }
    return new Sourced<>(false, Provenance.ASSUMED, "no SSVC statement or CVSS vector (" + cve + ")");
  }

  private static Sourced<TechnicalImpact> technicalImpact(String cve, Map<String, String> ssvc, String by,
      CvssScore cvss) {
    String ti = ssvc.get("technical impact");
    if (ti != null && (ti.equals("total") || ti.equals("partial"))) {
      return new Sourced<>(ti.equals("total") ? TechnicalImpact.TOTAL : TechnicalImpact.PARTIAL, Provenance.STATED,
          "SSVC statement by " + by + " (" + cve + ")");
    }
    if (cvss != null) {
      Map<String, String> m = metrics(cvss.vector());
      boolean total = switch (cvss.version()) {
        case "4.0" -> "H".equals(m.get("VC")) && "H".equals(m.get("VI")) && "H".equals(m.get("VA"));
        case "2.0" -> "C".equals(m.get("C")) && "C".equals(m.get("I")) && "C".equals(m.get("A"));
        default -> "H".equals(m.get("C")) && "H".equals(m.get("I")) && "H".equals(m.get("A"));
      };
      return new Sourced<>(total ? TechnicalImpact.TOTAL : TechnicalImpact.PARTIAL, Provenance.DERIVED,
          "derived from CVSS " + cvss.version() + " impact metrics (" + cve + ")");
    }
    return new Sourced<>(TechnicalImpact.PARTIAL, Provenance.ASSUMED, "no SSVC statement or CVSS vector (" + cve + ")");
  }

  /** Metric → value of a CVSS vector ({@code CVSS:3.1/AV:N/…}, or a v2 vector in parentheses). */
  private static Map<String, String> metrics(String vector) {
    Map<String, String> out = new HashMap<>();
    for (String part : vector.replace("(", "").replace(")", "").split("/")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        out.putIfAbsent(part.substring(0, colon), part.substring(colon + 1));
      }
    }
    return out;
  }

  /** The higher value; on a tie the better provenance (stated, then derived, then assumed). */
  private static <T extends Comparable<T>> Sourced<T> stronger(Sourced<T> a, Sourced<T> b) {
    if (a == null) {
      return b;
    }
    int c = a.value().compareTo(b.value());
    if (c != 0) {
      return c > 0 ? a : b;
    }
    return a.provenance().compareTo(b.provenance()) <= 0 ? a : b;
  }

  private static Instant earliest(Instant current, VulnerabilityProfile p) {
    if (p.advisory() == null) {
      return current;
    }
    for (AdvisoryRecord r : p.advisory().records()) {
      if (r.published() != null && (current == null || r.published().isBefore(current))) {
        current = r.published();
      }
    }
    return current;
  }
}
