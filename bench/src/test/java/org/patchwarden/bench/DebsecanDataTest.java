package org.patchwarden.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.formats.feed.debian.DebianSecurityListReader;
import org.patchwarden.version.OsvEvent;

class DebsecanDataTest {
  /** Real entries of the tracker's DSA list: DSA-5266-1 expat, DSA-5244-1 and DSA-5230-1 chromium, DSA-5196-1 libpgjava. */
  private static final String BULLSEYE = "/debsecan/dsa-bullseye-expat-chromium-libpgjava.list";
  /** Real entries: DSA-1470-1 horde3 (sarge not-affected), DSA-880-1 phpmyadmin (woody unfixed, sarge fixed). */
  private static final String OLD = "/debsecan/dsa-sarge-not-affected-woody-unfixed.list";
  private static final Map<String, List<String>> BINARIES =
      Map.of("expat", List.of("libexpat1", "expat", "libexpat1-dev"), "libpgjava", List.of("libpostgresql-jdbc-java"));

  private static List<AdvisoryRecord> read(String resource) throws IOException {
    List<AdvisoryRecord> out = new ArrayList<>();
    try (InputStream in = DebsecanDataTest.class.getResourceAsStream(resource)) {
      new DebianSecurityListReader(in, resource, "debian-dsa").drainTo(out::add);
    }
    return out;
  }

  /** The sections of the text: names, package lines, source lines (each without its closing blank line). */
  private static List<List<String>> sections(String text) {
    assertThat(text).startsWith("VERSION 1\n").endsWith("\n\n");
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : text.substring("VERSION 1\n".length()).split("\n", -1)) {
      if (line.isEmpty()) {
        out.add(current);
        current = new ArrayList<>();
      } else {
        current.add(line);
      }
    }
    assertThat(current).isEmpty(); // nothing after the last blank line
    return out.subList(0, out.size() - 1); // the final split piece after the last newline
  }

  private static int index(List<String> names, String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).startsWith(name + ",")) {
        return i;
      }
    }
    throw new AssertionError(name + " not among " + names);
  }

  @Test
  void aRealDsaBecomesOneSourceLinePerCveWithTheSuitesFixedVersion() throws IOException {
    DebsecanData data = DebsecanData.render(read(BULLSEYE), "Debian:11", BINARIES);
    List<List<String>> s = sections(data.text());
    List<String> names = s.get(0);

    // [30 Oct 2022] DSA-5266-1 expat - security update / {CVE-2022-43680} / [bullseye] - expat 2.2.10-2+deb11u5
    assertThat(names).contains("CVE-2022-43680,,DSA-5266-1 security update");
    assertThat(s.get(1)).contains("expat," + index(names, "CVE-2022-43680") + ",S ?F,2.2.10-2+deb11u5,");
    // DSA-5196-1 names buster and bullseye: only bullseye's fix is the suite's
    assertThat(s.get(1)).contains("libpgjava," + index(names, "CVE-2022-21724") + ",S ?F,42.2.15-1+deb11u1,",
        "libpgjava," + index(names, "CVE-2022-26520") + ",S ?F,42.2.15-1+deb11u1,");
    assertThat(data.text()).doesNotContain("42.2.5-2+deb10u1");
    assertThat(data.line("expat", "CVE-2022-43680")).isEqualTo("2.2.10-2+deb11u5");
    assertThat(data.line("expat", "CVE-2022-26520")).isNull();
  }

  @Test
  void aCveTwoAdvisoriesFixCarriesTheGreaterFixAndBothNames() throws IOException {
    DebsecanData data = DebsecanData.render(read(BULLSEYE), "Debian:11", BINARIES);
    List<String> names = sections(data.text()).get(0);

    // CVE-2022-3201: DSA-5230-1 fixed chromium in 105.0.5195.125-1~deb11u1, DSA-5244-1 in 106.0.5249.61-1~deb11u1
    assertThat(sections(data.text()).get(1))
        .contains("chromium," + index(names, "CVE-2022-3201") + ",S ?F,106.0.5249.61-1~deb11u1,")
        .filteredOn(l -> l.startsWith("chromium," + index(names, "CVE-2022-3201") + ",")).hasSize(1);
    assertThat(names.get(index(names, "CVE-2022-3201"))).contains("DSA-5244-1").contains("DSA-5230-1");
    assertThat(data.severalFixes()).isEqualTo(1);
    assertThat(data.line("chromium", "CVE-2022-3195")).isEqualTo("105.0.5195.125-1~deb11u1");
  }

  @Test
  void theFileDecompressesToTheDocumentedLayout(@TempDir Path dir) throws IOException, DataFormatException {
    List<AdvisoryRecord> records = read(BULLSEYE);
    DebsecanData data = DebsecanData.render(records, "Debian:11", BINARIES);
    byte[] file = Files.readAllBytes(data.writeTo(dir, "bullseye"));
    assertThat(dir.resolve("bullseye")).exists();
    assertThat(file).isEqualTo(data.compressed());

    Inflater inflater = new Inflater(); // zlib format, as Python's zlib.decompress wants it
    inflater.setInput(file);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!inflater.finished()) {
      int n = inflater.inflate(buffer);
      assertThat(n > 0 || !inflater.needsInput()).as("complete zlib stream").isTrue();
      plain.write(buffer, 0, n);
    }
    inflater.end();
    String text = plain.toString(StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(data.text());

    List<List<String>> s = sections(text);
    assertThat(s).hasSize(3);
    Set<String> cves = new TreeSet<>();
    records.stream().filter(r -> r.affected().stream().anyMatch(a -> a.ecosystem().equals("Debian:11")))
        .forEach(r -> cves.addAll(r.aliases()));
    assertThat(s.get(0)).hasSize(cves.size()).allMatch(l -> l.matches("CVE-\\d{4}-\\d+,,DSA-\\d+-\\d+ .+"));
    assertThat(s.get(0).stream().map(l -> l.substring(0, l.indexOf(','))).toList())
        .containsExactlyElementsOf(cves); // sorted, so that a line's vnum is the name's position
    for (String line : s.get(1)) {
      // package,vnum,flags(B|S, urgency, remote, F),unstable_version,other_versions: split(',', 4) as debsecan does
      String[] f = line.split(",", 5);
      assertThat(f).as(line).hasSize(5);
      assertThat(Integer.parseInt(f[1])).isBetween(0, s.get(0).size() - 1);
      assertThat(f[2]).matches("[BS][ LMH][?R ][F ]");
      assertThat(f[3]).isNotEmpty();
    }
    assertThat(s.get(1)).hasSize(data.packageLines());
    assertThat(s.get(2)).containsExactly("expat,expat libexpat1 libexpat1-dev", "libpgjava,libpostgresql-jdbc-java");
  }

  @Test
  void unfixedEntriesHaveNoFixedVersionAndOtherStatusesAreLeftOutAndCounted() throws IOException {
    List<AdvisoryRecord> records = read(OLD);

    // [woody] - phpmyadmin <unfixed>: every version, fix flag blank, for each of DSA-880-1's four CVEs
    DebsecanData woody = DebsecanData.render(records, "Debian:3.0", Map.of());
    assertThat(sections(woody.text()).get(1)).hasSize(4).allMatch(l -> l.matches("phpmyadmin,\\d,S \\? ,,"));
    assertThat(woody.unfixedLines()).isEqualTo(4);
    assertThat(woody.line("phpmyadmin", "CVE-2005-2869")).isEmpty();

    // [sarge] - phpmyadmin 4:2.6.2-3sarge1 (an epoch) and [sarge] - horde3 <not-affected>
    DebsecanData sarge = DebsecanData.render(records, "Debian:3.1", Map.of());
    assertThat(sections(sarge.text()).get(1)).hasSize(4).allMatch(l -> l.matches("phpmyadmin,\\d,S \\?F,4:2.6.2-3sarge1,"));
    assertThat(sarge.text()).doesNotContain("horde3").doesNotContain("CVE-2007-6018");
    assertThat(sarge.leftOut()).isEqualTo(Map.of("NOT_AFFECTED", 1));
  }

  @Test
  void aNameThatWouldBreakTheCommaSeparatedLayoutIsRejectedWithItsRecord() {
    AffectedPackage bad = new AffectedPackage("Debian:11", "a,b", null, AffectedStatus.AFFECTED,
        List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
            new OsvEvent(OsvEvent.Kind.FIXED, "1.0-1")))), List.of(), "");
    AdvisoryRecord r = new AdvisoryRecord("debian-dsa", "DSA-9999-1", Set.of("CVE-2099-0001"), "", "", null, null,
        false, List.of(bad), List.of(), List.of(), List.of());
    assertThatThrownBy(() -> DebsecanData.render(List.of(r), "Debian:11", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DSA-9999-1").hasMessageContaining("'a,b'");
    assertThatThrownBy(() -> DebsecanData.render(List.of(r), "Debian:11", Map.of("x", List.of("has space"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAdvisoryWithoutCveIsNamedByItsOwnId() {
    AffectedPackage pkg = new AffectedPackage("Debian:11", "foo", null, AffectedStatus.AFFECTED,
        List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
            new OsvEvent(OsvEvent.Kind.FIXED, "1.0-1+deb11u1")))), List.of(), "");
    AdvisoryRecord r = new AdvisoryRecord("debian-dsa", "DSA-9998-1", Set.of(), "regression update", "", null, null,
        false, List.of(pkg), List.of(), List.of(), List.of());
    DebsecanData data = DebsecanData.render(List.of(r), "Debian:11", Map.of());
    assertThat(Arrays.asList(data.text().split("\n")))
        .contains("DSA-9998-1,,DSA-9998-1 regression update", "foo,0,S ?F,1.0-1+deb11u1,");
  }
}
