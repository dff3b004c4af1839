package org.patchwarden.assess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.patchwarden.ssvc.SsvcDecisionPoint;
import org.patchwarden.ssvc.SsvcDecisionTable;
import org.patchwarden.ssvc.SsvcStore;

/**
 * Evaluates an SSVC decision table from its data: the outcome is looked up in the table's rows,
 * never computed by code of our own, so a new table version needs no code change.
 *
 * <p>The evaluator binds our signals to the table's inputs by decision point key (namespace {@code
 * ssvc}: {@code E} Exploitation, {@code A} Automatable, {@code TI} Technical Impact, {@code MWI}
 * Mission and Well-Being Impact) and to their values by value name ({@code None}/{@code Public
 * PoC}/{@code Active}, {@code No}/{@code Yes}, {@code Partial}/{@code Total}, {@code Low}/{@code
 * Medium}/{@code High}), as CISA's coordinator table {@value #CISA_COORDINATOR} names them.
 * Construction checks that the table is complete (every combination of input values has exactly
 * one row) and that every binding resolves, so a mismatched table fails at load, not mid-assessment.
 */
public final class SsvcEvaluator {
  /** CISA's coordinator decision table, the one assessments use by default. */
  public static final String CISA_COORDINATOR = "cisa:DT_CO:2.0.3";

  private final SsvcDecisionTable table;
  /** Input refs in the table's order (the outcome excluded). */
  private final List<String> inputs;
  private final Map<String, SsvcDecisionPoint> points;
  /** Joined input value keys → outcome value key. */
  private final Map<String, String> rows;
  private final String exploitationRef;
  private final String automatableRef;
  private final String impactRef;
  private final String missionRef;

  /**
   * @param table the decision table
   * @param decisionPoints the decision points it refers to (more are ignored)
   * @throws IllegalArgumentException when a decision point is missing, the table is incomplete or
   *     ambiguous, or the signals cannot be bound to its inputs
   */
  public SsvcEvaluator(SsvcDecisionTable table, Collection<SsvcDecisionPoint> decisionPoints) {
    this.table = Objects.requireNonNull(table, "table");
    Map<String, SsvcDecisionPoint> byRef = new HashMap<>();
    for (SsvcDecisionPoint p : decisionPoints) {
      byRef.put(p.ref(), p);
    }
    Map<String, SsvcDecisionPoint> used = new LinkedHashMap<>();
    for (String ref : table.decisionPoints()) {
      SsvcDecisionPoint p = byRef.get(ref);
      if (p == null) {
        throw new IllegalArgumentException(table.ref() + ": decision point " + ref + " is not loaded");
      }
      used.put(ref, p);
    }
    if (!used.containsKey(table.outcome())) {
      throw new IllegalArgumentException(table.ref() + ": outcome " + table.outcome() + " is not among its decision points");
    }
    this.points = Map.copyOf(used);
    this.inputs = table.decisionPoints().stream().filter(r -> !r.equals(table.outcome())).toList();
    this.rows = indexRows(table, inputs, used);
    this.exploitationRef = bind("E", Arrays.stream(Exploitation.values()).map(Exploitation::ssvcName).toList());
    this.automatableRef = bind("A", List.of("No", "Yes"));
    this.impactRef = bind("TI", Arrays.stream(TechnicalImpact.values()).map(TechnicalImpact::ssvcName).toList());
    this.missionRef = bind("MWI", Arrays.stream(MissionImpact.values()).map(MissionImpact::ssvcName).toList());
  }

  private static Map<String, String> indexRows(SsvcDecisionTable table, List<String> inputs,
      Map<String, SsvcDecisionPoint> points) {
    Map<String, String> rows = new HashMap<>();
    int expected = 1;
    for (String ref : inputs) {
      expected *= points.get(ref).values().size();
    }
    for (int i = 0; i < table.rows().size(); i++) {
      Map<String, String> row = table.rows().get(i);
      List<String> keys = new ArrayList<>();
      for (String ref : inputs) {
        String key = row.get(ref);
        if (key == null || valueName(points.get(ref), key) == null) {
          throw new IllegalArgumentException(table.ref() + " row " + i + ": " + ref + " has "
              + (key == null ? "no value" : "unknown value '" + key + "'"));
        }
        keys.add(key);
      }
      String outcome = row.get(table.outcome());
      if (outcome == null || valueName(points.get(table.outcome()), outcome) == null) {
        throw new IllegalArgumentException(table.ref() + " row " + i + ": outcome "
            + (outcome == null ? "missing" : "'" + outcome + "' unknown"));
      }
      if (rows.put(String.join("|", keys), outcome) != null) {
        throw new IllegalArgumentException(table.ref() + " row " + i + ": combination " + keys + " appears twice");
      }
    }
    if (rows.size() != expected) {
      throw new IllegalArgumentException(table.ref() + ": " + rows.size() + " rows for " + expected
          + " combinations of input values: the table is incomplete");
    }
    return Map.copyOf(rows);
  }

  private static String valueName(SsvcDecisionPoint p, String key) {
    for (SsvcDecisionPoint.Value v : p.values()) {
      if (v.key().equals(key)) {
        return v.name();
      }
    }
    return null;
  }

  /** The input ref of namespace {@code ssvc} with {@code key}, checked to name exactly our values. */
  private String bind(String key, List<String> names) {
    String found = null;
    for (String ref : inputs) {
      SsvcDecisionPoint p = points.get(ref);
      if (p.namespace().equals("ssvc") && p.key().equals(key)) {
        found = ref;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException(table.ref() + ": no ssvc:" + key + " input to bind to");
    }
    SsvcDecisionPoint p = points.get(found);
    Set<String> have = new HashSet<>();
    p.values().forEach(v -> have.add(v.name().toLowerCase(Locale.ROOT)));
    for (String n : names) {
      if (!have.contains(n.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(found + " has no value named '" + n + "' (has " + p.values() + ")");
      }
    }
    if (p.values().size() != names.size()) {
      throw new IllegalArgumentException(found + " has " + p.values().size() + " values, expected " + names);
    }
    return found;
  }

  /**
   * The evaluator of table {@code tableRef} from the loaded SSVC data, or empty when that table is
   * not loaded.
   *
   * @throws IllegalArgumentException when the table is loaded but unusable (see the constructor)
   */
  public static Optional<SsvcEvaluator> load(String tableRef, SsvcStore store) {
    Optional<SsvcDecisionTable> table = store.decisionTable(tableRef);
    if (table.isEmpty()) {
      return Optional.empty();
    }
    List<SsvcDecisionPoint> points = new ArrayList<>();
    Map<String, SsvcDecisionPoint> loaded = store.decisionPoints(table.get().decisionPoints());
    for (String ref : table.get().decisionPoints()) {
      SsvcDecisionPoint p = loaded.get(ref);
      if (p != null) {
        points.add(p);
      }
    }
    return Optional.of(new SsvcEvaluator(table.get(), points));
  }

  /** The table evaluated. */
  public SsvcDecisionTable table() {
    return table;
  }

  /** The decision for these signal values. */
  public SsvcDecision decide(Exploitation e, boolean automatable, TechnicalImpact ti, MissionImpact mwi) {
    Map<String, String> byRef = new HashMap<>();
    byRef.put(exploitationRef, keyOf(exploitationRef, e.ssvcName()));
    byRef.put(automatableRef, keyOf(automatableRef, automatable ? "Yes" : "No"));
    byRef.put(impactRef, keyOf(impactRef, ti.ssvcName()));
    byRef.put(missionRef, keyOf(missionRef, mwi.ssvcName()));
    return decide(byRef);
  }

  /** The decision for a finding's signals. */
  public SsvcDecision decide(Signals s) {
    return decide(s.exploitation().value(), s.automatable().value(), s.technicalImpact().value(), s.missionImpact());
  }

  /**
   * The decision for explicit input values: decision point ref → value key, as the table data
   * spells them (e.g. {@code ssvc:E:1.1.0 → A}).
   *
   * @throws IllegalArgumentException when an input is missing or its value unknown
   */
  public SsvcDecision decide(Map<String, String> valueKeys) {
    List<String> keys = new ArrayList<>();
    Map<String, String> named = new LinkedHashMap<>();
    for (String ref : inputs) {
      String key = valueKeys.get(ref);
      String name = key == null ? null : valueName(points.get(ref), key);
      if (name == null) {
        throw new IllegalArgumentException(table.ref() + ": " + ref + " needs one of "
            + points.get(ref).values().stream().map(SsvcDecisionPoint.Value::key).toList() + ", got " + key);
      }
      keys.add(key);
      named.put(points.get(ref).key(), name);
    }
    String outcome = rows.get(String.join("|", keys)); // present: the table was checked complete
    return new SsvcDecision(table.ref(), outcome, valueName(points.get(table.outcome()), outcome), named);
  }

  private String keyOf(String ref, String name) {
    for (SsvcDecisionPoint.Value v : points.get(ref).values()) {
      if (v.name().equalsIgnoreCase(name)) {
        return v.key();
      }
    }
    throw new IllegalStateException(ref + ": no value " + name); // bind() checked every name
  }
}
