package org.patchwarden.formats.feed.cve5;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchwarden.version.InvalidVersionException;
import org.patchwarden.version.OsvEvent;
import org.patchwarden.version.PanOsVersion;
import org.patchwarden.version.PanOsVersionScheme;
import org.patchwarden.version.Version;
import org.patchwarden.version.VersionScheme;

/**
 * The version statements of CVE 5 {@code affected} entries that need versions ordered, turned into
 * OSV events: ranges with {@code changes}, GitHub's constraint text in the {@code version} field,
 * and {@code defaultStatus: affected} with per-branch unaffected versions.
 */
final class Cve5Versions {
  /** One constraint of GitHub's version text: {@code >= 1.81.16}, {@code < 1.83.7}. */
  private static final Pattern CONSTRAINT = Pattern.compile("\\s*(>=|<=|>|<|=)\\s*([^\\s,<>=]+)\\s*");
  private static final Pattern DOTTED = Pattern.compile("\\d+(\\.\\d+)+");

  private Cve5Versions() {}

  /** One {@code changes[]} item: from {@code at} on, the status is {@code status}. */
  record Change(String at, String status) {}

  /**
   * The events of one {@code versions[]} range starting at {@code start} ("0" for the first
   * version) with {@code status}, ending before {@code lessThan} or at {@code lessThanOrEqual}
   * (either null), with its {@code changes} re-sorted in {@code scheme} (the schema asks clients
   * to; record order when a point does not parse, or {@code scheme} is null).
   *
   * <p>A change holds from its point to the end of the range, except in PAN-OS, where a change at
   * a hotfix ({@code 10.2.7-h34}) holds for that hotfix line only, up to the next maintenance
   * release ({@code 10.2.8}): Palo Alto lists one fixed hotfix per line ("10.2.7-h34, 10.2.10-h36,
   * 10.2.18-h6") and {@code 10.2.8} and {@code 10.2.9} stay affected.
   */
  static List<OsvEvent> events(VersionScheme scheme, String start, String status, List<Change> changes,
      String lessThan, String lessThanOrEqual) {
    List<Change> sorted = sorted(scheme, changes);
    PanOsVersionScheme panos = scheme instanceof PanOsVersionScheme p ? p : null;
    Version end = scheme == null ? null : parseOrNull(scheme, lessThan != null ? lessThan : lessThanOrEqual);
    List<OsvEvent> events = new ArrayList<>();
    boolean affected = status.equals("affected");
    if (affected) {
      events.add(new OsvEvent(OsvEvent.Kind.INTRODUCED, start));
    }
    if (panos != null && sorted != null) {
      affected = hotfixLines(panos, status, sorted, end, lessThanOrEqual != null, affected, events);
    } else {
      for (Change c : sorted != null ? sorted : changes) {
        affected = flip(affected, c.status(), c.at(), events);
      }
    }
    if (affected) {
      if (lessThan != null && !lessThan.equals("*")) {
        events.add(new OsvEvent(OsvEvent.Kind.FIXED, lessThan));
      } else if (lessThanOrEqual != null && !lessThanOrEqual.equals("*")) {
        events.add(new OsvEvent(OsvEvent.Kind.LAST_AFFECTED, lessThanOrEqual));
      }
    }
    return events;
  }

  /**
   * PAN-OS changes: the status at each point is the last hotfix change whose line holds the point,
   * else the last maintenance-release change at or below it, else the range's own status. Points
   * past the range's end are dropped. Returns whether the range is affected at its end.
   */
  private static boolean hotfixLines(PanOsVersionScheme panos, String status, List<Change> changes, Version end,
      boolean endInclusive, boolean affected, List<OsvEvent> events) {
    List<Version> points = new ArrayList<>();
    for (Change c : changes) {
      PanOsVersion at = panos.parse(c.at());
      points.add(at);
      PanOsVersion lineEnd = panos.hotfixLineEnd(at);
      if (lineEnd != null) {
        points.add(lineEnd);
      }
    }
    points.sort(null);
    Version previous = null;
    for (Version point : points) {
      if (point.equals(previous) || (end != null && (endInclusive ? point.compareTo(end) > 0 : point.compareTo(end) >= 0))) {
        continue;
      }
      previous = point;
      affected = flip(affected, statusAt(panos, status, changes, (PanOsVersion) point), point.text(), events);
    }
    return affected;
  }

  private static String statusAt(PanOsVersionScheme panos, String status, List<Change> changes, PanOsVersion v) {
    String base = status;
    String line = null;
    for (Change c : changes) {
      PanOsVersion at = panos.parse(c.at());
      if (at.compareTo(v) > 0 || c.status().equals("unknown")) {
        continue;
      }
      PanOsVersion lineEnd = panos.hotfixLineEnd(at);
      if (lineEnd == null) {
        base = c.status();
      } else if (v.compareTo(lineEnd) < 0) {
        line = c.status();
      }
    }
    return line != null ? line : base;
  }

  /** Adds the event where the status turns, and returns whether it is affected after {@code at}. */
  private static boolean flip(boolean affected, String next, String at, List<OsvEvent> events) {
    if (affected && next.equals("unaffected")) {
      events.add(new OsvEvent(OsvEvent.Kind.FIXED, at));
      return false;
    }
    if (!affected && next.equals("affected")) {
      events.add(new OsvEvent(OsvEvent.Kind.INTRODUCED, at));
      return true;
    }
    return affected;
  }

  /** The changes in version order, or null when a point is not a version of the scheme. */
  private static List<Change> sorted(VersionScheme scheme, List<Change> changes) {
    if (scheme == null) {
      return null;
    }
    try {
      List<Change> out = new ArrayList<>(changes);
      List<Version> keys = new ArrayList<>();
      for (Change c : out) {
        keys.add(scheme.parse(c.at()));
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < out.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparing(keys::get));
      return order.stream().map(out::get).toList();
    } catch (InvalidVersionException e) {
      return null;
    }
  }

  private static Version parseOrNull(VersionScheme scheme, String text) {
    if (text == null || text.equals("*")) {
      return null;
    }
    try {
      return scheme.parse(text);
    } catch (InvalidVersionException e) {
      return null;
    }
  }

  /**
   * GitHub's constraint text in the {@code version} field ({@code >= 1.81.16, < 1.83.7}, {@code <
   * 2.0}, {@code <= 1.2}, {@code = 1.0}) as events; empty when the text is not such a list. A
   * lower bound {@code > x} is read as {@code >= x}: OSV events have no exclusive start, and
   * {@code x} itself was named by the advisory.
   */
  static Optional<List<OsvEvent>> constraintText(String version) {
    String text = version.strip();
    if (text.isEmpty() || "<>=".indexOf(text.charAt(0)) < 0) {
      return Optional.empty();
    }
    String introduced = "0";
    String fixed = null;
    String lastAffected = null;
    String exact = null;
    for (String part : text.split(",")) {
      Matcher m = CONSTRAINT.matcher(part);
      if (!m.matches()) {
        return Optional.empty();
      }
      String v = m.group(2);
      switch (m.group(1)) {
        case ">=", ">" -> introduced = v;
        case "<" -> fixed = v;
        case "<=" -> lastAffected = v;
        default -> exact = v;
      }
    }
    if (exact != null) {
      return text.contains(",") ? Optional.empty()
          : Optional.of(List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, exact), new OsvEvent(OsvEvent.Kind.LAST_AFFECTED, exact)));
    }
    if (fixed != null && lastAffected != null) {
      return Optional.empty();
    }
    List<OsvEvent> events = new ArrayList<>(2);
    events.add(new OsvEvent(OsvEvent.Kind.INTRODUCED, introduced));
    if (fixed != null) {
      events.add(new OsvEvent(OsvEvent.Kind.FIXED, fixed));
    } else if (lastAffected != null) {
      events.add(new OsvEvent(OsvEvent.Kind.LAST_AFFECTED, lastAffected));
    }
    return Optional.of(List.copyOf(events));
  }

  /**
   * {@code defaultStatus: affected} with single unaffected versions, one per release branch
   * (Ivanti's {@code 12.6.1.1, 12.7.0.1, 12.8.0.1}), as events: every version is affected up to
   * its branch's fixed version, a branch above a fixed one ({@code 12.6.2}) is affected again up to
   * the next fix, and versions above the last fix are not affected. Empty unless every version is
   * dotted numbers ({@code 12.6.1.1}): the branch of other shapes cannot be told.
   */
  static Optional<List<OsvEvent>> branchFixes(VersionScheme scheme, List<String> unaffected) {
    if (unaffected.isEmpty()) {
      return Optional.empty();
    }
    List<Version> fixes = new ArrayList<>();
    for (String u : unaffected) {
      if (!DOTTED.matcher(u.strip()).matches()) {
        return Optional.empty();
      }
      try {
        fixes.add(scheme.parse(u.strip()));
      } catch (InvalidVersionException e) {
        return Optional.empty();
      }
    }
    fixes.sort(null);
    List<OsvEvent> events = new ArrayList<>();
    events.add(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"));
    for (int i = 0; i < fixes.size(); i++) {
      Version fix = fixes.get(i);
      if (i > 0 && fix.equals(fixes.get(i - 1))) {
        continue;
      }
      events.add(new OsvEvent(OsvEvent.Kind.FIXED, fix.text().strip()));
      if (i + 1 < fixes.size()) {
        String next = nextBranch(fix.text().strip());
        if (scheme.parse(next).compareTo(fixes.get(i + 1)) < 0) {
          events.add(new OsvEvent(OsvEvent.Kind.INTRODUCED, next));
        }
      }
    }
    return Optional.of(List.copyOf(events));
  }

  /** The first version of the branch after {@code version}'s: {@code 12.6.2} after {@code 12.6.1.1}. */
  private static String nextBranch(String version) {
    String[] parts = version.split("\\.");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length - 2; i++) {
      b.append(parts[i]).append('.');
    }
    return b.append(new java.math.BigInteger(parts[parts.length - 2]).add(java.math.BigInteger.ONE)).toString();
  }
}
