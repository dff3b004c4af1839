package org.patchwarden.app.cli;

/**
 * The "database: …" line every table output prints on stderr, so that a home picked up from the
 * current directory or the environment never goes unnoticed and stdout stays a clean table.
 */
final class DatabaseLine {
  private DatabaseLine() {}

  static void print(PatchwardenCommand root) {
    root.terminal().err().println("database: " + describe(root.app().config().dbUrl()));
  }

  /** A SQLite file as its path; any other JDBC URL with its password masked. */
  static String describe(String url) {
    if (url.startsWith("jdbc:sqlite:")) {
      return url.substring("jdbc:sqlite:".length()) + " (SQLite)";
    }
    return url.replaceAll("password=[^&]*", "password=***").replaceAll("//([^/:@]+):[^/@]*@", "//$1:***@");
  }
}
