package org.patchwarden.formats.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.IOException;
import java.io.OutputStream;
import org.patchwarden.report.PatchReport;

/** Writes a {@link PatchReport} as PDF, rendered from the very HTML {@link HtmlReportWriter} writes. */
public final class PdfReportWriter {
  private static final String[][] FONTS = {
      {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "400"},
      {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "700"}};

  private PdfReportWriter() {}

  public static void write(PatchReport report, OutputStream out) throws IOException {
    writeHtml(HtmlReportWriter.write(report), out);
  }

  /** Renders report HTML (well-formed XHTML with inline SVG) as PDF. */
  public static void writeHtml(String html, OutputStream out) throws IOException {
    // Its INFO lines ("Prepare to fly") would go to stderr; a failed render still throws.
    XRLog.setLoggingEnabled(false);
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.useSVGDrawer(new BatikSVGDrawer());
    // The PDF base fonts cover Latin-1 only: where Debian's DejaVu Sans is installed, asset and team
    // names in other scripts print as written rather than as '#'.
    for (String[] f : FONTS) {
      java.io.File file = new java.io.File(f[0]);
      if (file.isFile()) {
        builder.useFont(file, "DejaVu Sans", Integer.parseInt(f[1]), BaseRendererBuilder.FontStyle.NORMAL, true);
      }
    }
    builder.withHtmlContent(html, null);
    builder.toStream(out);
    builder.run();
  }
}
