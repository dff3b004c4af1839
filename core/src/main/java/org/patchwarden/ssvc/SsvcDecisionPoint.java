package org.patchwarden.ssvc;

import java.util.List;
import java.util.Objects;

/**
 * An SSVC decision point (Exploitation, Automatable, Technical Impact …) and its ordered values.
 *
 * @param namespace e.g. {@code ssvc}, {@code cisa}
 * @param key short key, e.g. {@code E}
 * @param version e.g. {@code 1.1.0}
 * @param values ordered from lowest to highest, as the data lists them
 */
public record SsvcDecisionPoint(String namespace, String key, String version, String name, List<Value> values)
    implements SsvcObject {

  /** One value of a decision point, e.g. key {@code A} name {@code Active}. */
  public record Value(String key, String name) {}

  public SsvcDecisionPoint {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(name, "name");
    values = List.copyOf(values);
  }

  @Override
  public String ref() {
    return namespace + ":" + key + ":" + version;
  }
}
