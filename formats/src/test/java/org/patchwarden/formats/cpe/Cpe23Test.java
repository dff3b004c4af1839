package org.patchwarden.formats.cpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Cpe23Test {

  @Test
  void buildsTheNamesNvdUsesForRealAppliances() {
    assertThat(Cpe23.of("o", "paloaltonetworks", "pan-os", "10.2.9-h1"))
        .isEqualTo("cpe:2.3:o:paloaltonetworks:pan-os:10.2.9-h1:*:*:*:*:*:*:*");
    assertThat(Cpe23.of("ivanti", "endpoint_manager_mobile", "12.1.0.2"))
        .isEqualTo("cpe:2.3:a:ivanti:endpoint_manager_mobile:12.1.0.2:*:*:*:*:*:*:*");
    assertThat(Cpe23.of("O", "Fortinet", "FortiOS", "7.4.3"))
        .isEqualTo("cpe:2.3:o:fortinet:fortios:7.4.3:*:*:*:*:*:*:*");
  }

  @Test
  void lowerCasesTurnsSpacesIntoUnderscoresAndEscapesSpecialCharacters() {
    assertThat(Cpe23.of("Veeam", "Backup & Replication", "12.1.2.172"))
        .isEqualTo("cpe:2.3:a:veeam:backup_\\&_replication:12.1.2.172:*:*:*:*:*:*:*");
    assertThat(Cpe23.of("jmcnamara", "spreadsheet::parseexcel", "0.41"))
        .isEqualTo("cpe:2.3:a:jmcnamara:spreadsheet\\:\\:parseexcel:0.41:*:*:*:*:*:*:*");
    // Literal wildcard characters are escaped so that they match only themselves.
    assertThat(Cpe23.of("v", "p*", "1?")).isEqualTo("cpe:2.3:a:v:p\\*:1\\?:*:*:*:*:*:*:*");
  }

  @Test
  void readsBackAsTheNormalizedComponents() {
    CpeName read = CpeName.parse(Cpe23.of("h", " AT&T ", "Router: X/1", "2.0 (b)"));
    assertThat(read).isEqualTo(new CpeName("h", "at&t", "router:_x/1", "2.0_(b)"));
    assertThat(read.vendor()).isEqualTo(Cpe23.normalize("vendor", " AT&T "));
  }

  @Test
  void refusesWhatCpeCannotHold() {
    assertThatThrownBy(() -> Cpe23.of("x", "v", "p", "1")).hasMessage("CPE part 'x' is not a, o or h");
    assertThatThrownBy(() -> Cpe23.of(" ", "p", "1")).hasMessage("CPE vendor is empty");
    assertThatThrownBy(() -> Cpe23.of("v", "p", "-")).hasMessage("CPE version '-' means 'not applicable' in CPE, not a value");
    assertThatThrownBy(() -> Cpe23.of("v", "pr\u00e9", "1"))
        .hasMessage("CPE product 'pr\u00e9' holds the non-ASCII character '\u00e9'; CPE allows printable ASCII only");
    assertThatThrownBy(() -> Cpe23.of("v", "p\tq", "1")).hasMessageContaining("a control character or tab");
    assertThatThrownBy(() -> Cpe23.of("v", "p", "1".repeat(257))).hasMessage("CPE version is longer than 256 characters");
  }
}
