package org.patchwarden.assess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A condition of a policy's tier rule over a finding's signals and SSVC decision. Leaves test one
 * signal; {@link All} and {@link Any} combine them. Each leaf's {@link #key()} is its policy-file
 * key, so that an assessment can name the signals that decided it.
 *
 * <p>A leaf whose signal is missing (no CVSS score, no EPSS score, no SSVC decision) does not hold.
 */
public sealed interface Condition {

  /** The policy-file key: {@code in_kev}, {@code cvss_min} …; {@code all}/{@code any} for groups. */
  String key();

  /**
   * The leaves that make this condition hold (all of them for {@link All}, every holding branch for
   * {@link Any}), or empty when it does not hold.
   *
   * @param ssvc null when no SSVC decision could be made
   */
  Optional<List<Condition>> decide(Signals s, SsvcDecision ssvc);

  /** A condition that always holds: the default rule's. */
  static Condition always() {
    return new All(List.of());
  }

  /** Every condition holds (an empty list always holds). */
  record All(List<Condition> conditions) implements Condition {
    public All {
      conditions = List.copyOf(conditions);
    }

    @Override
    public String key() {
      return "all";
    }

    @Override
    public Optional<List<Condition>> decide(Signals s, SsvcDecision ssvc) {
      List<Condition> out = new ArrayList<>();
      for (Condition c : conditions) {
        Optional<List<Condition>> d = c.decide(s, ssvc);
        if (d.isEmpty()) {
          return Optional.empty();
        }
        out.addAll(d.get());
      }
      return Optional.of(out);
    }
  }

  /** At least one condition holds; every holding one is named. */
  record Any(List<Condition> conditions) implements Condition {
    public Any {
      conditions = List.copyOf(conditions);
      if (conditions.isEmpty()) {
        throw new IllegalArgumentException("'any' needs at least one condition");
      }
    }

    @Override
    public String key() {
      return "any";
    }

    @Override
    public Optional<List<Condition>> decide(Signals s, SsvcDecision ssvc) {
      List<Condition> out = new ArrayList<>();
      boolean held = false;
      for (Condition c : conditions) {
        Optional<List<Condition>> d = c.decide(s, ssvc);
        if (d.isPresent()) {
          held = true;
          out.addAll(d.get());
        }
      }
      return held ? Optional.of(out) : Optional.empty();
    }
  }

  /** A condition on one signal. */
  sealed interface Leaf extends Condition {
    boolean holds(Signals s, SsvcDecision ssvc);

    @Override
    default Optional<List<Condition>> decide(Signals s, SsvcDecision ssvc) {
      return holds(s, ssvc) ? Optional.of(List.of(this)) : Optional.empty();
    }
  }

  /** In CISA KEV (catalog, or a CISA-ADP statement), or not. */
  record InKev(boolean expected) implements Leaf {
    @Override
    public String key() {
      return "in_kev";
    }

    @Override
    public boolean holds(Signals s, SsvcDecision ssvc) {
      return s.inKev() == expected;
    }
  }

  /** The asset is (or is not) internet-facing. */
  record InternetFacing(boolean expected) implements Leaf {
    @Override
    public String key() {
      return "internet_facing";
    }

    @Override
    public boolean holds(Signals s, SsvcDecision ssvc) {
      return s.asset().internetFacing() == expected;
    }
  }

  /** The vulnerability reaches one of these ATT&CK tactics (ids such as {@code TA0001}) by a strong mapping. */
  record TacticsAny(Set<String> tacticIds) implements Leaf {
    public TacticsAny {
      tacticIds = Set.copyOf(tacticIds);
    }

    @Override
    public String key() {
      return "tactics_any";
    }

    @Override
    public boolean holds(Signals s, SsvcDecision ssvc) {
      return s.strongTactics().stream().anyMatch(t -> tacticIds.contains(t.tacticId()));
    }
  }

  /** The SSVC decision is one of these outcomes (names or keys, e.g. {@code Act}, {@code AT}). */
  record SsvcIn(Set<String> outcomes) implements Leaf {
    public SsvcIn {
      outcomes = Set.copyOf(outcomes);
    }

    @Override
    public String key() {
      return "ssvc_in";
    }

    @Override
    public boolean holds(Signals s, SsvcDecision ssvc) {
      return ssvc != null && outcomes.stream().anyMatch(ssvc::is);
    }
  }

  /** The CVSS score is at least {@code min}. */
  record CvssMin(double min) implements Leaf {
    @Override
    public String key() {
      return "cvss_min";
    }

    @Override
    public boolean holds(Signals s, SsvcDecision ssvc) {
      return s.cvss() != null && s.cvss().score() >= min;
    }
  }

  /** The EPSS score is at least {@code min}. */
  record EpssMin(double min) implements Leaf {
    @Override
    public String key() {
      return "epss_min";
    }

    @Override
    public boolean holds(Signals s, SsvcDecision ssvc) {
      return s.epss() != null && s.epss().score() >= min;
    }
  }

  /** The EPSS percentile is at least {@code min} (0..1). */
  record EpssPercentileMin(double min) implements Leaf {
    @Override
    public String key() {
      return "epss_percentile_min";
    }

    @Override
    public boolean holds(Signals s, SsvcDecision ssvc) {
      return s.epss() != null && s.epss().percentile() >= min;
    }
  }

  /** The exploitation state is one of these. */
  record ExploitationIn(Set<Exploitation> states) implements Leaf {
    public ExploitationIn {
      states = Set.copyOf(states);
    }

    @Override
    public String key() {
      return "exploitation_in";
    }

    @Override
    public boolean holds(Signals s, SsvcDecision ssvc) {
      return states.contains(s.exploitation().value());
    }
  }

  /** The asset's criticality is at most {@code max} (1 is the most critical). */
  record CriticalityMax(int max) implements Leaf {
    @Override
    public String key() {
      return "criticality_max";
    }

    @Override
    public boolean holds(Signals s, SsvcDecision ssvc) {
      return s.asset().criticality() <= max;
    }
  }

  /** The asset's environment is one of these (compared in lower case). */
  record EnvironmentIn(Set<String> environments) implements Leaf {
    public EnvironmentIn {
      environments = environments.stream().map(e -> e.toLowerCase(Locale.ROOT)).collect(
          java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public String key() {
      return "environment_in";
    }

    @Override
    public boolean holds(Signals s, SsvcDecision ssvc) {
      return environments.contains(s.asset().environment());
    }
  }

  /** A fixed version is (or is not) known. */
  record FixAvailable(boolean expected) implements Leaf {
    @Override
    public String key() {
      return "fix_available";
    }

    @Override
    public boolean holds(Signals s, SsvcDecision ssvc) {
      return s.fixAvailable() == expected;
    }
  }
}
