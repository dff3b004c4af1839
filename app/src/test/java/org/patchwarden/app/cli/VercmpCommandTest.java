package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The vercmp protocol end to end, on every reference-labelled vector file. */
class VercmpCommandTest {
  private static final Path VECTORS = Path.of("../core/src/test/resources/vectors");

  static Stream<String> vectorFiles() throws IOException {
    try (Stream<Path> files = Files.list(VECTORS)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tsv")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectorFiles")
  void answersEveryVectorLikeTheReferenceImplementation(String file) throws IOException {
    String stem = file.substring(0, file.length() - 4);
    String eco = stem.replace("-ranges", "");
    String mode = stem.equals("osv-ranges") ? "osv" : stem.endsWith("-ranges") ? "range" : "cmp";
    List<String> lines = Files.readAllLines(VECTORS.resolve(file), StandardCharsets.UTF_8);
    StringBuilder input = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      int tab = line.lastIndexOf('\t');
      input.append(line, 0, tab).append('\n');
      expected.add(line.substring(tab + 1));
    }

    var r = CommandLineRunner.run(Map.of(), input.toString(), "vercmp", "--ecosystem", eco, "--mode", mode);

    assertThat(r.exitCode()).isZero();
    List<String> answers = r.out().lines().toList();
    assertThat(answers).hasSameSizeAs(expected);
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(answers.get(i))) {
        disagreements.add(lines.get(i + 1) + " -> " + answers.get(i));
      }
    }
    assertThat(disagreements).as(file).isEmpty();
  }

  @Test
  void answersErrForARejectedLineAndGoesOn() {
    var r = CommandLineRunner.run(Map.of(), "1.0\t2.0\n1 0\t2.0\nonly-one-field\n2.0\t1.0\n", "vercmp", "-e", "deb");
    assertThat(r.out().lines()).containsExactly("-1", "err", "err", "1");
    assertThat(r.err()).contains("line 2:", "invalid deb version '1 0'").contains("line 3:", "expected 2 TAB-separated fields");
  }

  @Test
  void osvModeReadsTheEventsJson() {
    String in = "PyPI\tECOSYSTEM\t[{\"introduced\":\"0\"},{\"fixed\":\"1.2.0\"}]\t1.1\n"
        + "PyPI\tECOSYSTEM\t[{\"introduced\":\"0\"},{\"fixed\":\"1.2.0\"}]\t1.2\n"
        + "PyPI\tECOSYSTEM\t[{\"introduced\":\"0\"},{\"fixd\":\"1.2.0\"}]\t1.2\n"
        + "PyPI\tECOSYSTEM\t[{\"introduced\":\"0\"\t1.2\n";
    var r = CommandLineRunner.run(Map.of(), in, "vercmp", "--mode", "osv");
    assertThat(r.out().lines()).containsExactly("true", "false", "err", "err");
    assertThat(r.err()).contains("unknown event 'fixd'");
  }

  @Test
  void anUnknownEcosystemIsAUsageErrorListingTheKnownOnes() {
    var r = CommandLineRunner.run(Map.of(), "", "vercmp", "--ecosystem", "cobol");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown ecosystem 'cobol'", "deb", "pypi");
  }

  @Test
  void theEcosystemIsRequiredOutsideOsvMode() {
    var r = CommandLineRunner.run(Map.of(), "", "vercmp", "--mode", "range");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--ecosystem is required");
  }
}
