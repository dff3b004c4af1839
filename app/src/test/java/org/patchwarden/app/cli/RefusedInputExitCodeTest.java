package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input the command line refuses (malformed, not UTF-8, hostile, of no known format) exits 2, the
 * code for what the operator must fix, with one line naming the file; 1 is left for failures.
 */
class RefusedInputExitCodeTest {
  private static final String HEADER = "name,kind,environment,owner_team,criticality,internet_facing\n";
  @TempDir Path tmp;

  private CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", tmp.resolve("home").toString()), "", args);
  }

  private Path fleet(byte[] assetsCsv) throws IOException {
    Path fleet = Files.createDirectories(tmp.resolve("fleet"));
    Files.write(fleet.resolve("assets.csv"), assetsCsv);
    return fleet;
  }

  private static void assertRefused(CommandLineRunner.Result r, String file) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).startsWith("patchwarden: ").contains(file);
  }

  @Test
  void anAssetListWithAControlCharacterInACellExitsTwo() throws IOException {
    Path fleet = fleet((HEADER + "web-01,host,production,\u001b[2Jops,1,no\n").getBytes());
    assertRefused(run("inventory", "import", fleet.toString()), "assets.csv");
  }

  @Test
  void anAssetNameLeavingTheFleetDirectoryExitsTwo() throws IOException {
    Path fleet = fleet((HEADER + "web-01/../../outside,host,production,ops,1,no\n").getBytes());
    assertRefused(run("inventory", "import", fleet.toString()), "assets.csv");
  }

  @Test
  void anAssetListThatIsNotUtf8ExitsTwo() throws IOException {
    byte[] head = (HEADER + "web-01,host,production,op").getBytes();
    byte[] rest = "s,1,no\n".getBytes();
    byte[] all = new byte[head.length + 2 + rest.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xff;
    all[head.length + 1] = (byte) 0xfe;
    System.arraycopy(rest, 0, all, head.length + 2, rest.length);
    assertRefused(run("inventory", "import", fleet(all).toString()), "not UTF-8");
  }

  @Test
  void aTruncatedDpkgStatusGivenToScanExitsTwo() throws IOException {
    Path status = Files.writeString(tmp.resolve("status"), "Package: bash\nVersion: 5.2\n");
    assertRefused(run("scan", status.toString(), "--asset", "web-01"), "status");
  }

  @Test
  void aFileOfNoKnownFormatExitsTwoForScanAndForFeedsLoad() throws IOException {
    Path notes = Files.writeString(tmp.resolve("notes.txt"), "hello");
    assertRefused(run("scan", notes.toString()), "notes.txt");
    assertRefused(run("feeds", "load", "--from", notes.toString()), "notes.txt");
  }
}
