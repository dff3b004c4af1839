package org.patchwarden.baseline;

/**
 * A reference to a baseline as people write it: {@code NAME} (its newest version) or {@code NAME@VERSION}.
 *
 * @param version the version, or 0 for the newest
 */
public record BaselineRef(String name, int version) {
  public BaselineRef {
    Baseline.requireName(name);
    if (version < 0) {
      throw new IllegalArgumentException("baseline " + name + ": version must be positive, got " + version);
    }
  }

  /** Reads {@code NAME} or {@code NAME@VERSION}. */
  public static BaselineRef parse(String text) {
    String t = text.strip();
    int at = t.lastIndexOf('@');
    if (at < 0) {
      return new BaselineRef(t, 0);
    }
    String v = t.substring(at + 1);
    if (!v.matches("[1-9][0-9]{0,8}")) {
      throw new IllegalArgumentException("baseline '" + text + "': the version after @ must be a positive number");
    }
    return new BaselineRef(t.substring(0, at), Integer.parseInt(v));
  }

  public boolean newest() {
    return version == 0;
  }

  @Override
  public String toString() {
    return newest() ? name : name + "@" + version;
  }
}
