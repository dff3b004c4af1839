package org.patchwarden.version;

/** A range expression that cannot be parsed; the message names the scheme, input and reason. */
public final class InvalidRangeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidRangeException(String scheme, String input, String reason) {
    super("invalid " + scheme + " range '" + InvalidVersionException.shorten(input) + "': " + reason);
  }

  public InvalidRangeException(String scheme, String input, String reason, Throwable cause) {
    this(scheme, input, reason);
    initCause(cause);
  }
}
