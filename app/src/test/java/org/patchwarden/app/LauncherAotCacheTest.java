package org.patchwarden.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's AOT cache (JDK 25+) on a tiny jar of its own: made after the first run, used by the
 * next, made again once when the JVM refuses it (truncated), left alone when refused again, and made
 * again when the jar changes; every run's output is the command's.
 */
class LauncherAotCacheTest {
  @TempDir Path root;
  private Path jar;
  private Path aot;

  @BeforeEach
  void launcherBesideAProbeJar() throws Exception {
    assertThat(Runtime.version().feature()).as("the build's JDK (AOT caches need 25)").isGreaterThanOrEqualTo(25);
    Files.copy(Path.of("..", "patchwarden"), root.resolve("patchwarden"));
    root.resolve("patchwarden").toFile().setExecutable(true);
    jar = root.resolve("app/target/patchwarden.jar");
    Files.createDirectories(jar.getParent());
    writeProbeJar(jar);
    aot = root.resolve("app/target/aot").resolve(runtimeVersion());
  }

  @Test
  void aRefusedCacheIsMadeAgainOnceAndAChangedJarMakesItAgain() throws Exception {
    Path cache = aot.resolve("version.aot");
    Path log = aot.resolve("version.aot.log");

    assertThat(run()).isEqualTo("probe --version");
    awaitBuilds();
    assertThat(cache).isRegularFile();
    assertThat(run()).isEqualTo("probe --version");
    assertThat(log).isEmptyFile();

    truncate(cache);
    assertThat(run()).isEqualTo("probe --version");
    assertThat(Files.readString(log)).contains("AOT cache");
    assertThat(run()).as("the run that records it again").isEqualTo("probe --version");
    awaitBuilds();
    assertThat(Files.size(cache)).isGreaterThan(1_000);
    assertThat(run()).isEqualTo("probe --version");
    assertThat(log).isEmptyFile();

    truncate(cache);
    assertThat(run()).isEqualTo("probe --version");
    assertThat(run()).as("refused twice: runs without it").isEqualTo("probe --version");
    awaitBuilds();
    assertThat(Files.size(cache)).isEqualTo(1_000);

    writeProbeJar(jar); // newer than the cache
    assertThat(run()).isEqualTo("probe --version");
    awaitBuilds();
    assertThat(Files.size(cache)).isGreaterThan(1_000);
    assertThat(run()).isEqualTo("probe --version");
    assertThat(log).isEmptyFile();
  }

  /** The launcher's name for this JDK's caches: the release file's runtime version. */
  private static String runtimeVersion() throws IOException {
    Path release = Path.of(System.getProperty("java.home"), "release");
    for (String line : Files.readAllLines(release)) {
      if (line.startsWith("JAVA_RUNTIME_VERSION=")) {
        return line.substring(line.indexOf('=') + 1).replace("\"", "").replaceAll("[^A-Za-z0-9._+-]", "_");
      }
    }
    throw new AssertionError("no JAVA_RUNTIME_VERSION in " + release);
  }

  private String run() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(root.resolve("patchwarden").toString(), "--version")
        .redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("PATCHWARDEN_AOT");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  /** Waits for the detached cache builds to finish (their lock directories gone). */
  private void awaitBuilds() throws Exception {
    for (int i = 0; i < 1_200; i++) {
      try (Stream<Path> files = Files.exists(aot) ? Files.list(aot) : Stream.empty()) {
        if (files.noneMatch(f -> f.toString().endsWith(".lock"))) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the AOT cache build did not finish");
  }

  /** A cache the JVM refuses (still newer than the jar). */
  private void truncate(Path cache) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(cache, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(1_000);
    }
  }

  /** A runnable jar whose main prints "probe" and its arguments. */
  private void writeProbeJar(Path target) throws IOException {
    Path src = Files.createTempDirectory(root, "probe");
    Path java = src.resolve("Probe.java");
    Files.writeString(java, """
        public class Probe {
          public static void main(String[] args) {
            System.out.println("probe " + String.join(" ", args));
          }
        }
        """);
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", src.toString(), java.toString());
    assertThat(rc).isZero();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Probe");
    try (OutputStream out = Files.newOutputStream(target); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      jarOut.putNextEntry(new JarEntry("Probe.class"));
      jarOut.write(Files.readAllBytes(src.resolve("Probe.class")));
      jarOut.closeEntry();
    }
  }
}
