package org.patchwarden.feed;

/**
 * A feed document that cannot be read: the message names the source, the place (record, line or
 * JSON path) and the reason. Reasons quote input, so control characters are escapes in the message
 * ({@link SafeText}) wherever it ends up: a terminal, a log or the store's feed status.
 */
public final class FeedFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FeedFormatException(String source, String place, String reason) {
    super(SafeText.escape(source + " at " + place + ": " + reason));
  }

  public FeedFormatException(String source, String place, String reason, Throwable cause) {
    super(SafeText.escape(source + " at " + place + ": " + reason), cause);
  }
}
