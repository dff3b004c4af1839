package org.patchwarden.store;

import java.util.Locale;

/** The two databases Patchwarden runs on; the seam for the rare vendor-specific statement. */
public enum Dialect {
  SQLITE,
  POSTGRESQL;

  /** The dialect of a JDBC URL. */
  public static Dialect of(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported database URL '" + jdbcUrl + "': expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
  }
}
