package org.patchwarden.feed;

/**
 * The database did not take a load or removal of a source (a lock not granted, a constraint, a lost
 * connection); nothing was written. The message is one line naming the source and the reason, never
 * the statement or its data.
 */
public final class FeedStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;

  public FeedStoreException(String source, String reason, Throwable cause) {
    super(source + ": the database did not take the load, nothing written: " + reason, cause);
    this.source = source;
  }

  /** The source being loaded or removed. */
  public String source() {
    return source;
  }
}
