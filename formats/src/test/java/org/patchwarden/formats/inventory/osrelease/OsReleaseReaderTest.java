package org.patchwarden.formats.inventory.osrelease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.Resources;
import org.patchwarden.inventory.OsRelease;

/** Samples: this machine's real os-release and four distributions' published ones; see PROVENANCE.md. */
class OsReleaseReaderTest {

  private static OsRelease file(String name) {
    return new OsReleaseReader(new ByteArrayInputStream(Resources.bytes("/inventory/osrelease/" + name)), name).read();
  }

  private static OsRelease text(String text) {
    return new OsReleaseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "os-release").read();
  }

  @Test
  void readsThisMachinesDebian12() {
    assertThat(file("os-release-debian12-this-machine")).isEqualTo(new OsRelease("debian", "12", "bookworm", ""));
  }

  @Test
  void readsAlmaLinuxWithItsFamilyAndNoCodename() {
    OsRelease alma = file("os-release-almalinux9.4");
    // "Seafoam Ocelot" is a release name of two words, not a codename.
    assertThat(alma).isEqualTo(new OsRelease("almalinux", "9.4", "", "rhel centos fedora"));
    assertThat(alma.majorVersion()).isEqualTo("9");
  }

  @Test
  void readsAlpineWithUnquotedValues() {
    assertThat(file("os-release-alpine3.23.3")).isEqualTo(new OsRelease("alpine", "3.23.3", "", ""));
  }

  @Test
  void readsUbuntu() {
    assertThat(file("os-release-ubuntu24.04.1")).isEqualTo(new OsRelease("ubuntu", "24.04", "noble", "debian"));
  }

  @Test
  void takesTheCodenameFromVersionWhenVersionCodenameIsMissing() {
    assertThat(file("os-release-debian8")).isEqualTo(new OsRelease("debian", "8", "jessie", ""));
    assertThat(text("ID=rhel\nVERSION=\"9.4 (Plow)\"\nVERSION_CODENAME=\n").codename()).isEqualTo("plow");
    assertThat(text("ID=debian\nVERSION=\"12\"\n").codename()).isEmpty();
  }

  @Test
  void undoesQuotesAndEscapesAsTheShellDoes() {
    OsRelease r = text("""
        # a comment
        ID='Debian'
          VERSION_ID = "12"
        VERSION_CODENAME=book\\worm # trailing comment
        ID_LIKE="Ubuntu   Debian "   # spaces collapse
        """);
    assertThat(r).isEqualTo(new OsRelease("debian", "12", "bookworm", "ubuntu debian"));
    OsReleaseReader reader = new OsReleaseReader(new ByteArrayInputStream(new byte[0]), "os-release");
    // In double quotes only $ " \ ` are escaped; other backslashes stay.
    assertThat(reader.value("\"1\\\"2\\$3\\\\4\\`5\\x\"", 1, "K")).isEqualTo("1\"2$3\\4`5\\x");
    assertThat(reader.value("'a \\\" b'", 1, "K")).isEqualTo("a \\\" b");
    assertThat(reader.value("a\\ b\\\"c", 1, "K")).isEqualTo("a b\"c");
    assertThat(reader.value("", 1, "K")).isEmpty();
  }

  @Test
  void failsTheVersionIdCheckOnlyWhenItIsNotAnIdentifier() {
    assertThatThrownBy(() -> text("ID=debian\nVERSION_ID=\"12 LTS\"\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("os-release at line 2: VERSION_ID '12 LTS' is not an os-release identifier"
            + " (lower-case letters, digits, '.', '_', '-')");
  }

  @Test
  void letsTheLastAssignmentWinAndDefaultsIdToLinux() {
    assertThat(text("ID=debian\nID=ubuntu\n").id()).isEqualTo("ubuntu");
    assertThat(text("NAME=\"Some Linux\"\n")).isEqualTo(new OsRelease("linux", "", "", ""));
  }

  @Test
  void refusesAFileWithoutAssignments() {
    assertThatThrownBy(() -> text("# only a comment\n\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("os-release at line 1: no KEY=value line (is this an os-release file?)");
    assertThatThrownBy(() -> text("")).hasMessageContaining("no KEY=value line");
  }

  @Test
  void refusesLinesThatAreNotAssignments() {
    assertThatThrownBy(() -> text("ID=debian\nDebian GNU/Linux 12\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("os-release at line 2: 'Debian GNU/Linux 12' is not a KEY=value assignment nor a # comment");
    assertThatThrownBy(() -> text("1D=debian\n")).hasMessageContaining("'1D=debian' is not a KEY=value assignment");
  }

  @Test
  void refusesBrokenQuoting() {
    assertThatThrownBy(() -> text("ID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("os-release at line 2: PRETTY_NAME: the double quote is not closed on this line");
    assertThatThrownBy(() -> text("NAME='Debian\n")).hasMessage("os-release at line 1: NAME: the single quote is not closed on this line");
    assertThatThrownBy(() -> text("NAME=\"Debian\"\" GNU\"\n"))
        .hasMessage("os-release at line 1: NAME: '\" GNU\"' after the closing quote (os-release does not support concatenated strings)");
    assertThatThrownBy(() -> text("NAME=De\"bian\"\n"))
        .hasMessage("os-release at line 1: NAME: unescaped \" inside an unquoted value; quote the value");
  }

  @Test
  void refusesAnIdOutsideTheAllowedCharacters() {
    assertThatThrownBy(() -> text("ID=\"debian linux\"\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("os-release at line 1: ID 'debian linux' is not an os-release identifier");
    assertThatThrownBy(() -> text("ID=debian\nID_LIKE=\"rhel fedora/centos\"\n"))
        .hasMessageStartingWith("os-release at line 2: ID_LIKE 'fedora/centos' is not an os-release identifier");
  }

  @Test
  void refusesOverlongLinesAndFiles() {
    assertThatThrownBy(() -> text("ID=" + "x".repeat(OsReleaseReader.MAX_LINE)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("os-release at line 1: longer than 8192 characters (the limit for this file)");
    assertThatThrownBy(() -> new OsReleaseReader(Resources.repeated("# c\n", OsReleaseReader.MAX_LINES + 1L),
        "os-release").read())
        .hasMessage("os-release at line 1001: more than 1000 lines");
  }
}
