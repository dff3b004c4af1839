package org.patchwarden.usecase;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.remediate.ScannedHost;
import org.patchwarden.remediate.ScannerReport;

/**
 * Use case: what a network-scanner report says, host by host (the CVEs it still saw), and which known
 * assets those hosts are, by address or host name ({@link ScannedHost#isNamed}). Known assets the
 * scan did not reach are listed too: for them the report proves nothing.
 */
public final class InspectScannerReport {
  private final AssetStore assets;

  /** Maps hosts to the assets of {@code assets}. */
  public InspectScannerReport(AssetStore assets) {
    this.assets = Objects.requireNonNull(assets, "assets");
  }

  private InspectScannerReport() {
    this.assets = null;
  }

  /** Inspects reports without any known asset (no database yet): hosts are listed, not mapped. */
  public static InspectScannerReport withoutAssets() {
    return new InspectScannerReport();
  }

  /**
   * One host the scan reached.
   *
   * @param assets the names of the known assets this host is, sorted; empty when none
   * @param cveIds the CVEs the scan still reported on it, sorted
   */
  public record HostEvidence(ScannedHost host, List<String> assets, List<String> cveIds) {
    public HostEvidence {
      Objects.requireNonNull(host, "host");
      assets = List.copyOf(assets);
      cveIds = List.copyOf(cveIds);
    }
  }

  /**
   * What the report says.
   *
   * @param hosts every host the scan reached, in the report's order
   * @param assetsMapped whether hosts were mapped to known assets (false without a database)
   * @param assetsNotReached the known assets no reached host is, by name
   * @param cveIds every CVE reported on any host, sorted, each once
   */
  public record Inspection(ScannerReport report, List<HostEvidence> hosts, boolean assetsMapped,
      List<String> assetsNotReached, List<String> cveIds) {
    public Inspection {
      Objects.requireNonNull(report, "report");
      hosts = List.copyOf(hosts);
      assetsNotReached = List.copyOf(assetsNotReached);
      cveIds = List.copyOf(cveIds);
    }
  }

  public Inspection inspect(ScannerReport report) {
    List<Asset> known = assets == null ? List.of() : assets.list();
    Set<String> reached = new LinkedHashSet<>();
    List<HostEvidence> hosts = new ArrayList<>();
    Set<String> cves = new TreeSet<>();
    for (ScannedHost host : report.hosts()) {
      List<String> names = known.stream().map(Asset::name).filter(host::isNamed).sorted().toList();
      reached.addAll(names);
      hosts.add(new HostEvidence(host, names, List.copyOf(new TreeSet<>(host.cveIds()))));
      cves.addAll(host.cveIds());
    }
    List<String> notReached = known.stream().map(Asset::name).filter(n -> !reached.contains(n)).sorted().toList();
    return new Inspection(report, hosts, assets != null, notReached, List.copyOf(cves));
  }
}
