package org.patchwarden.assess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchwarden.ssvc.SsvcDecisionPoint;
import org.patchwarden.ssvc.SsvcDecisionTable;

/**
 * The real CISA coordinator table ({@code cisa_coordinator_2_0_3.json}, copied from
 * ../shared/data/feeds/ssvc, CERTCC/SSVC @ e3b00a25) as domain objects. Core tests cannot use the
 * formats module's reader, so this reads the few fields a decision table has with Jackson (test
 * scope only).
 */
public final class SsvcTables {
  public static final String RESOURCE = "cisa_coordinator_2_0_3.json";

  /** The table and its embedded decision points. */
  public record Loaded(SsvcDecisionTable table, List<SsvcDecisionPoint> points, JsonNode json) {}

  private SsvcTables() {}

  public static Loaded cisaCoordinator() {
    try (InputStream in = SsvcTables.class.getResourceAsStream(RESOURCE)) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<SsvcDecisionPoint> points = new ArrayList<>();
      List<String> refs = new ArrayList<>();
      root.get("decision_points").properties().forEach(e -> {
        JsonNode p = e.getValue();
        List<SsvcDecisionPoint.Value> values = new ArrayList<>();
        p.get("values").forEach(v -> values.add(new SsvcDecisionPoint.Value(v.get("key").asText(), v.get("name").asText())));
        points.add(new SsvcDecisionPoint(p.get("namespace").asText(), p.get("key").asText(), p.get("version").asText(),
            p.get("name").asText(), values));
        refs.add(e.getKey());
      });
      List<Map<String, String>> rows = new ArrayList<>();
      root.get("mapping").forEach(row -> {
        Map<String, String> r = new LinkedHashMap<>();
        row.properties().forEach(f -> r.put(f.getKey(), f.getValue().asText()));
        rows.add(r);
      });
      SsvcDecisionTable table = new SsvcDecisionTable(root.get("namespace").asText(), root.get("key").asText(),
          root.get("version").asText(), root.get("name").asText(), refs, root.get("outcome").asText(), rows);
      return new Loaded(table, points, root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SsvcEvaluator evaluator() {
    Loaded l = cisaCoordinator();
    return new SsvcEvaluator(l.table(), l.points());
  }
}
