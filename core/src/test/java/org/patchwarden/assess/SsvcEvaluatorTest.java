package org.patchwarden.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchwarden.ssvc.SsvcDecisionPoint;
import org.patchwarden.ssvc.SsvcDecisionTable;
import org.patchwarden.ssvc.SsvcObject;
import org.patchwarden.ssvc.SsvcStore;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

class SsvcEvaluatorTest {
  private static final SsvcTables.Loaded CISA = SsvcTables.cisaCoordinator();

  /** Value name of a decision point's value key, read from the JSON itself. */
  private static String name(String ref, String key) {
    for (JsonNode v : CISA.json().get("decision_points").get(ref).get("values")) {
      if (v.get("key").asText().equals(key)) {
        return v.get("name").asText();
      }
    }
    throw new AssertionError(ref + " has no value " + key);
  }

  /** The outcome the JSON's mapping gives for these value names, found by scanning the rows. */
  private static String outcomeInJson(String e, String a, String ti, String mwi) {
    String found = null;
    for (JsonNode row : CISA.json().get("mapping")) {
      if (name("ssvc:E:1.1.0", row.get("ssvc:E:1.1.0").asText()).equals(e)
          && name("ssvc:A:2.0.0", row.get("ssvc:A:2.0.0").asText()).equals(a)
          && name("ssvc:TI:1.0.0", row.get("ssvc:TI:1.0.0").asText()).equals(ti)
          && name("ssvc:MWI:1.0.0", row.get("ssvc:MWI:1.0.0").asText()).equals(mwi)) {
        assertThat(found).as("one row per combination").isNull();
        found = row.get("cisa:CISA:1.1.0").asText();
      }
    }
    assertThat(found).as("row for %s/%s/%s/%s", e, a, ti, mwi).isNotNull();
    return found;
  }

  @Test
  void everyCombinationOfSignalsGivesTheOutcomeOfTheRealCisaCoordinatorTable() {
    SsvcEvaluator evaluator = new SsvcEvaluator(CISA.table(), CISA.points());
    int combinations = 0;
    Map<String, Integer> outcomes = new HashMap<>();
    for (Exploitation e : Exploitation.values()) {
      for (boolean a : new boolean[] {false, true}) {
        for (TechnicalImpact ti : TechnicalImpact.values()) {
          for (MissionImpact mwi : MissionImpact.values()) {
            String expected = outcomeInJson(e.ssvcName(), a ? "Yes" : "No", ti.ssvcName(), mwi.ssvcName());
            SsvcDecision d = evaluator.decide(e, a, ti, mwi);
            assertThat(d.outcomeKey()).as("%s %s %s %s", e, a, ti, mwi).isEqualTo(expected);
            assertThat(d.outcome()).isEqualTo(name("cisa:CISA:1.1.0", expected));
            assertThat(d.table()).isEqualTo("cisa:DT_CO:2.0.3");
            outcomes.merge(d.outcome(), 1, Integer::sum);
            combinations++;
          }
        }
      }
    }
    assertThat(combinations).isEqualTo(CISA.json().get("mapping").size()).isEqualTo(36);
    assertThat(outcomes).containsOnlyKeys("Track", "Track*", "Attend", "Act");
  }

  @Test
  void everyRowOfTheTableIsReproducedByExplicitValueKeys() {
    SsvcEvaluator evaluator = new SsvcEvaluator(CISA.table(), CISA.points());
    for (JsonNode row : CISA.json().get("mapping")) {
      Map<String, String> inputs = new HashMap<>();
      row.properties().forEach(f -> inputs.put(f.getKey(), f.getValue().asText()));
      String expected = inputs.remove("cisa:CISA:1.1.0");
      assertThat(evaluator.decide(inputs).outcomeKey()).as(inputs.toString()).isEqualTo(expected);
    }
  }

  @Test
  void aDecisionNamesItsInputsByDecisionPointKeyAndValueName() {
    SsvcDecision d = SsvcTables.evaluator().decide(Exploitation.ACTIVE, true, TechnicalImpact.TOTAL, MissionImpact.HIGH);
    assertThat(d.inputs()).containsExactly(Map.entry("E", "Active"), Map.entry("A", "Yes"),
        Map.entry("TI", "Total"), Map.entry("MWI", "High"));
    assertThat(d.is("Act")).isTrue();
    assertThat(d.is("ac")).isTrue();
    assertThat(d.is("Attend")).isFalse();
  }

  @Test
  void aTableMissingARowIsRejectedAtConstruction() {
    SsvcDecisionTable t = CISA.table();
    SsvcDecisionTable incomplete = new SsvcDecisionTable(t.namespace(), t.key(), t.version(), t.name(),
        t.decisionPoints(), t.outcome(), t.rows().subList(1, t.rows().size()));
    assertThatThrownBy(() -> new SsvcEvaluator(incomplete, CISA.points()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cisa:DT_CO:2.0.3").hasMessageContaining("35 rows for 36 combinations");
  }

  @Test
  void aTableWithADuplicateCombinationIsRejected() {
    SsvcDecisionTable t = CISA.table();
    List<Map<String, String>> rows = new ArrayList<>(t.rows());
    rows.set(1, rows.get(0));
    SsvcDecisionTable dup = new SsvcDecisionTable(t.namespace(), t.key(), t.version(), t.name(), t.decisionPoints(),
        t.outcome(), rows);
    assertThatThrownBy(() -> new SsvcEvaluator(dup, CISA.points()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("twice");
  }

  @Test
  void aRowWithAValueTheDecisionPointDoesNotHaveIsRejected() {
    SsvcDecisionTable t = CISA.table();
    List<Map<String, String>> rows = new ArrayList<>(t.rows());
    Map<String, String> bad = new LinkedHashMap<>(rows.get(3));
    bad.put("ssvc:E:1.1.0", "X");
    rows.set(3, bad);
    SsvcDecisionTable broken = new SsvcDecisionTable(t.namespace(), t.key(), t.version(), t.name(),
        t.decisionPoints(), t.outcome(), rows);
    assertThatThrownBy(() -> new SsvcEvaluator(broken, CISA.points()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 3: ssvc:E:1.1.0 has unknown value 'X'");
  }

  @Test
  void aDecisionPointThatIsNotLoadedIsNamed() {
    List<SsvcDecisionPoint> withoutMwi = CISA.points().stream().filter(p -> !p.key().equals("MWI")).toList();
    assertThatThrownBy(() -> new SsvcEvaluator(CISA.table(), withoutMwi))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ssvc:MWI:1.0.0 is not loaded");
  }

  /** The SSVC port holding the real coordinator table and its decision points. */
  private static SsvcStore storeWith(boolean table) {
    return new SsvcStore() {
      @Override
      public FeedUpdate replace(FeedSnapshot<SsvcObject> snapshot, FeedDocument document) {
        throw new UnsupportedOperationException("read-only test store");
      }

      @Override
      public Optional<SsvcDecisionPoint> decisionPoint(String ref) {
        return CISA.points().stream().filter(p -> p.ref().equals(ref)).findFirst();
      }

      @Override
      public Optional<SsvcDecisionTable> decisionTable(String ref) {
        return table && ref.equals(CISA.table().ref()) ? Optional.of(CISA.table()) : Optional.empty();
      }

      @Override
      public int count() {
        return CISA.points().size() + (table ? 1 : 0);
      }
    };
  }

  @Test
  void anEvaluatorIsLoadedFromTheSsvcStoreOrIsAbsentWhenTheTableIsNot() {
    assertThat(SsvcEvaluator.load("cisa:DT_CO:2.0.3", storeWith(true)))
        .hasValueSatisfying(e -> assertThat(e.table().ref()).isEqualTo("cisa:DT_CO:2.0.3"));
    assertThat(SsvcEvaluator.load("cisa:DT_CO:2.0.3", storeWith(false))).isEmpty();
  }

  @Test
  void explicitInputsWithAnUnknownValueAreRejectedWithTheValuesAllowed() {
    SsvcEvaluator evaluator = SsvcTables.evaluator();
    Map<String, String> inputs = Map.of("ssvc:E:1.1.0", "A", "ssvc:A:2.0.0", "Y", "ssvc:TI:1.0.0", "T",
        "ssvc:MWI:1.0.0", "Q");
    assertThatThrownBy(() -> evaluator.decide(inputs)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ssvc:MWI:1.0.0 needs one of [L, M, H], got Q");
  }
}
