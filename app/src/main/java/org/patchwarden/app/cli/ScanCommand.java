package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwarden.app.inventory.CollectedInventory;
import org.patchwarden.app.inventory.InventoryFiles;
import org.patchwarden.app.inventory.LocalHost;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.match.CoverageGap;
import org.patchwarden.match.Finding;
import org.patchwarden.usecase.ScanAssets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden scan}: inventory this host (or the given files) and match it. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Inventory this host and match it against the loaded advisories: reads /etc/os-release and the",
      "dpkg, apk or rpm package database. With FILEs, inventory those instead (dpkg status, rpm -qa",
      "list, apk installed db, CycloneDX JSON/XML, SPDX JSON, package-lock.json, requirements.txt,",
      "poetry.lock, mvn dependency:list output, go.mod, and an os-release file for the OS).",
      "The inventory is stored as a new revision of the asset: the packages of the ecosystems scanned",
      "replace the previous ones, other ecosystems (and the OS when none is found) are kept (--replace",
      "drops them); an unchanged inventory adds no revision. Findings no longer present are marked",
      "fixed by it. Releases or ecosystems without advisory data are reported, never taken as clean.",
      "--env, --team, --criticality, --internet-facing, --tags state the asset's",
      "context; what they leave out keeps its value ('asset set'), else the policy's",
      "assumption applies.",
      "--json prints the stable shape documented in docs/findings-json.md."
    })
final class ScanCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Inventory files of one asset (default: this host).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--asset", paramLabel = "NAME", description = "Asset name (default: the host name, or what the SBOM describes, or the first file's name).")
  String asset;

  @Option(names = "--root", paramLabel = "DIR", defaultValue = "/", description = "Root of the host to inventory (default: /), e.g. a mounted image.")
  Path hostRoot;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--replace", description = "The scan is everything installed on the asset: drop the packages of "
      + "other ecosystems, and the OS if the scan found none, from its inventory.")
  boolean replace;

  @Mixin AssetContextOptions contextOptions;

  @Override
  public Integer call() {
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new CliException(2, "no such file: " + f);
      }
    }
    CollectedInventory collected;
    String name;
    AssetKind kind;
    if (files.isEmpty()) {
      if (!Files.isDirectory(hostRoot)) {
        throw new CliException(2, "no such directory: " + hostRoot);
      }
      try {
        collected = LocalHost.collect(hostRoot);
      } catch (IllegalStateException e) {
        throw new CliException(1, e.getMessage());
      }
      name = asset != null ? asset : LocalHost.hostName();
      kind = AssetKind.HOST;
    } else {
      collected = InventoryFiles.read(files);
      String stem = files.get(0).getFileName().toString().replaceAll("\\.[^.]*$", "");
      name = asset != null ? asset : !collected.subjectName().isEmpty() ? collected.subjectName() : stem;
      kind = collected.os() != null ? AssetKind.HOST : AssetKind.APPLICATION;
    }
    Asset context;
    try {
      context = contextOptions.asset(name.strip(), kind);
    } catch (IllegalArgumentException e) {
      throw new CliException(2, e.getMessage() + " (choose one with --asset)");
    }
    OwedMatching.complete(root);
    // a rescan verifies the applied changes on the asset (printed on stderr with --json, which stays one document)
    var recorded = root.app().recordInventory().record(List.of(
        new ScanAssets.AssetInventory(context, false, collected.os(), collected.packages(), replace)));
    var report = recorded.reports().get(0);
    var verified = recorded.verified();
    PrintWriter out = root.terminal().out();
    report.warnings().forEach(w -> root.terminal().err().println("warning: " + w));
    if (json) {
      ChangeCommand.printVerification(root.terminal().err(), verified);
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", FindingJson.SCAN_SCHEMA);
      doc.put("asset", report.asset().name());
      doc.put("inventory_revision", report.inventory().revision());
      doc.put("scanned_at", report.inventory().scannedAt().toString());
      doc.put("os", FindingJson.os(report.inventory().os()));
      doc.put("packages", collected.packages().size());
      doc.put("inventory_packages", report.inventory().packages().size());
      doc.put("findings", report.findings().stream().map(FindingJson::finding).toList());
      doc.put("gaps", report.gaps().stream().map(FindingJson::gap).toList());
      doc.put("notes", collected.notes());
      doc.put("opened", report.update().opened());
      doc.put("still_open", report.update().stillOpen());
      doc.put("closed", report.update().closed());
      doc.put("reopened", report.update().reopened());
      doc.put("not_affected", report.update().notAffected());
      doc.put("unchanged", report.unchanged());
      doc.put("warnings", report.warnings());
      FindingJson.print(out, doc);
      return 0;
    }
    var os = report.inventory().os();
    out.printf("%s: inventory revision %d%s, %d packages%s%n", report.asset().name(), report.inventory().revision(),
        report.unchanged() ? " (unchanged)" : "", report.inventory().packages().size(), os == null ? ""
            : ", " + os.id() + " " + os.versionId() + (os.codename().isEmpty() ? "" : " (" + os.codename() + ")"));
    printFindings(out, report.findings());
    for (CoverageGap g : report.gaps()) {
      out.printf("NO DATA: %d packages: %s%n", g.packages(), g.reason());
    }
    collected.notes().forEach(n -> out.println("note: " + n));
    out.printf("%d findings: %d new, %d still open, %d fixed since the previous scan%s%n", report.findings().size(),
        report.update().opened(), report.update().stillOpen(), report.update().closed(),
        report.update().notAffected() == 0 ? "" : ", " + report.update().notAffected() + " marked not affected");
    ChangeCommand.printVerification(out, verified);
    return 0;
  }

  static void printFindings(PrintWriter out, List<Finding> findings) {
    if (findings.isEmpty()) {
      return;
    }
    out.printf("%-28s %-26s %-30s %-24s %-12s %s%n", "ADVISORY", "PACKAGE", "INSTALLED", "FIXED", "STATUS", "SOURCE");
    for (Finding f : findings) {
      out.printf("%-28s %-26s %-30s %-24s %-12s %s%s%n", FindingJson.cves(f), f.installed().name(), f.installed().version(),
          FindingJson.orDash(f.fixedVersion()), f.status().name().toLowerCase(java.util.Locale.ROOT), f.feedSource(),
          f.confidence() == org.patchwarden.match.Confidence.CONFIRMED ? "" : "  [" + f.confidence().name().toLowerCase(java.util.Locale.ROOT) + ": verify]");
    }
  }
}
