package org.patchwarden.formats.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class HtmlReportWriterTest {
  private final String html = HtmlReportWriter.write(SampleReports.august());

  private Document parse() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private String figure(Document d, String name) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate("//*[@data-figure='" + name + "']", d);
  }

  @Test
  void theReportIsWellFormedXhtmlSoThatThePdfRendererReadsTheSameDocument() throws Exception {
    assertThat(parse().getDocumentElement().getTagName()).isEqualTo("html");
  }

  @Test
  void eachFigureIsWrittenUnderItsDataFigureName() throws Exception {
    Document d = parse();
    assertThat(figure(d, "open-findings")).isEqualTo("6");
    assertThat(figure(d, "overdue-findings")).isEqualTo("2");
    assertThat(figure(d, "kev-open")).isEqualTo("2");
    assertThat(figure(d, "pass-rate")).isEqualTo("95.0 %");
    assertThat(figure(d, "fix-median-days")).isEqualTo("9");
    assertThat(figure(d, "overdue-count")).isEqualTo("2");
  }

  @Test
  void everyChartIsAnSvgWithATitleAxisLabelsAndALegendInWords() throws Exception {
    NodeList svgs = (NodeList) XPathFactory.newInstance().newXPath().evaluate("//svg", parse(), XPathConstants.NODESET);
    assertThat(svgs.getLength()).isEqualTo(4);
    assertThat(html).contains("id=\"chart-tiers\"", "id=\"chart-teams\"", "id=\"chart-fix-times\"",
        "id=\"chart-trend\"", ">Findings</text>", ">open at week end</text>", ">overdue</text>");
  }

  @Test
  void outsideTextIsEscapedInTablesAndCharts() {
    assertThat(html).contains("&lt;net&amp;ops&gt;").doesNotContain("<net&ops>");
  }
}
