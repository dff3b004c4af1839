package org.patchwarden.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patchwarden.assess.Assessment;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeFinding;

/**
 * The events the current state holds: derived, not logged, so each run finds the same events with
 * the same keys and the outbox (unique per key) turns them into news exactly once.
 */
public final class NotificationEvents {
  private NotificationEvents() {}

  /**
   * @param open every open finding, assessed
   * @param changes every change as it stands now
   */
  public static List<Notification> of(List<Assessment> open, List<Change> changes, NotifyRules rules, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate since = today.minusDays(rules.lookbackDays());
    List<Notification> out = new ArrayList<>();
    Map<String, List<Assessment>> kevHits = new TreeMap<>();
    for (Assessment a : open) {
      boolean recent = !a.firstSeen().isBefore(since);
      if (recent && rules.urgentTiers().contains(a.tier())) {
        out.add(new Notification("urgent-finding|" + a.findingKey(), EventKind.URGENT_FINDING,
            a.tier() + " finding: " + a.advisoryId() + " on " + a.assetName() + ", due " + a.dueDate(),
            "New " + a.tier() + " (" + a.tierName() + ") finding on " + a.assetName() + ": " + a.advisoryId()
                + ", first seen " + a.firstSeen() + ", due " + a.dueDate() + ". " + a.rationale(),
            now, facts(a)));
      }
      if (a.signals().inKev() && (recent || !a.signals().kev().dateAdded().isBefore(since))) {
        kevHits.computeIfAbsent(a.signals().kev().cveId(), k -> new ArrayList<>()).add(a);
      }
      long daysLeft = ChronoUnit.DAYS.between(today, a.dueDate());
      if (daysLeft >= 0 && daysLeft <= rules.dueSoonDays()) {
        out.add(new Notification("due-soon|" + a.findingKey() + "|" + a.dueDate(), EventKind.DUE_SOON,
            a.tier() + " finding due " + a.dueDate() + ": " + a.advisoryId() + " on " + a.assetName(),
            a.advisoryId() + " on " + a.assetName() + " (" + a.tier() + ") is due " + a.dueDate() + ", in "
                + daysLeft + (daysLeft == 1 ? " day." : " days."), now, facts(a)));
      } else if (daysLeft < 0 && !a.dueDate().isBefore(since)) {
        out.add(new Notification("overdue|" + a.findingKey() + "|" + a.dueDate(), EventKind.OVERDUE,
            a.tier() + " finding overdue: " + a.advisoryId() + " on " + a.assetName() + " (due " + a.dueDate() + ")",
            a.advisoryId() + " on " + a.assetName() + " (" + a.tier() + ") was due " + a.dueDate() + " and is still open.",
            now, facts(a)));
      }
    }
    kevHits.forEach((cve, hits) -> out.add(kevHit(cve, hits, now)));
    for (Change c : changes) {
      for (ChangeFinding f : c.findings()) {
        if (f.outcome() == ChangeFinding.Outcome.FAILED && !LocalDate.ofInstant(f.checkedAt(), ZoneOffset.UTC)
            .isBefore(since)) {
          Map<String, String> facts = new LinkedHashMap<>();
          facts.put("change_id", String.valueOf(c.id()));
          facts.put("change_title", c.title());
          facts.put("finding_key", f.key().toString());
          facts.put("asset", f.assetName());
          facts.put("advisory", f.key().advisoryId());
          facts.put("tier", f.tier());
          facts.put("checked_at", f.checkedAt().toString());
          facts.put("evidence", f.evidence());
          out.add(new Notification("verification-failed|" + c.id() + "|" + f.key() + "|" + f.checkedAt(),
              EventKind.VERIFICATION_FAILED,
              "Verification failed: change " + c.id() + ", " + f.key().advisoryId() + " on " + f.assetName(),
              "Change " + c.id() + " (" + c.title() + ") did not fix " + f.key().advisoryId() + " on " + f.assetName()
                  + ": " + f.evidence(), now, facts));
        }
      }
    }
    return out;
  }

  private static Notification kevHit(String cve, List<Assessment> hits, Instant now) {
    TreeSet<String> assets = new TreeSet<>();
    hits.forEach(a -> assets.add(a.assetName()));
    Assessment first = hits.getFirst();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("cve", cve);
    facts.put("kev_date_added", first.signals().kev().dateAdded().toString());
    facts.put("kev_due_date", String.valueOf(first.signals().kev().dueDate()));
    facts.put("assets", String.join(",", assets));
    facts.put("findings", String.valueOf(hits.size()));
    return new Notification("kev-hit|" + cve, EventKind.KEV_HIT,
        "CISA KEV " + cve + " hits " + assets.size() + (assets.size() == 1 ? " asset" : " assets"),
        cve + " is in CISA's Known Exploited Vulnerabilities catalog (added " + first.signals().kev().dateAdded()
            + ") and open on " + String.join(", ", assets) + ".", now, facts);
  }

  private static Map<String, String> facts(Assessment a) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("finding_key", a.findingKey());
    f.put("asset", a.assetName());
    f.put("advisory", a.advisoryId());
    f.put("tier", a.tier());
    f.put("first_seen", a.firstSeen().toString());
    f.put("due_date", a.dueDate().toString());
    f.put("in_kev", String.valueOf(a.signals().inKev()));
    f.put("team", a.signals().asset().ownerTeam());
    return f;
  }
}
