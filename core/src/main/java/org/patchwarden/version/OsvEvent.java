package org.patchwarden.version;

import java.util.Objects;

/** One event of an OSV {@code ranges[].events} list, version still as text. */
public record OsvEvent(Kind kind, String version) {

  /** The event kinds of the OSV schema. */
  public enum Kind {
    INTRODUCED("introduced"),
    FIXED("fixed"),
    LAST_AFFECTED("last_affected"),
    LIMIT("limit");

    private final String field;

    Kind(String field) {
      this.field = field;
    }

    /** The JSON field name in OSV. */
    public String field() {
      return field;
    }

    /** The kind for an OSV field name, or null. */
    public static Kind ofField(String field) {
      for (Kind k : values()) {
        if (k.field.equals(field)) {
          return k;
        }
      }
      return null;
    }
  }

  public OsvEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
  }
}
