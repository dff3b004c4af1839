package org.patchwarden.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

  @Test
  void escapesC0ControlsDelAndC1ButKeepsTabLineFeedAndText() {
    assertThat(SafeText.escape("a\u001b[2Jb\u0007c\rd\u007fe\u009b31mf\tg\nh caf\u00e9 \u2713"))
        .isEqualTo("a\\u001b[2Jb\\u0007c\\u000dd\\u007fe\\u009b31mf\tg\nh caf\u00e9 \u2713");
  }

  @Test
  void escapingTwiceChangesNothingAndNullStaysNull() {
    String once = SafeText.escape("x\u001b]0;title\u0007");
    assertThat(SafeText.escape(once)).isEqualTo(once).isEqualTo("x\\u001b]0;title\\u0007");
    assertThat(SafeText.escape(null)).isNull();
  }

  @Test
  void aFeedFormatExceptionQuotingAnEscapeSequenceCarriesItEscaped() {
    FeedFormatException e = new FeedFormatException("status", "line 3", "'1.0\u001b[2J' is not a version");
    assertThat(e.getMessage()).isEqualTo("status at line 3: '1.0\\u001b[2J' is not a version")
        .doesNotContain("\u001b");
  }
}
