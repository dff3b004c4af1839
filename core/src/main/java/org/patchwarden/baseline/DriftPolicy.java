package org.patchwarden.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.patchwarden.baseline.BaselineDiff.Side;

/**
 * How much drift between a test-side baseline (A) and production (B) is tolerated. A limit of
 * {@link #UNLIMITED} turns a rule off. The default is strict: a test environment mirrors production
 * exactly, settings included.
 *
 * @param maxMissingPackages packages on one side only, either side
 * @param maxOlderVersions packages on A at versions older than B's (mixed and uncomparable ones count)
 * @param maxNewerVersions packages on A at versions newer than B's (mixed ones count)
 * @param maxVulnerabilitiesOnlyInTest vulnerabilities found on A and not on B
 * @param maxVulnerabilitiesOnlyInProduction vulnerabilities found on B and not on A
 * @param settingsMustMatch setting keys that must have the same values on both sides; {@code *} for every key
 */
public record DriftPolicy(int maxMissingPackages, int maxOlderVersions, int maxNewerVersions,
    int maxVulnerabilitiesOnlyInTest, int maxVulnerabilitiesOnlyInProduction, Set<String> settingsMustMatch) {
  public static final int UNLIMITED = Integer.MAX_VALUE;
  /** The key of {@link #settingsMustMatch} that stands for every setting. */
  public static final String EVERY_SETTING = "*";

  public DriftPolicy {
    limit("max-missing-packages", maxMissingPackages);
    limit("max-older-versions", maxOlderVersions);
    limit("max-newer-versions", maxNewerVersions);
    limit("max-vulnerabilities-only-in-test", maxVulnerabilitiesOnlyInTest);
    limit("max-vulnerabilities-only-in-production", maxVulnerabilitiesOnlyInProduction);
    settingsMustMatch = Set.copyOf(new TreeSet<>(settingsMustMatch));
  }

  private static void limit(String key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("drift policy: " + key + " must be 0 or more, got " + value);
    }
  }

  /** Nothing tolerated: no missing package, no version difference, no one-sided vulnerability, equal settings. */
  public static DriftPolicy strict() {
    return new DriftPolicy(0, 0, 0, 0, 0, Set.of(EVERY_SETTING));
  }

  /** One rule the drift went past. */
  public record Breach(String rule, int limit, int actual) {
    @Override
    public String toString() {
      return rule + ": " + actual + " (limit " + limit + ")";
    }
  }

  /** Whether the drift is within this policy, and every rule it went past. */
  public record Verdict(List<Breach> breaches) {
    public Verdict {
      breaches = List.copyOf(breaches);
    }

    public boolean withinPolicy() {
      return breaches.isEmpty();
    }

    /** In words: {@code within policy}, or {@code past policy: rule: actual (limit n); …}. */
    public String describe() {
      return withinPolicy() ? "within policy"
          : "past policy: " + String.join("; ", breaches.stream().map(Breach::toString).toList());
    }
  }

  /** Judges a diff. */
  public Verdict judge(BaselineDiff diff) {
    List<Breach> out = new ArrayList<>();
    check(out, "max-missing-packages", maxMissingPackages, diff.missing().size());
    check(out, "max-older-versions", maxOlderVersions, diff.olderCount());
    check(out, "max-newer-versions", maxNewerVersions, diff.newerCount());
    check(out, "max-vulnerabilities-only-in-test", maxVulnerabilitiesOnlyInTest, diff.vulnerabilityCount(Side.A));
    check(out, "max-vulnerabilities-only-in-production", maxVulnerabilitiesOnlyInProduction,
        diff.vulnerabilityCount(Side.B));
    check(out, "settings-must-match", 0, (int) diff.settings().stream().filter(s -> mustMatch(s.key())).count());
    return new Verdict(out);
  }

  /** Whether the policy requires {@code key} to match. */
  public boolean mustMatch(String key) {
    return settingsMustMatch.contains(EVERY_SETTING) || settingsMustMatch.contains(key);
  }

  private static void check(List<Breach> out, String rule, int limit, int actual) {
    if (actual > limit) {
      out.add(new Breach(rule, limit, actual));
    }
  }
}
