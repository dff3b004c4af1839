package org.patchwarden.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.patchwarden.formats.feed.kev.CisaKevJsonReader;
import org.patchwarden.usecase.DescribeKevCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * The main job on the bundled snapshot: at this stage, load the bundled CISA KEV catalog into the
 * store and show what it holds.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Patchwarden end to end on the bundled snapshot (no network needed):",
      "load the bundled CISA KEV catalog (2025.08.25) into the store and show what it holds."
    })
final class DemoCommand implements Callable<Integer> {
  static final String KEV_RESOURCE = "/demo/kev/known_exploited_vulnerabilities.json";

  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = root.terminal().out();
    var app = root.app();
    out.println("Patchwarden demo: database " + app.config().dbUrl());
    try (InputStream in = DemoCommand.class.getResourceAsStream(KEV_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the bundled KEV snapshot " + KEV_RESOURCE + " is missing from the build");
      }
      var version = app.loadKevCatalog().load(new CisaKevJsonReader(in, "bundled " + KEV_RESOURCE), "bundled:" + KEV_RESOURCE);
      KevText.version(out, version);
    }
    DescribeKevCatalog.Description d = app.describeKevCatalog().describe(10).orElseThrow();
    out.println("Newest additions (date added, CVE, vendor and product, CISA due date):");
    d.newest().forEach(e -> KevText.entry(out, e));
    out.println();
    out.println("Next: 'patchwarden feeds status' shows what is loaded; 'patchwarden feeds load --from FILE' loads a newer catalog.");
    return 0;
  }
}
