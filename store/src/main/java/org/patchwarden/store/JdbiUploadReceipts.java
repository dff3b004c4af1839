package org.patchwarden.store;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.patchwarden.inventory.UploadReceipts;

/** Upload receipts in the {@code upload_receipts} table (V15). */
final class JdbiUploadReceipts implements UploadReceipts {
  private final Jdbi jdbi;

  JdbiUploadReceipts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<Receipt> find(String key) {
    return jdbi.withHandle(h -> find(h, key));
  }

  private static Optional<Receipt> find(Handle h, String key) {
    return h.createQuery("""
            SELECT idempotency_key, asset_name, received_at, response FROM upload_receipts
             WHERE idempotency_key = :key""")
        .bind("key", key)
        .map((rs, ctx) -> new Receipt(rs.getString("idempotency_key"), rs.getString("asset_name"),
            SqlTime.instant(rs.getString("received_at")), rs.getString("response")))
        .findOne();
  }

  @Override
  public Receipt remember(Receipt receipt) {
    return jdbi.inTransaction(h -> {
      h.createUpdate("""
              INSERT INTO upload_receipts (idempotency_key, asset_name, received_at, response)
              VALUES (:key, :asset, :at, :response) ON CONFLICT (idempotency_key) DO NOTHING""")
          .bind("key", receipt.key()).bind("asset", receipt.asset())
          .bind("at", SqlTime.format(receipt.receivedAt())).bind("response", receipt.response())
          .execute();
      return find(h, receipt.key()).orElseThrow();
    });
  }
}
