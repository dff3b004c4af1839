package org.patchwarden.feed;

import java.util.Locale;

/**
 * A replacement would remove more than the allowed share of its source's records (an empty KEV
 * catalog, a header-only EPSS file, a truncated download): refused, nothing was written.
 */
public final class RemovalShareException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final String version;

  public RemovalShareException(String source, String version, int removed, int held, double maxShare) {
    super(String.format(Locale.ROOT, "%s %s would remove %d of its %d records (%d %%), more than the allowed %d %%;"
        + " not loaded", source, version, removed, held, Math.round(100.0 * removed / held), Math.round(100 * maxShare)));
    this.source = source;
    this.version = version;
  }

  /** The source the document was for. */
  public String source() {
    return source;
  }

  /** The refused document's version. */
  public String version() {
    return version;
  }
}
