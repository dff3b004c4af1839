package org.patchwarden.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: the inventory uploads already answered, by their {@code Idempotency-Key}, so that a retried
 * upload (the collector's answer was lost) gets the first answer again instead of being stored twice.
 */
public interface UploadReceipts {
  /** One answered upload. */
  record Receipt(String key, String asset, Instant receivedAt, String response) {
    public Receipt {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(asset, "asset");
      Objects.requireNonNull(receivedAt, "receivedAt");
      Objects.requireNonNull(response, "response");
      if (key.isBlank() || key.length() > 128) {
        throw new IllegalArgumentException("Idempotency-Key must have 1 to 128 characters, got " + key.length());
      }
    }
  }

  Optional<Receipt> find(String key);

  /** Keeps the receipt unless one with its key exists; returns the one kept (the earlier one, if so). */
  Receipt remember(Receipt receipt);
}
