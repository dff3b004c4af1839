package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AdvisoryRecord;

/** The canonical JSON every per-record hash is taken of. */
class RecordJsonTest {

  @Test
  void writesSetsSortedAndMapsByKeySoThatIterationOrderNeverChangesTheHash() {
    Set<String> ab = new LinkedHashSet<>(List.of("b", "a", "c"));
    Set<String> ba = new LinkedHashSet<>(List.of("c", "a", "b"));
    Map<String, Integer> xy = new LinkedHashMap<>();
    xy.put("y", 2);
    xy.put("x", 1);
    Map<String, Integer> yx = new LinkedHashMap<>();
    yx.put("x", 1);
    yx.put("y", 2);

    assertThat(RecordJson.write(ab)).isEqualTo(RecordJson.write(ba)).isEqualTo("[\"a\",\"b\",\"c\"]");
    assertThat(RecordJson.write(xy)).isEqualTo(RecordJson.write(yx)).isEqualTo("{\"x\":1,\"y\":2}");
  }

  @Test
  void writesInstantsAsTextWithTheirFullPrecision() {
    AdvisoryRecord r = new AdvisoryRecord("nvd", "CVE-1", Set.of("GHSA-2", "CVE-0"), "", "",
        Instant.parse("2024-03-29T17:15:21.123456789Z"), null, false, List.of(), List.of(), List.of(), List.of());

    String json = RecordJson.write(r);

    assertThat(json).contains("\"published\":\"2024-03-29T17:15:21.123456789Z\"")
        .contains("\"aliases\":[\"CVE-0\",\"GHSA-2\"]");
    assertThat(RecordJson.read(json, AdvisoryRecord.class)).isEqualTo(r);
  }

  @Test
  void hashesAreLowerCaseHexSha256() {
    assertThat(RecordJson.sha256("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
