package org.patchwarden.app.web.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Structured request logs: one JSON object a line on stdout (Logback's JsonEncoder), with the
 * request's method, route template, path, status, duration and caller as key-value pairs, for a
 * log shipper to index. The server's other logs stay on stderr as text.
 */
public final class RequestLog {
  /** The logger the request lines go to. */
  public static final String LOGGER = "patchwarden.requests";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private RequestLog() {}

  /** Sends the request logger's lines to stdout as JSON; idempotent. */
  public static synchronized void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding: leave its configuration alone
    }
    ch.qos.logback.classic.Logger logger = context.getLogger(LOGGER);
    if (logger.getAppender("REQUESTS-JSON") != null) {
      return;
    }
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.setWithMessage(false);
    encoder.setWithContext(false);
    encoder.setWithSequenceNumber(false);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
    stdout.setContext(context);
    stdout.setName("REQUESTS-JSON");
    stdout.setTarget("System.out");
    stdout.setEncoder(encoder);
    stdout.start();
    logger.addAppender(stdout);
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
  }

  /**
   * Logs one request.
   *
   * @param route the route template ({@code /api/v1/assets/{name}}), or the path when none matched
   * @param user the caller's name, or null when anonymous
   */
  public static void log(String method, String route, String path, int status, double millis, String user) {
    LOG.atInfo().addKeyValue("method", method).addKeyValue("route", route).addKeyValue("path", path)
        .addKeyValue("status", status).addKeyValue("ms", Math.round(millis * 10) / 10.0)
        .addKeyValue("user", user == null ? "-" : user)
        .log("{} {} {}", method, path, status);
  }
}
