package org.patchwarden.formats.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.patchwarden.report.PatchReport;

/**
 * The formats the patch-management report renders to (docs/reports.md), by the name {@code ?format=}
 * takes: one renderer for {@code patchwarden report} and {@code GET /api/v1/report}.
 */
public enum ReportFormat {
  HTML("html", "text/html; charset=utf-8", "html"),
  PDF("pdf", "application/pdf", "pdf"),
  JSON("json", "application/json", "json");

  private final String label;
  private final String mediaType;
  private final String extension;

  ReportFormat(String label, String mediaType, String extension) {
    this.label = label;
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String label() {
    return label;
  }

  /** The HTTP content type of the output. */
  public String mediaType() {
    return mediaType;
  }

  /** The usual file name ending, without the dot. */
  public String extension() {
    return extension;
  }

  /** The format named {@code label} (any case). */
  public static Optional<ReportFormat> parse(String label) {
    String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.label.equals(l)).findFirst();
  }

  /** e.g. {@code html, pdf, json}. */
  public static String labels() {
    return Arrays.stream(values()).map(ReportFormat::label).collect(Collectors.joining(", "));
  }

  /** Writes {@code report} in this format; HTML and PDF from {@code html}, the page already rendered of it. */
  public void write(PatchReport report, String html, OutputStream out) throws IOException {
    switch (this) {
      case HTML -> out.write(html.getBytes(StandardCharsets.UTF_8));
      case PDF -> PdfReportWriter.writeHtml(html, out);
      case JSON -> JsonReportWriter.write(report, out);
    }
  }

  /** Writes {@code report} in this format. */
  public void write(PatchReport report, OutputStream out) throws IOException {
    write(report, this == JSON ? "" : HtmlReportWriter.write(report), out);
  }
}
