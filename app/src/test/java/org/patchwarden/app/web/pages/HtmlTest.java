package org.patchwarden.app.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void textFilledIntoATemplateIsEscapedAndFragmentsAreNot() {
    Html bold = Html.of("<b>{}</b>", "a<b>&\"c'");

    Html page = Html.of("<p title=\"{}\">{} {}</p>", "\"><script>", bold, null);

    assertThat(bold.text()).isEqualTo("<b>a&lt;b&gt;&amp;&quot;c&#39;</b>");
    assertThat(page.text()).isEqualTo("<p title=\"&quot;&gt;&lt;script&gt;\"><b>a&lt;b&gt;&amp;&quot;c&#39;</b> </p>");
  }

  @Test
  void aTemplateWhoseHolesDoNotMatchItsArgumentsIsRefused() {
    assertThatThrownBy(() -> Html.of("{} {}", "one")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more holes");
    assertThatThrownBy(() -> Html.of("{}", "one", "two")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 holes for 2 arguments");
  }

  @Test
  void fragmentsJoinInOrderAndPlainTextIsReturnedAsItIs() {
    assertThat(Html.join(List.of(Html.of("{}", "a"), Html.EMPTY, Html.of("<i>{}</i>", 2))).text()).isEqualTo("a<i>2</i>");
    String plain = "no special characters";
    assertThat(Html.escape(plain)).isSameAs(plain);
  }
}
