package org.patchwarden.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FindingKeyTest {
  @Test
  void readsTheKeyThatFindingsPrint() {
    FindingKey key = FindingKey.parse("fw-edge-01|cpe|paloaltonetworks:pan-os|CVE-2019-1579");

    assertThat(key).isEqualTo(new FindingKey("fw-edge-01", "cpe", "paloaltonetworks:pan-os", "CVE-2019-1579"));
    assertThat(key.toString()).isEqualTo("fw-edge-01|cpe|paloaltonetworks:pan-os|CVE-2019-1579");
  }

  @Test
  void aPackageNameWithABarIsReadWhole() {
    assertThat(FindingKey.parse("api-01|npm|odd|name|GHSA-xxxx-yyyy-zzzz").packageName()).isEqualTo("odd|name");
  }

  @Test
  void aKeyWithoutFourPartsIsRefusedWithAnExample() {
    for (String bad : new String[] {"DSA-5081-1", "web-02|deb|redis", "web-02||redis|DSA-5081-1", "|deb|redis|DSA-1",
        "web-02|deb|redis|"}) {
      assertThatThrownBy(() -> FindingKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "' is not ASSET|ECOSYSTEM|PACKAGE|ADVISORY");
    }
  }
}
