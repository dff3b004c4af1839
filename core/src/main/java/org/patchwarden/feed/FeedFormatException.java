package org.patchwarden.feed;

/**
 * A feed document that cannot be read: the message names the source, the place (record, line or
 * JSON path) and the reason.
 */
public final class FeedFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FeedFormatException(String source, String place, String reason) {
    super(source + " at " + place + ": " + reason);
  }

  public FeedFormatException(String source, String place, String reason, Throwable cause) {
    super(source + " at " + place + ": " + reason, cause);
  }
}
