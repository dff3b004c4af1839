package org.patchwarden.exercise;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A tabletop exercise: which CVEs to follow on the fleet, from which day, for how many days, how the
 * remediation process behaves, and the events. Written as YAML (docs/exercises.md).
 *
 * @param source where it was read from, e.g. {@code kev-delayed-firewall.yaml}
 * @param fleet whose fleet, feeds and policy it runs on
 * @param start day 0 of the exercise, or null for the fleet snapshot's own date
 * @param seed the default seed of its random draws
 * @param cves the CVEs followed, sorted, each once; empty when {@code top} chooses them
 * @param top when positive, follow the fleet's {@code top} most urgent CVEs instead of naming them
 *     ({@link #withCves} fixes them once the fleet is known)
 */
public record Scenario(String source, String name, String description, Fleet fleet, LocalDate start, int days,
    long seed, List<String> cves, int top, Process process, List<ScenarioEvent> events) {
  /** The longest exercise, in days. */
  public static final int MAX_DAYS = 365;
  /** The most CVEs {@code cves: {top: N}} may choose. */
  public static final int MAX_TOP = 20;

  public Scenario {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fleet, "fleet");
    description = description == null ? "" : description.strip();
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException(source + ": days must be 1.." + MAX_DAYS + ", got " + days);
    }
    cves = List.copyOf(new java.util.TreeSet<>(cves));
    if (top < 0 || top > MAX_TOP) {
      throw new IllegalArgumentException(source + ": cves: top must be 1.." + MAX_TOP + ", got " + top);
    }
    if (cves.isEmpty() == (top == 0)) {
      throw new IllegalArgumentException(source + ": a scenario follows at least one CVE (cves:), named or top N");
    }
    Objects.requireNonNull(process, "process");
    events = List.copyOf(events);
  }

  /** This scenario with another seed. */
  public Scenario withSeed(long newSeed) {
    return new Scenario(source, name, description, fleet, start, days, newSeed, cves, top, process, events);
  }

  /** This scenario on another fleet. */
  public Scenario withFleet(Fleet newFleet) {
    return new Scenario(source, name, description, newFleet, start, days, seed, cves, top, process, events);
  }

  /** This scenario following {@code chosen}: the CVEs its {@code top} chose on the fleet. */
  public Scenario withCves(List<String> chosen) {
    return new Scenario(source, name, description, fleet, start, days, seed, chosen, 0, process, events);
  }

  /** Whose fleet, feeds and policy an exercise runs on, as the scenario file spells it ({@code fleet:}). */
  public enum Fleet {
    /** The bundled demo snapshot: the same everywhere, so reports agree byte for byte. */
    DEMO("demo"),
    /** The store the command runs against ({@code --home}, {@code --db}): the user's own fleet, read only. */
    STORE("store");

    private final String key;

    Fleet(String key) {
      this.key = key;
    }

    /** Its spelling in a scenario file and on the command line. */
    public String key() {
      return key;
    }

    /** The fleet spelled {@code key}, if any. */
    public static java.util.Optional<Fleet> of(String key) {
      return java.util.Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
  }

  /**
   * How the remediation process runs in the exercise.
   *
   * @param approvals approvals a change needs, or null for the configured {@code remediation.approvals}
   * @param approvalDays days from planning a change to its approval by people
   * @param verifyHours the verification window, or null for the configured {@code remediation.verify-hours}
   * @param rematchOnFeedChange whether a feed change re-matches stored inventories the same day (as
   *     {@code feeds load} does); when false, findings wait for each asset's next rescan
   */
  public record Process(Integer approvals, int approvalDays, Integer verifyHours, boolean rematchOnFeedChange) {
    public Process {
      if (approvals != null && (approvals < 0 || approvals > 2)) {
        throw new IllegalArgumentException("process.approvals must be 0, 1 or 2, got " + approvals);
      }
      if (approvalDays < 0 || approvalDays > MAX_DAYS) {
        throw new IllegalArgumentException("process.approval_days must be 0.." + MAX_DAYS + ", got " + approvalDays);
      }
      if (verifyHours != null && verifyHours < 1) {
        throw new IllegalArgumentException("process.verify_hours must be 1 or more, got " + verifyHours);
      }
    }

    /** Configured approvals and window, approval the next day, re-match on feed change. */
    public static Process defaults() {
      return new Process(null, 1, null, true);
    }
  }
}
