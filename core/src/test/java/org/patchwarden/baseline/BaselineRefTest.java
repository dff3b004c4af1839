package org.patchwarden.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BaselineRefTest {
  @Test
  void aNameWithoutVersionMeansTheNewest() {
    assertThat(BaselineRef.parse("web-prod")).isEqualTo(new BaselineRef("web-prod", 0));
    assertThat(BaselineRef.parse("web-prod").newest()).isTrue();
  }

  @Test
  void aVersionFollowsTheAtSign() {
    assertThat(BaselineRef.parse("web-prod@3")).isEqualTo(new BaselineRef("web-prod", 3));
    assertThat(BaselineRef.parse("web-prod@3").toString()).isEqualTo("web-prod@3");
  }

  @Test
  void aVersionThatIsNotAPositiveNumberIsRefused() {
    assertThatThrownBy(() -> BaselineRef.parse("web@x")).hasMessageContaining("positive number");
    assertThatThrownBy(() -> BaselineRef.parse("web@0")).hasMessageContaining("positive number");
    assertThatThrownBy(() -> BaselineRef.parse("../etc@1")).hasMessageContaining("must start with a letter");
  }
}
