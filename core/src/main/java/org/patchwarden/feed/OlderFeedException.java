package org.patchwarden.feed;

/**
 * A document older than the current version of its source was refused: loading it would roll the
 * source back (an older KEV catalog or EPSS file in a mirror). Nothing was written.
 */
public final class OlderFeedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final String version;
  private final String current;

  public OlderFeedException(String source, String version, String current) {
    super(source + " " + version + " is older than the current " + current + ", not loaded");
    this.source = source;
    this.version = version;
    this.current = current;
  }

  /** The source the document was for. */
  public String source() {
    return source;
  }

  /** The refused document's version. */
  public String version() {
    return version;
  }

  /** The current version, kept. */
  public String current() {
    return current;
  }
}
