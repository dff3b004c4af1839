package org.patchwarden.access;

import java.util.regex.Pattern;

/** The shape of user and team names: short, printable, no spaces, so they are safe in logs and URLs. */
final class Names {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  private Names() {}

  static void check(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " name '" + name
          + "': expected 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
    }
  }
}
