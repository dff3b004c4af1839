package org.patchwarden.formats.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PDF as a reader sees it: opened and rasterised by Poppler's {@code pdftoppm}. */
class PdfReportWriterTest {
  private static final Path PDFTOPPM = Path.of("/usr/bin/pdftoppm");

  @TempDir
  Path dir;

  @Test
  void thePdfHasThreePagesThatPopplerRendersWithInkOnEach() throws Exception {
    // A precondition, not an assumption: without Poppler this test would prove nothing (.ci/run installs it).
    assertThat(PDFTOPPM).as("pdftoppm: apt-get install poppler-utils").isExecutable();
    Path pdf = dir.resolve("report.pdf");
    try (OutputStream out = Files.newOutputStream(pdf)) {
      PdfReportWriter.write(SampleReports.august(), out);
    }
    assertThat(Files.readString(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-");

    Process p = new ProcessBuilder(PDFTOPPM.toString(), "-r", "40", "-png", pdf.toString(),
        dir.resolve("page").toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();

    List<Path> pages;
    try (Stream<Path> s = Files.list(dir)) {
      pages = s.filter(f -> f.getFileName().toString().startsWith("page")).sorted().toList();
    }
    assertThat(pages).hasSize(3);
    for (Path page : pages) {
      assertThat(darkShare(ImageIO.read(page.toFile()))).as(page.toString()).isGreaterThan(0.005);
    }
  }

  /** The share of pixels that are clearly not paper: a blank page has none. */
  private static double darkShare(BufferedImage image) {
    long dark = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
        dark += grey < 160 ? 1 : 0;
      }
    }
    return (double) dark / ((long) image.getWidth() * image.getHeight());
  }
}
