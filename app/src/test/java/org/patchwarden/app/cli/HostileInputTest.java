package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files given to the command line: escape sequences never reach the terminal, and an asset
 * list cannot lead the import outside the fleet directory.
 */
class HostileInputTest {
  private static final String HEADER = "name,kind,environment,owner_team,criticality,internet_facing\n";
  @TempDir Path tmp;

  private CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", tmp.resolve("home").toString()), "", args);
  }

  private Path fleet(String rows) throws IOException {
    Path fleet = Files.createDirectories(tmp.resolve("fleet"));
    Files.writeString(fleet.resolve("assets.csv"), HEADER + rows);
    return fleet;
  }

  private static void assertNoControlCharacters(String printed) {
    assertThat(printed.chars().filter(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)))
        .as(printed).isEmpty();
  }

  @Test
  void anEscapeSequenceInTheAssetListIsPrintedEscapedInTheError() throws IOException {
    Path fleet = fleet("web-01,host,production,\u001b[2J\u001b[Hall clean\u009b0m,1,no\n");
    var r = run("inventory", "import", fleet.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).startsWith("patchwarden: ").contains("owner_team: '\\u001b[2J\\u001b[Hall clean\\u009b0m'");
    assertNoControlCharacters(r.out() + r.err());
  }

  @Test
  void escapeSequencesInAStatusFileNeverReachTheTerminal() throws IOException {
    Path fleet = fleet("web-01,host,production,ops,1,no\n");
    Files.createDirectories(fleet.resolve("web-01"));
    Files.writeString(fleet.resolve("web-01/status"), "Package: bash\nStatus: install ok installed\n"
        + "Architecture: amd64\nVersion: 5.1\u001b[2J\u001b]0;pwned\u0007\n\n"
        + "Package: evil\u001b[31m\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0\n\n");
    var text = run("inventory", "import", fleet.toString());
    var json = run("inventory", "import", fleet.toString(), "--json");
    assertNoControlCharacters(text.out() + text.err() + json.out() + json.err());
  }

  @Test
  void anAssetNameClimbingOutOfTheFleetIsRefusedInOneLineWithoutReadingThere() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("shadow"), "root:x:0:0\n");
    Path fleet = fleet("web-01/../../outside,host,production,ops,1,no\n");
    Files.createDirectories(fleet.resolve("web-01"));
    var r = run("inventory", "import", fleet.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).startsWith("patchwarden: " + fleet.resolve("assets.csv") + " at line 2, name: ")
        .contains("'..' segment").doesNotContain("shadow");
  }

  @Test
  void theEscapedTerminalKeepsTextTabsAndLineBreaksAndTheRawOneIsLeftAlone() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal raw = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err),
        Map.of());
    Terminal escaped = raw.escaped();
    escaped.out().print("caf\u00e9\tok\n\u001b[2Jx\u009b");
    escaped.out().flush();
    raw.err().print("\r\u001b[K");
    raw.err().flush();
    assertThat(out).hasToString("caf\u00e9\tok\n\\u001b[2Jx\\u009b");
    assertThat(err).hasToString("\r\u001b[K");
  }
}
