package org.patchwarden.app.browser;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Keeps a screenshot of the browser's page for every failed test, named after the test, in
 * {@code target/screenshots}: register with {@code @ExtendWith(ScreenshotOnFailure.class)}.
 */
public final class ScreenshotOnFailure implements TestWatcher {
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    HeadlessChromium.current().ifPresent(browser -> {
      try {
        browser.screenshot(context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName());
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    });
  }
}
