package org.patchwarden.ssvc;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An SSVC decision table: every combination of the input decision points' values and its outcome.
 *
 * @param decisionPoints refs ({@code namespace:key:version}) of the inputs and of the outcome
 * @param outcome ref of the decision point whose value is the outcome
 * @param rows each maps a decision-point ref to a value key; the outcome ref is among them
 */
public record SsvcDecisionTable(String namespace, String key, String version, String name,
    List<String> decisionPoints, String outcome, List<Map<String, String>> rows) implements SsvcObject {
  public SsvcDecisionTable {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(name, "name");
    decisionPoints = List.copyOf(decisionPoints);
    Objects.requireNonNull(outcome, "outcome");
    rows = rows.stream().map(Map::copyOf).toList();
  }

  @Override
  public String ref() {
    return namespace + ":" + key + ":" + version;
  }
}
