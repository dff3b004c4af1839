package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** JSON documents are written as they are serialized, their long lists rendered an item at a time. */
class FindingJsonPrintTest {
  @Test
  void aRenderedListIsRenderedOnlyWhileItIsWrittenAndPrintsAsTheListItStandsFor() {
    AtomicInteger rendered = new AtomicInteger();
    List<Object> lazy = FindingJson.rendered(List.of(1, 2, 3), i -> {
      rendered.incrementAndGet();
      return Map.of("n", i);
    });
    assertThat(rendered).hasValue(0);

    StringWriter lazyText = new StringWriter();
    FindingJson.print(new PrintWriter(lazyText), Map.of("items", lazy));
    StringWriter eagerText = new StringWriter();
    FindingJson.print(new PrintWriter(eagerText), Map.of("items", List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3))));

    assertThat(rendered).hasValue(3);
    assertThat(lazyText.toString()).isEqualTo(eagerText.toString()).contains("\"n\" : 2").endsWith("}\n".replace("\n",
        System.lineSeparator()));
  }

  @Test
  void printingLeavesTheWriterOpenForWhatFollows() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", "test");
    FindingJson.print(out, doc);
    out.print("after");
    out.flush();

    assertThat(out.checkError()).isFalse();
    assertThat(text.toString()).startsWith("{").contains("\"schema\" : \"test\"").endsWith("after");
  }
}
