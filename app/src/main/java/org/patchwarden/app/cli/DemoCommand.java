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
  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

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
      byte[] bytes = in.readAllBytes(); // 1.3 MB, bundled: hashing needs the bytes once more
      String hash = java.util.HexFormat.of().formatHex(sha256(bytes));
      var update = app.loadFeeds().kev(new CisaKevJsonReader(new java.io.ByteArrayInputStream(bytes),
          "bundled " + KEV_RESOURCE), "bundled:" + KEV_RESOURCE, hash);
      KevText.version(out, update.version());
    }
    DescribeKevCatalog.Description d = app.describeKevCatalog().describe(10).orElseThrow();
    out.println("Newest additions (date added, CVE, vendor and product, CISA due date):");
    d.newest().forEach(e -> KevText.entry(out, e));
    out.println();
    out.println("Next: 'patchwarden feeds status' shows what is loaded; 'patchwarden feeds load --from FILE' loads a newer catalog.");
    return 0;
  }
}
