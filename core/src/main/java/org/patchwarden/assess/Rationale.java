package org.patchwarden.assess;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.inventory.Asset;
import org.patchwarden.match.Confidence;

/**
 * Writes an assessment's rationale: the deciding signals in a fixed order (KEV, tactics,
 * exploitation, SSVC, asset, CVSS, EPSS, fix), then KEV and EPSS as context when they did not
 * decide, then the tier and due date, then what was assumed. For example: {@code In CISA KEV since
 * 2025-08-25 (due 2025-09-15); initial access via T1190; internet-facing production asset; EPSS 0.94
 * (99th pct.) → T0, fix by 2025-08-27}.
 */
final class Rationale {
  private Rationale() {}

  static String write(Signals s, SsvcDecision ssvc, TierRule rule, List<Condition> deciding, LocalDate firstSeen,
      LocalDate due, DueBasis basis, List<String> assumptions) {
    Set<Class<?>> kinds = new LinkedHashSet<>();
    deciding.forEach(c -> kinds.add(c.getClass()));
    List<String> parts = new ArrayList<>();
    if (s.confidence() == Confidence.PRODUCT_ONLY) {
      parts.add("KEV-listed product present, affected versions unknown: verify");
    } else if (s.confidence() == Confidence.CPE_MATCH) {
      parts.add("matched by CPE product and version: verify");
    }
    for (Condition c : deciding) {
      if (c instanceof Condition.InKev k) {
        parts.add(k.expected() ? kev(s.kev()) : "not in CISA KEV");
        break;
      }
    }
    List<String> tacticIds = deciding.stream().filter(c -> c instanceof Condition.TacticsAny)
        .flatMap(c -> ((Condition.TacticsAny) c).tacticIds().stream()).toList();
    if (!tacticIds.isEmpty()) {
      parts.add(tactics(s, tacticIds));
    }
    if (kinds.contains(Condition.ExploitationIn.class)) {
      parts.add(switch (s.exploitation().value()) {
        case ACTIVE -> "actively exploited";
        case POC -> "public proof of concept";
        case NONE -> "no known exploitation";
      });
    }
    if (kinds.contains(Condition.SsvcIn.class)) {
      parts.add("SSVC " + ssvc.outcome() + " (" + ssvc.inputs().entrySet().stream()
          .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(", ")) + ")");
    }
    String asset = asset(s.asset(), kinds);
    if (asset != null) {
      parts.add(asset);
    }
    if (kinds.contains(Condition.CvssMin.class)) {
      parts.add(cvss(s.cvss()));
    }
    boolean epssDecided = kinds.contains(Condition.EpssMin.class) || kinds.contains(Condition.EpssPercentileMin.class);
    if (epssDecided) {
      parts.add(epss(s.epss()));
    }
    for (Condition c : deciding) {
      if (c instanceof Condition.FixAvailable f) {
        parts.add(f.expected() ? "fix available (" + s.fixedVersion() + ")" : "no fix available");
        break;
      }
    }
    if (deciding.isEmpty()) {
      parts.add("no rule of a more urgent tier matched");
    }
    // Context that did not decide but a responder wants to see at once.
    if (s.inKev() && !kinds.contains(Condition.InKev.class)) {
      parts.add(kev(s.kev()));
    }
    if (s.epss() != null && !epssDecided) {
      parts.add(epss(s.epss()));
    }

    StringBuilder out = new StringBuilder(String.join("; ", parts));
    if (!out.isEmpty()) {
      out.setCharAt(0, Character.toUpperCase(out.charAt(0)));
    }
    out.append(" → ").append(rule.id()).append(", fix by ").append(due);
    if (basis == DueBasis.KEV_DUE_DATE) {
      out.append(" (KEV due date");
      if (due.isBefore(firstSeen)) {
        out.append(", already overdue when first seen on ").append(firstSeen);
      }
      out.append(')');
    }
    if (!assumptions.isEmpty()) {
      out.append(". Assumed: ").append(String.join("; ", assumptions));
    }
    return out.toString();
  }

  private static String kev(KevStatus k) {
    String ransomware = k.knownRansomware() ? ", known ransomware use" : "";
    if (k.dueDate() == null) {
      return "in CISA KEV since " + k.dateAdded() + " per " + k.source()
          + " (not in the loaded catalog: no due date)" + ransomware;
    }
    return "in CISA KEV since " + k.dateAdded() + " (due " + k.dueDate() + ")" + ransomware;
  }

  private static String tactics(Signals s, List<String> wanted) {
    Map<String, Set<String>> byTactic = new LinkedHashMap<>();
    for (TacticReach t : s.strongTactics()) {
      if (wanted.contains(t.tacticId())) {
        byTactic.computeIfAbsent(t.tacticName().toLowerCase(Locale.ROOT), k -> new LinkedHashSet<>())
            .add(t.techniqueId());
      }
    }
    return byTactic.entrySet().stream()
        .map(e -> e.getKey() + " via " + String.join("/", e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String asset(AssetContext a, Set<Class<?>> kinds) {
    boolean exposure = kinds.contains(Condition.InternetFacing.class);
    boolean criticality = kinds.contains(Condition.CriticalityMax.class);
    boolean environment = kinds.contains(Condition.EnvironmentIn.class);
    if (!exposure && !criticality && !environment) {
      return null;
    }
    List<String> words = new ArrayList<>();
    if (criticality) {
      words.add("criticality-" + a.criticality());
    }
    if (exposure) {
      words.add(a.internetFacing() ? "internet-facing" : "not internet-facing");
    }
    words.add(a.environment());
    words.add("asset");
    // The words above read as facts; say which of them are the policy's assumptions.
    List<String> assumed = new ArrayList<>();
    if (criticality && a.isAssumed(Asset.CRITICALITY)) {
      assumed.add("criticality");
    }
    if (exposure && a.isAssumed(Asset.INTERNET_FACING)) {
      assumed.add("internet exposure");
    }
    if (a.isAssumed(Asset.ENVIRONMENT)) {
      assumed.add("environment");
    }
    return String.join(" ", words) + (assumed.isEmpty() ? "" : " (assumed " + String.join(", ", assumed) + ")");
  }

  static String cvss(CvssScore c) {
    String by = c.by().isEmpty() ? "" : ", " + c.by();
    return "CVSS " + c.score() + " (v" + c.version() + by + (c.computed() ? "" : ", stated score") + ")";
  }

  static String epss(EpssScore e) {
    return "EPSS " + decimal(e.score()) + " (" + ordinal((int) Math.floor(e.percentile() * 100)) + " pct.)";
  }

  /** Two decimals, truncated so that 0.99999 never reads as a certain 1; two significant digits below 0.1. */
  private static String decimal(double v) {
    BigDecimal d = v >= 0.1
        ? BigDecimal.valueOf(v).setScale(2, RoundingMode.DOWN)
        : BigDecimal.valueOf(v).round(new MathContext(2, RoundingMode.HALF_UP));
    return d.stripTrailingZeros().toPlainString();
  }

  private static String ordinal(int n) {
    int mod100 = n % 100;
    String suffix = mod100 >= 11 && mod100 <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }
}
