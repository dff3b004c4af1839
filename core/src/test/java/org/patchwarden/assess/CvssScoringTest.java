package org.patchwarden.assess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CvssScoringTest {
  private static List<String[]> rows(String resource) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        CvssScoringTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.startsWith("#") && !line.isBlank()) {
          out.add(line.split("\t"));
        }
      }
    }
    return out;
  }

  @Test
  void everyStatedScoreInTheSharedCve5RecordsIsTheVectorsBaseOrTemporalScoreOrAListedMistake() throws IOException {
    Map<String, String> misstated = new HashMap<>();
    for (String[] m : rows("cve5-cvss-misstated.tsv")) {
      misstated.put(m[0] + "|" + m[1] + "|" + m[2], m[3]);
    }
    Map<String, Integer> agreeing = new TreeMap<>();
    int temporal = 0;
    List<String> listedAndFound = new ArrayList<>();
    List<String> unexplained = new ArrayList<>();
    List<String[]> statements = rows("cve5-cvss-statements.tsv");
    for (String[] s : statements) {
      double stated = Double.parseDouble(s[4]);
      CvssScoring.Computed c = CvssScoring.compute(s[3]).orElseThrow(() -> new AssertionError("not computable: " + s[3]));
      assertThat(c.version()).isEqualTo(switch (s[2]) {
        case "cvssV4_0" -> "4.0";
        case "cvssV3_1" -> "3.1";
        case "cvssV3_0" -> "3.0";
        default -> "2.0";
      });
      String key = s[0] + "|" + s[1] + "|" + s[3];
      if (c.base() == stated) {
        agreeing.merge(s[2], 1, Integer::sum);
      } else if (c.temporal() == stated) {
        temporal++; // NB: some CNAs (Fortinet) state the temporal score as the base score
      } else if (misstated.containsKey(key)) {
        listedAndFound.add(key);
      } else {
        unexplained.add(String.join(" ", s) + " computed " + c.base());
      }
    }
    assertThat(unexplained).isEmpty();
    assertThat(listedAndFound).as("every listed mistake is still in the data").hasSize(misstated.size());
    assertThat(statements).hasSize(2928);
    // Measured: all 158 v4.0, all 328 v3.0, all 172 v2.0 and 2,244 of 2,270 v3.1 statements agree.
    assertThat(agreeing).containsEntry("cvssV4_0", 158).containsEntry("cvssV3_0", 328).containsEntry("cvssV2_0", 172)
        .containsEntry("cvssV3_1", 2244);
    assertThat(temporal).isEqualTo(18);
  }

  @Test
  void aV31VectorFromARealCveRecordComputesItsStatedScore() {
    // CVE-2024-3094 (xz backdoor), Red Hat as CNA, cvelistV5 record in osv.dev's test data.
    assertThat(CvssScoring.compute("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"))
        .hasValueSatisfying(c -> assertThat(c.base()).isEqualTo(10.0));
    // CVE-2023-22650, SUSE: CVSS 4.0 stated 8.7.
    assertThat(CvssScoring.compute("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
        .hasValueSatisfying(c -> {
          assertThat(c.version()).isEqualTo("4.0");
          assertThat(c.base()).isEqualTo(8.7);
        });
    // CVE-2023-7260, OpenText: a v4.0 vector with supplemental metrics, stated 6.9.
    assertThat(CvssScoring.compute(
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:L/SI:N/SA:N/S:N/AU:Y/R:A/V:C/RE:L/U:Amber"))
        .hasValueSatisfying(c -> assertThat(c.base()).isEqualTo(6.9));
  }

  @Test
  void aV3VectorWithTemporalMetricsKeepsTheBaseScoreApartFromTheTemporalOne() {
    // CVE-2022-42475, Fortinet: states 9.3, the temporal score of this vector.
    assertThat(CvssScoring.compute("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:U/RC:C"))
        .hasValueSatisfying(c -> {
          assertThat(c.base()).isEqualTo(9.8);
          assertThat(c.temporal()).isEqualTo(9.3);
        });
  }

  @Test
  void aV2VectorWithOrWithoutParenthesesComputes() {
    assertThat(CvssScoring.compute("AV:N/AC:L/Au:N/C:P/I:P/A:P")).hasValueSatisfying(c -> {
      assertThat(c.version()).isEqualTo("2.0");
      assertThat(c.base()).isEqualTo(7.5);
    });
    assertThat(CvssScoring.compute("(AV:N/AC:L/Au:N/C:P/I:P/A:P)")).isPresent();
  }

  @Test
  void malformedOrUnknownVectorsAreNotComputable() {
    assertThat(CvssScoring.compute("CVSS:3.1/AV:N/AC:L")).isEmpty();
    assertThat(CvssScoring.compute("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).isEmpty();
    assertThat(CvssScoring.compute("CVSS:9.9/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).isEmpty();
    assertThat(CvssScoring.compute("")).isEmpty();
    assertThat(CvssScoring.compute("high")).isEmpty();
  }

  @Test
  void theVersionIsReadFromThePrefix() {
    assertThat(CvssScoring.version("CVSS:4.0/AV:N")).isEqualTo("4.0");
    assertThat(CvssScoring.version("CVSS:3.0/AV:N")).isEqualTo("3.0");
    assertThat(CvssScoring.version("CVSS:9.9/AV:N")).isEqualTo("9.9");
    assertThat(CvssScoring.version("AV:N/AC:L/Au:N/C:P/I:P/A:P")).isEqualTo("2.0");
  }
}
