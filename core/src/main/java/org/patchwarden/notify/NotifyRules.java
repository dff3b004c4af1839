package org.patchwarden.notify;

import java.util.Set;

/**
 * Which facts are news.
 *
 * @param urgentTiers tiers whose new findings are told at once (default T0, T1)
 * @param dueSoonDays an open finding due within this many days is "due soon" (default 7)
 * @param lookbackDays how far back an event still counts as new: findings first seen, KEV additions,
 *     due dates passed and verification failures older than this are not raised (default 7), so
 *     that turning notifications on does not send the whole history
 */
public record NotifyRules(Set<String> urgentTiers, int dueSoonDays, int lookbackDays) {
  public NotifyRules {
    urgentTiers = Set.copyOf(urgentTiers);
    if (dueSoonDays < 0 || dueSoonDays > 365) {
      throw new IllegalArgumentException("notify due-soon days must be 0..365, got " + dueSoonDays);
    }
    if (lookbackDays < 0 || lookbackDays > 3650) {
      throw new IllegalArgumentException("notify lookback days must be 0..3650, got " + lookbackDays);
    }
  }

  public static NotifyRules defaults() {
    return new NotifyRules(Set.of("T0", "T1"), 7, 7);
  }
}
