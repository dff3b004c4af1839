package org.patchwarden.formats.cpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpeNameTest {

  @Test
  void readsAFormattedStringAndUndoesItsBackslashEscapes() {
    // Both spellings occur in the vulnrichment CPEs.
    assertThat(CpeName.parse("cpe:2.3:a:jmcnamara:spreadsheet\\:\\:parseexcel:0.41:*:*:*:*:perl:*:*"))
        .isEqualTo(new CpeName("a", "jmcnamara", "spreadsheet::parseexcel", "0.41"));
    assertThat(CpeName.parse("cpe:2.3:a:veeam:backup_\\&_replication:*:*:*:*:*:*:*:*").vendorProduct())
        .isEqualTo("veeam:backup_&_replication");
  }

  @Test
  void readsTheOlderUriBindingWithOptionalTrailingParts() {
    assertThat(CpeName.parse("cpe:/o:redhat:enterprise_linux:8")).isEqualTo(new CpeName("o", "redhat", "enterprise_linux", "8"));
    assertThat(CpeName.parse("cpe:/a:redhat:enterprise_linux:8::appstream").version()).isEqualTo("8");
    assertThat(CpeName.parse("cpe:/a:redhat:openshift")).isEqualTo(new CpeName("a", "redhat", "openshift", "*"));
    assertThat(CpeName.parse("cpe:/a:at%26t:foo%21").vendorProduct()).isEqualTo("at&t:foo!");
  }

  @Test
  void saysWhatIsWrongWithABrokenName() {
    assertThatThrownBy(() -> CpeName.parse("cpe:2.3:a:vendor")).hasMessage("'cpe:2.3:a:vendor' has 4 components; a CPE 2.3 formatted string has 13");
    assertThatThrownBy(() -> CpeName.parse("cpe:2.3:a::product:*:*:*:*:*:*:*:*")).hasMessageContaining("empty vendor or product");
    assertThatThrownBy(() -> CpeName.parse("cpe:2.3:a:v:p:*:*:*:*:*:*:*:\\")).hasMessageContaining("lone backslash");
    assertThatThrownBy(() -> CpeName.parse("cpe:/a:vendor")).hasMessageContaining("lacks a part, vendor or product");
    assertThatThrownBy(() -> CpeName.parse("cpe:/a:ven%zz:p")).hasMessageContaining("bad %-escape");
    assertThatThrownBy(() -> CpeName.parse("cpe:/a:ven%2:p")).hasMessageContaining("truncated %-escape");
    assertThatThrownBy(() -> CpeName.parse("pkg:npm/left-pad")).hasMessageContaining("is not a CPE name");
  }
}
