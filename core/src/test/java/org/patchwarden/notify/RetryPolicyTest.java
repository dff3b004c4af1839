package org.patchwarden.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void theWaitDoublesAfterEachFailureUpToTheMaximum() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMinutes(5), Duration.ofMinutes(30));
    assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.delayAfter(3)).isEqualTo(Duration.ofMinutes(20));
    assertThat(p.delayAfter(4)).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.delayAfter(99)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void zeroAttemptsAreRefused() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("1..100, got 0");
  }
}
