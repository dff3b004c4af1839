package org.patchwarden.assess;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of an SSVC decision table for one set of decision point values.
 *
 * @param table the table's ref, e.g. {@code cisa:DT_CO:2.0.3}
 * @param outcomeKey the outcome value's key as the table data spells it, e.g. {@code AC}
 * @param outcome the outcome value's name, e.g. {@code Act}
 * @param inputs decision point key → value name, in the table's order, e.g. {@code E → Active},
 *     {@code MWI → High}
 */
public record SsvcDecision(String table, String outcomeKey, String outcome, Map<String, String> inputs) {
  public SsvcDecision {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(outcomeKey, "outcomeKey");
    Objects.requireNonNull(outcome, "outcome");
    inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
  }

  /** Whether the outcome's key or name is {@code word}, ignoring case ({@code Act}, {@code AC}). */
  public boolean is(String word) {
    return outcome.equalsIgnoreCase(word) || outcomeKey.equalsIgnoreCase(word);
  }
}
