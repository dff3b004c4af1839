package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.inventory.UploadReceipts;
import org.patchwarden.schedule.AgentCheckins;

/**
 * Use case: an inventory uploaded by a collector agent. It is matched and assessed at once (as
 * {@code scan} does), the applied changes on the asset are verified, and the agent's check-in is
 * noted. An upload whose {@code Idempotency-Key} was answered before is not stored again: the first
 * answer is given back (the agent retried after losing it), though the check-in still counts.
 */
public final class ReceiveInventory {
  private final ScanAssets scan;
  private final VerifyChanges verify;
  private final AssetStore assets;
  private final UploadReceipts receipts;
  private final AgentCheckins checkins;
  private final Clock clock;

  public ReceiveInventory(ScanAssets scan, VerifyChanges verify, AssetStore assets, UploadReceipts receipts,
      AgentCheckins checkins, Clock clock) {
    this.scan = Objects.requireNonNull(scan, "scan");
    this.verify = Objects.requireNonNull(verify, "verify");
    this.assets = Objects.requireNonNull(assets, "assets");
    this.receipts = Objects.requireNonNull(receipts, "receipts");
    this.checkins = Objects.requireNonNull(checkins, "checkins");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One upload: its key, the asset, the agent, and what was collected. */
  public record Upload(String key, String asset, String agent, OsRelease os, List<InstalledPackage> packages) {
    public Upload {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(asset, "asset");
      agent = agent == null ? "" : agent;
      packages = List.copyOf(packages);
    }
  }

  /** What the upload did, for the answer. */
  public record Summary(String asset, int revision, boolean unchanged, int packages, int findings, int opened,
      int closed, int verifiedChanges) {}

  /** The answer: rendered once, given again for a retry ({@code replayed}). */
  public record Outcome(String response, boolean replayed) {}

  /** @param render turns what the upload did into the answer kept for retries (JSON at the web edge) */
  public Outcome receive(Upload upload, Function<Summary, String> render) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Optional<UploadReceipts.Receipt> earlier = receipts.find(upload.key());
    if (earlier.isPresent()) {
      checkins.checkedIn(earlier.get().asset(), now, upload.agent());
      return new Outcome(earlier.get().response(), true);
    }
    Asset asset = assets.find(upload.asset()).orElseGet(() -> ScanAssets.newHost(upload.asset()));
    ScanAssets.AssetReport report = scan.scan(List.of(
        new ScanAssets.AssetInventory(asset, false, upload.os(), upload.packages(), true))).get(0);
    List<VerifyChanges.Result> verified = verify.afterScan(List.of(report.asset().name()));
    checkins.checkedIn(report.asset().name(), now, upload.agent());
    Summary summary = new Summary(report.asset().name(), report.inventory().revision(), report.unchanged(),
        report.packageCount(), report.findings().size(), report.update().opened(), report.update().closed(),
        (int) verified.stream().filter(VerifyChanges.Result::stateChanged).count());
    UploadReceipts.Receipt kept = receipts.remember(
        new UploadReceipts.Receipt(upload.key(), report.asset().name(), now, render.apply(summary)));
    return new Outcome(kept.response(), false);
  }
}
