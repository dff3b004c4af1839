package org.patchwarden.assess;

import java.util.Objects;

/**
 * A signal value with its provenance and a short note of where it came from.
 *
 * @param from e.g. {@code "SSVC statement by CISA-ADP"}, {@code "derived from CVSS AV:N/PR:N/UI:N"}
 */
public record Sourced<T>(T value, Provenance provenance, String from) {
  public Sourced {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(from, "from");
  }
}
