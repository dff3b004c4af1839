package org.patchwarden.store;

/** The database was migrated by a newer build than this one: opening it would misread its data. */
public final class SchemaTooNewException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String installed;
  private final String newest;

  SchemaTooNewException(String installed, String newest) {
    super("schema version " + installed + " is newer than this build of patchwarden knows (" + newest
        + "): run a newer patchwarden, or point --home/--db at another database");
    this.installed = installed;
    this.newest = newest;
  }

  /** The newest version the database's migration history records ({@code 13.1}). */
  public String installed() {
    return installed;
  }

  /** The newest migration this build carries. */
  public String newest() {
    return newest;
  }
}
