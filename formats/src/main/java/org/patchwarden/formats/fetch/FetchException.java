package org.patchwarden.formats.fetch;

/** A download that failed for good: the message names the URL, what happened and after how many tries. */
public final class FetchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FetchException(String message) {
    super(message);
  }

  public FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
