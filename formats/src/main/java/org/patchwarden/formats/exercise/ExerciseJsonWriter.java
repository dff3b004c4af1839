package org.patchwarden.formats.exercise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchwarden.exercise.ExerciseReport;
import org.patchwarden.exercise.ExerciseReport.Outcome;
import org.patchwarden.exercise.ExerciseReport.Summary;
import org.patchwarden.exercise.ExerciseReport.Warning;

/**
 * Writes exercise reports as JSON ({@value #SCHEMA}, {@value #COMPARISON_SCHEMA}; docs/exercises.md):
 * snake_case keys in a fixed order and no time of writing, so the same run gives the same bytes.
 */
public final class ExerciseJsonWriter {
  public static final String SCHEMA = "patchwarden.exercise/1";
  public static final String COMPARISON_SCHEMA = "patchwarden.exercise-comparison/1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ExerciseJsonWriter() {}

  /** One run. */
  public static String write(ExerciseReport r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", SCHEMA);
    doc.putAll(report(r));
    return render(doc);
  }

  /** Two runs side by side: {@code a}, {@code b}, and each summary figure's change from a to b. */
  public static String writeComparison(ExerciseReport a, ExerciseReport b) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", COMPARISON_SCHEMA);
    doc.put("a", report(a));
    doc.put("b", report(b));
    Map<String, Object> delta = new LinkedHashMap<>();
    Map<String, Object> sa = summary(a.summary());
    Map<String, Object> sb = summary(b.summary());
    sa.forEach((k, va) -> {
      Object vb = sb.get(k);
      if (va instanceof Number na && vb instanceof Number nb) {
        double d = nb.doubleValue() - na.doubleValue();
        delta.put(k, d == Math.rint(d) ? (Object) (long) d : (Object) d);
      }
    });
    doc.put("delta", delta);
    return render(doc);
  }

  private static String render(Map<String, Object> doc) {
    try {
      return JSON.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the exercise report", e);
    }
  }

  static Map<String, Object> report(ExerciseReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", r.scenario());
    m.put("source", r.source());
    m.put("description", r.description());
    m.put("seed", r.seed());
    m.put("start", r.start().toString());
    m.put("days", r.days());
    m.put("cves", r.cves());
    m.put("summary", summary(r.summary()));
    List<Object> outcomes = new ArrayList<>();
    for (Outcome o : r.outcomes()) {
      outcomes.add(outcome(o));
    }
    m.put("outcomes", outcomes);
    List<Object> timeline = new ArrayList<>();
    for (ExerciseReport.TimelineEvent e : r.timeline()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("day", e.day());
      t.put("asset", e.asset());
      t.put("kind", e.kind());
      t.put("text", e.text());
      timeline.add(t);
    }
    m.put("timeline", timeline);
    m.put("notes", r.notes());
    return m;
  }

  static Map<String, Object> summary(Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("outcomes", s.outcomes());
    m.put("detected", s.detected());
    m.put("median_time_to_detection_days", s.medianTimeToDetection());
    m.put("max_time_to_detection_days", s.maxTimeToDetection());
    m.put("verified", s.verified());
    m.put("median_time_to_verified_fix_days", s.medianTimeToVerifiedFix());
    m.put("max_time_to_verified_fix_days", s.maxTimeToVerifiedFix());
    m.put("asset_days_exposed", s.assetDaysExposed());
    m.put("internet_facing_asset_days_exposed", s.internetFacingAssetDaysExposed());
    m.put("sla_breaches", s.slaBreaches());
    m.put("verification_failures", s.verificationFailures());
    m.put("missed_verification_windows", s.missedWindows());
    List<Object> controls = new ArrayList<>();
    s.earliestControls().forEach(c -> {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("control", c.control());
      cm.put("gaps_caught_first", c.gaps());
      cm.put("earliest_day", c.earliestDay());
      controls.add(cm);
    });
    m.put("earliest_controls", controls);
    return m;
  }

  static Map<String, Object> outcome(Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("asset", o.asset());
    m.put("cve", o.cve());
    m.put("team", o.team());
    m.put("internet_facing", o.internetFacing());
    m.put("advisories", o.advisories());
    m.put("tier", o.tier());
    m.put("due_date", o.dueDate() == null ? null : o.dueDate().toString());
    m.put("due_day", o.dueDay());
    m.put("exposed_from_day", o.exposedFrom());
    m.put("detected_day", o.detected());
    m.put("fix_landed_day", o.fixLanded());
    m.put("verified_day", o.verified());
    m.put("time_to_detection_days", o.timeToDetection());
    m.put("time_to_verified_fix_days", o.timeToVerifiedFix());
    m.put("exposure_days", o.exposureDays());
    m.put("sla_breach_days", o.breachDays());
    m.put("change_state", o.changeState());
    m.put("verification_failures", o.verificationFailures());
    m.put("missed_verification_windows", o.missedWindows());
    Warning w = o.earliestWarning();
    if (w == null) {
      m.put("earliest_warning", null);
    } else {
      Map<String, Object> wm = new LinkedHashMap<>();
      wm.put("day", w.day());
      wm.put("control", w.control());
      wm.put("detail", w.detail());
      m.put("earliest_warning", wm);
    }
    return m;
  }
}
