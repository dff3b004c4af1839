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

  /** Counted reports (a summary's figures; unchanged assets' findings counted, not read back), and verifications. */
  public record RecordedCounts(List<ScanAssets.Counted> counted, List<VerifyChanges.Result> verified) {
    public RecordedCounts {
      counted = List.copyOf(counted);
      verified = List.copyOf(verified);
    }
  }

  /**
   * As {@link #record} or {@link #recordCounted}, for a fleet given group by group ({@link
   * ScanAssets#scanGroups}): each report goes to {@code each} as its group is written, and the
   * applied changes are verified once every group is.
   *
   * @return the verification each applied change on those assets got
   */
  public List<VerifyChanges.Result> recordGroups(java.util.Iterator<List<AssetInventory>> groups, boolean counted,
      java.util.function.Consumer<ScanAssets.Counted> each) {
    List<String> names = new java.util.ArrayList<>();
    scan.scanGroups(groups, counted, c -> {
      names.add(c.report().asset().name());
      each.accept(c);
    });
    return List.copyOf(verify.afterScan(names));
  }

  /** As {@link #record}, for a summary that needs the counts of findings only. */
  public RecordedCounts recordCounted(List<AssetInventory> inventories) {
    List<ScanAssets.Counted> counted = scan.scanCounted(inventories);
    List<VerifyChanges.Result> verified =
        verify.afterScan(counted.stream().map(c -> c.report().asset().name()).toList());
    return new RecordedCounts(counted, verified);
  }
}
