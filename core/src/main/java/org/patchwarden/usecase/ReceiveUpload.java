package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.patchwarden.inventory.UploadReceipts;
import org.patchwarden.schedule.AgentCheckins;

/**
 * Use case: an inventory upload from a collector agent, made idempotent by its {@code
 * Idempotency-Key}. The first upload with a key is recorded ({@code record}: match, assess, verify;
 * see {@link RecordInventory}) and its answer kept; a retry with the same key (the agent lost the
 * answer) gets that answer again and records nothing. Either way the agent's check-in counts, since
 * a retry too proves the agent alive.
 */
public final class ReceiveUpload {
  private final UploadReceipts receipts;
  private final AgentCheckins checkins;
  private final Clock clock;

  public ReceiveUpload(UploadReceipts receipts, AgentCheckins checkins, Clock clock) {
    this.receipts = Objects.requireNonNull(receipts, "receipts");
    this.checkins = Objects.requireNonNull(checkins, "checkins");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The answer, and whether it repeats an earlier one ({@code replayed}). */
  public record Outcome(String response, boolean replayed) {}

  /**
   * @param key the upload's Idempotency-Key, or null (no idempotency asked: always recorded)
   * @param agent who uploaded (host and version), for the check-in
   * @param record records the upload and returns its answer
   */
  public Outcome receive(String key, String asset, String agent, Supplier<String> record) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String who = agent == null || agent.isBlank() ? "unknown agent" : agent;
    if (key != null) {
      Optional<UploadReceipts.Receipt> earlier = receipts.find(key);
      if (earlier.isPresent()) {
        checkins.checkedIn(earlier.get().asset(), now, who);
        return new Outcome(earlier.get().response(), true);
      }
    }
    String response = record.get();
    checkins.checkedIn(asset, now, who);
    if (key == null) {
      return new Outcome(response, false);
    }
    UploadReceipts.Receipt kept = receipts.remember(new UploadReceipts.Receipt(key, asset, now, response));
    return new Outcome(kept.response(), !kept.response().equals(response) || !kept.receivedAt().equals(now));
  }
}
