package org.patchwarden.app.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The one headless Chromium every browser test drives: Debian's {@code chromium} and
 * {@code chromium-driver}, never a downloaded browser, so tests run offline and in CI.
 *
 * <p>Share one instance per test class ({@code @BeforeAll}/{@code @AfterAll}) because starting a
 * browser costs about a second; register {@link ScreenshotOnFailure} to keep a PNG of every failing
 * test in {@code target/screenshots}. Paths can be overridden with {@code PATCHWARDEN_CHROMIUM} and
 * {@code PATCHWARDEN_CHROMEDRIVER} on machines that keep them elsewhere.
 */
public final class HeadlessChromium implements AutoCloseable {
  /** Desktop width the dashboard is designed for. */
  public static final Dimension DESKTOP = new Dimension(1280, 900);
  /** A phone-width screen. */
  public static final Dimension PHONE = new Dimension(375, 812);

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static volatile HeadlessChromium current;
  // Held so the logger (and its level) is not garbage-collected: Selenium warns on every start that
  // it has no DevTools bindings for this Chromium version, which these tests never use.
  private static final java.util.logging.Logger CDP_LOG =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_LOG.setLevel(java.util.logging.Level.OFF);
  }

  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a headless browser at desktop size; fails with what to install when it is missing. */
  public static HeadlessChromium start() {
    Path browser = executable("PATCHWARDEN_CHROMIUM", "/usr/bin/chromium");
    Path chromedriver = executable("PATCHWARDEN_CHROMEDRIVER", "/usr/bin/chromedriver");
    // Selenium Manager would try to download a driver; the system one is given explicitly instead.
    System.setProperty("SE_OFFLINE", "true");
    try {
      Path profile = Files.createTempDirectory("patchwarden-chromium");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(browser.toFile());
      options.addArguments(
          "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--no-first-run", "--hide-scrollbars",
          "--user-data-dir=" + profile,
          "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(chromedriver.toFile())
          .usingAnyFreePort()
          .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      HeadlessChromium chromium = new HeadlessChromium(driver, profile);
      current = chromium;
      return chromium;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path executable(String variable, String fallback) {
    Path path = Path.of(Optional.ofNullable(System.getenv(variable)).orElse(fallback));
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(path + " is missing: browser tests need Debian's chromium and"
          + " chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them), or set "
          + variable);
    }
    return path;
  }

  /** The underlying Selenium driver, for anything this class does not wrap. */
  public WebDriver driver() {
    return driver;
  }

  /** Loads a page and waits until the document is complete. */
  public HeadlessChromium open(URI uri) {
    driver.get(uri.toString());
    waitUntil(d -> "complete".equals(script("return document.readyState")));
    return this;
  }

  /** Opens a local file, such as a rendered HTML report. */
  public HeadlessChromium open(Path file) {
    return open(file.toAbsolutePath().toUri());
  }

  /** Resizes the window, e.g. to {@link #PHONE}. */
  public HeadlessChromium resize(Dimension size) {
    driver.manage().window().setSize(size);
    return this;
  }

  /** The first element matching a CSS selector, waiting up to 10 s for it to appear. */
  public WebElement find(String css) {
    return waitUntil(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(css));
      return found.isEmpty() ? null : found.get(0);
    });
  }

  /** Every element matching a CSS selector now. */
  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The visible text of the first element matching a CSS selector. */
  public String text(String css) {
    return find(css).getText();
  }

  /** Runs JavaScript in the page and returns its result. */
  public Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  /** Whether the page is wider than the window (a horizontal scroll bar on a phone). */
  public boolean scrollsHorizontally() {
    Object overflow = script(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    return Boolean.TRUE.equals(overflow);
  }

  /** Waits up to 10 s for a condition to hold (non-null, non-false) and returns its value. */
  public <T> T waitUntil(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition::apply);
  }

  /** Saves a PNG of the current page in target/screenshots and returns its path. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The browser most recently started in this JVM, for {@link ScreenshotOnFailure}. */
  static Optional<HeadlessChromium> current() {
    return Optional.ofNullable(current);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      if (current == this) {
        current = null;
      }
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // A leftover temporary profile is harmless; failing a passed test over it is not.
    }
  }
}
