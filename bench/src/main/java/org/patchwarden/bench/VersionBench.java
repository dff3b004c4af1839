package org.patchwarden.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.Version;
import org.patchwarden.version.VersionScheme;

/**
 * Version comparison per scheme on realistic version lists (the valid versions of the
 * reference-labelled vectors: real Debian, RPM, npm, PyPI … versions and the tricky generated ones),
 * pairs drawn at random with a fixed seed. Scores are operations per second per thread; run with
 * {@code -prof gc} to see {@code gc.alloc.rate.norm} (0 B/op for pre-parsed compare).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class VersionBench {
  static final int PAIRS = 1024;

  @Param({"deb", "rpm", "apk", "maven", "npm", "pypi", "go", "rubygems", "nuget", "generic"})
  public String scheme;

  private String[] left;
  private String[] right;
  private Version[] parsedLeft;
  private Version[] parsedRight;
  private VersionScheme versionScheme;

  @Setup
  public void setUp() {
    versionScheme = Schemes.forEcosystem(scheme);
    List<String> valid = new ArrayList<>();
    for (String v : load(scheme)) {
      try {
        versionScheme.parse(v);
        valid.add(v);
      } catch (IllegalArgumentException e) {
        // the lists come from valid vector rows; a scheme that refuses one is caught by the tests, not here
      }
    }
    Random random = new Random(42);
    left = new String[PAIRS];
    right = new String[PAIRS];
    parsedLeft = new Version[PAIRS];
    parsedRight = new Version[PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      left[i] = valid.get(random.nextInt(valid.size()));
      right[i] = valid.get(random.nextInt(valid.size()));
      parsedLeft[i] = versionScheme.parse(left[i]);
      parsedRight[i] = versionScheme.parse(right[i]);
    }
  }

  /** Compare of already parsed versions: the matcher's inner loop. */
  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public int compareParsed() {
    int acc = 0;
    for (int i = 0; i < PAIRS; i++) {
      acc += parsedLeft[i].compareTo(parsedRight[i]);
    }
    return acc;
  }

  /** Parse both sides, then compare: what a one-off comparison costs. */
  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public void parseAndCompare(Blackhole bh) {
    for (int i = 0; i < PAIRS; i++) {
      bh.consume(versionScheme.parse(left[i]).compareTo(versionScheme.parse(right[i])));
    }
  }

  private static List<String> load(String scheme) {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        VersionBench.class.getResourceAsStream("/versions/" + scheme + ".txt"), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isEmpty()) {
          out.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
