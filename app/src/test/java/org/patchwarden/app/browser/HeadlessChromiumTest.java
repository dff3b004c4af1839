package org.patchwarden.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ScreenshotOnFailure.class)
class HeadlessChromiumTest {
  private static HeadlessChromium browser;

  @BeforeAll
  static void startBrowser() {
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stopBrowser() {
    browser.close();
  }

  @Test
  void rendersALocalPageAndRunsItsScript(@TempDir Path dir) throws Exception {
    Path page = Files.writeString(dir.resolve("page.html"), """
        <!doctype html><html><body><p id="sum"></p>
        <script>document.getElementById('sum').textContent = String(2 + 3);</script></body></html>
        """);

    browser.open(page);

    assertThat(browser.text("#sum")).isEqualTo("5");
  }

  @Test
  void tellsAPageThatOverflowsAPhoneScreenFromOneThatFits(@TempDir Path dir) throws Exception {
    Path wide = Files.writeString(dir.resolve("wide.html"),
        "<!doctype html><meta name=viewport content='width=device-width'><div style='width:900px'>x</div>");
    Path fluid = Files.writeString(dir.resolve("fluid.html"),
        "<!doctype html><meta name=viewport content='width=device-width'><div style='max-width:100%'>x</div>");

    browser.resize(HeadlessChromium.PHONE);
    try {
      assertThat(browser.open(wide).scrollsHorizontally()).isTrue();
      assertThat(browser.open(fluid).scrollsHorizontally()).isFalse();
    } finally {
      browser.resize(HeadlessChromium.DESKTOP);
    }
  }

  @Test
  void savesAScreenshotAsAPng(@TempDir Path dir) throws Exception {
    browser.open(Files.writeString(dir.resolve("p.html"), "<p>shot</p>"));

    Path png = browser.screenshot("HeadlessChromiumTest-savesAScreenshot");

    byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
    assertThat(header).containsExactly(0x89, 'P', 'N', 'G');
  }
}
