package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.Severity;
import org.patchwarden.ssvc.SsvcDecisionPoint;
import org.patchwarden.ssvc.SsvcDecisionTable;

/** The streaming readers read what data binding reads, and leave every other body to it. */
class CanonicalJsonTest {

  static final AdvisoryRecord NO_DATES = new AdvisoryRecord("osv:PyPI", "PYSEC-2022-1", Set.of("CVE-2022-1", "GHSA-x"),
      "s", "d", null, null, true, List.of(), List.of(new Severity("CVSS_V3", "CVSS:3.1/AV:N", 7.0, null)),
      List.of(), List.of());

  @Test
  void advisoryRecordsReadForAssessmentAreTheBoundRecordsWithoutWhatAnAssessmentIgnores() {
    for (AdvisoryRecord r : List.of(AdvisoryStoreContract.NVD_CVE, AdvisoryStoreContract.OSV_GHSA, NO_DATES)) {
      String json = RecordJson.write(r);

      AdvisoryRecord brief = CanonicalJson.advisoryForAssessment(json);

      assertThat(brief).isNotNull().isEqualTo(RecordJson.forAssessment(RecordJson.readBound(json, AdvisoryRecord.class)));
      assertThat(brief.severities()).isEqualTo(r.severities());
      assertThat(brief.published()).isEqualTo(r.published());
    }
  }

  @Test
  void ssvcObjectsAndStringArraysReadAsDataBindingReadsThem() {
    for (Object o : List.of(SsvcStoreContract.EXPLOITATION, SsvcStoreContract.PRIORITY)) {
      String json = RecordJson.write(o);
      assertThat(CanonicalJson.decisionPoint(json)).isNotNull().isEqualTo(RecordJson.readBound(json, SsvcDecisionPoint.class));
    }
    String table = RecordJson.write(SsvcStoreContract.TABLE);
    assertThat(CanonicalJson.decisionTable(table)).isNotNull()
        .isEqualTo(RecordJson.readBound(table, SsvcDecisionTable.class)).isEqualTo(SsvcStoreContract.TABLE);
    String aliases = RecordJson.write(new java.util.TreeSet<>(Set.of("CVE-2", "CVE-1", "DSA-1")));
    assertThat(CanonicalJson.strings(aliases)).containsExactly("CVE-1", "CVE-2", "DSA-1")
        .isEqualTo(RecordJson.readBound(aliases, String[].class));
    assertThat(CanonicalJson.strings("[]")).isEmpty();
  }

  @Test
  void unknownFieldsAreSkippedAsDataBindingSkipsThem() {
    String json = "{\"namespace\":\"ssvc\",\"key\":\"A\",\"version\":\"2.0.0\",\"schemaVersion\":\"2\","
        + "\"extra\":{\"nested\":[1,2,{\"x\":null}]},\"name\":\"Automatable\",\"values\":[{\"key\":\"N\",\"name\":\"No\","
        + "\"definition\":\"…\"}]}";

    assertThat(CanonicalJson.decisionPoint(json)).isEqualTo(RecordJson.readBound(json, SsvcDecisionPoint.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"namespace\":\"ssvc\",\"key\":\"A\",\"version\":\"1\",\"name\":\"Automatable\"}", // values missing
      "{\"namespace\":\"ssvc\",\"key\":\"A\",\"version\":\"1\",\"name\":null,\"values\":[]}", // a null
      "{\"namespace\":\"ssvc\",\"key\":\"A\",\"version\":1,\"name\":\"n\",\"values\":[]}", // a number as text
      "{\"namespace\":\"ssvc\",\"key\":\"A\",\"key\":\"B\",\"version\":\"1\",\"name\":\"n\",\"values\":[]}", // repeated
      "{\"namespace\":\"ssvc\",\"key\":\"A\",\"version\":\"1\",\"name\":\"n\",\"values\":[", // truncated
  })
  void aDecisionPointOutsideTheWrittenShapeIsLeftToDataBinding(String json) {
    assertThat(CanonicalJson.decisionPoint(json)).isNull();
    sameAsDataBinding(json, SsvcDecisionPoint.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[\"CVE-1\",null]", "[\"CVE-1\",2]", "{\"a\":1}", "\"CVE-1\"", "[\"CVE-1\"",
  })
  void aStringArrayOutsideTheWrittenShapeIsLeftToDataBinding(String json) {
    assertThat(CanonicalJson.strings(json)).isNull();
    sameAsDataBinding(json, String[].class);
  }

  @Test
  void anAdvisoryRecordOutsideTheWrittenShapeIsReadByDataBindingAndThenCut() {
    String written = RecordJson.write(AdvisoryStoreContract.NVD_CVE);
    List<String> odd = List.of(
        written.replace("\"score\":10.0", "\"score\":\"10.0\""), // a score as text
        written.replace("\"published\":\"2024-03-29T17:15:21.150Z\"", "\"published\":1711732521.150"), // a number
        written.replace("\"published\":\"2024-03-29T17:15:21.150Z\"", "\"published\":\"2024-03-29T17:15:21.150+00:00\""),
        written.replace("\"withdrawn\":false,", "")); // missing: data binding takes false
    for (String json : odd) {
      assertThat(CanonicalJson.advisoryForAssessment(json)).as(json).isNull();
      assertThat(RecordJson.readForAssessment(json)).as(json)
          .isEqualTo(RecordJson.forAssessment(RecordJson.readBound(json, AdvisoryRecord.class)));
    }
    String blankId = written.replace("\"id\":\"CVE-2024-3094\"", "\"id\":\" \"");
    assertThat(CanonicalJson.advisoryForAssessment(blankId)).isNull();
    assertThatThrownBy(() -> RecordJson.readForAssessment(blankId)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AdvisoryRecord body is not readable");
  }

  @Test
  void theRowsOfATableKeepEveryColumn() {
    SsvcDecisionTable t = new SsvcDecisionTable("cisa", "DT", "1", "T", List.of("a:A:1", "b:B:1"), "b:B:1",
        List.of(Map.of("a:A:1", "N", "b:B:1", "T"), Map.of("a:A:1", "Y", "b:B:1", "A")));

    assertThat(CanonicalJson.decisionTable(RecordJson.write(t))).isEqualTo(t);
  }

  /** {@link RecordJson#read} answers what data binding answers, or fails as it fails. */
  private static <T> void sameAsDataBinding(String json, Class<T> type) {
    Object bound;
    try {
      bound = RecordJson.readBound(json, type);
    } catch (IllegalStateException e) {
      assertThatThrownBy(() -> RecordJson.read(json, type)).isInstanceOf(IllegalStateException.class)
          .hasMessage(e.getMessage());
      return;
    }
    assertThat(RecordJson.read(json, type)).isEqualTo(bound);
  }
}
