package org.patchwarden.usecase;

import java.util.List;
import org.patchwarden.usecase.ScanAssets.AssetInventory;
import org.patchwarden.usecase.ScanAssets.AssetReport;

/**
 * Use case: record the inventories of assets (a scan, an import, an upload to the server): match and
 * assess them at once ({@link ScanAssets}), then verify the applied changes on those assets
 * ({@link VerifyChanges}), since a fresh inventory is the evidence verification waits for.
 */
public final class RecordInventory {
  private final ScanAssets scan;
  private final VerifyChanges verify;

  public RecordInventory(ScanAssets scan, VerifyChanges verify) {
    this.scan = scan;
    this.verify = verify;
  }

  /** The reports, in input order, and the verification each applied change on those assets got. */
  public record Recorded(List<AssetReport> reports, List<VerifyChanges.Result> verified) {
    public Recorded {
      reports = List.copyOf(reports);
      verified = List.copyOf(verified);
    }
  }

  public Recorded record(List<AssetInventory> inventories) {
    List<AssetReport> reports = scan.scan(inventories);
    List<VerifyChanges.Result> verified = verify.afterScan(reports.stream().map(r -> r.asset().name()).toList());
    return new Recorded(reports, verified);
  }
}
