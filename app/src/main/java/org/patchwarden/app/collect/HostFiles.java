package org.patchwarden.app.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.patchwarden.formats.inventory.rpm.RpmQueryReader;

/**
 * The raw inventory files of a host, under the names the server's upload (like {@code scan FILE})
 * recognises: {@code os-release}, {@code status} (dpkg), {@code installed} (apk) and {@code
 * rpm-qa.txt} (the output of {@code rpm -qa} in our query format). The server parses them with the
 * same readers as {@code scan}, so agent and CLI never disagree.
 */
public record HostFiles(Map<String, byte[]> files) {
  private static final long RPM_TIMEOUT_SECONDS = 120;

  public HostFiles {
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** Reads the files under {@code root} (rpm only on the real root, where the rpm command sees it). */
  public static HostFiles of(Path root) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String candidate : List.of("etc/os-release", "usr/lib/os-release")) {
      if (Files.isRegularFile(root.resolve(candidate))) {
        files.put("os-release", read(root.resolve(candidate)));
        break;
      }
    }
    if (Files.isRegularFile(root.resolve("var/lib/dpkg/status"))) {
      files.put("status", read(root.resolve("var/lib/dpkg/status")));
    }
    if (Files.isRegularFile(root.resolve("lib/apk/db/installed"))) {
      files.put("installed", read(root.resolve("lib/apk/db/installed")));
    }
    if (root.equals(Path.of("/")) && Files.isDirectory(Path.of("/var/lib/rpm"))
        && Files.isExecutable(Path.of("/usr/bin/rpm"))) {
      files.put("rpm-qa.txt", rpmQuery());
    }
    return new HostFiles(files);
  }

  /**
   * {@code sha256:<hex>} over the asset name and every file's name and bytes: the upload's
   * Idempotency-Key, equal for a retry and for an unchanged host.
   */
  public String idempotencyKey(String asset) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      update(d, asset.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (Map.Entry<String, byte[]> f : new java.util.TreeMap<>(files).entrySet()) {
        update(d, f.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        update(d, f.getValue());
      }
      return "sha256:" + HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Length-prefixed, so that moving bytes between a name and a file changes the hash. */
  private static void update(MessageDigest d, byte[] bytes) {
    d.update(java.nio.ByteBuffer.allocate(8).putLong(bytes.length).array());
    d.update(bytes);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static byte[] rpmQuery() {
    try {
      Process p = new ProcessBuilder("rpm", "-qa", "--qf", RpmQueryReader.QUERY_FORMAT)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!p.waitFor(RPM_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("rpm -qa failed or did not finish within " + RPM_TIMEOUT_SECONDS + " s");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run rpm -qa", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running rpm -qa", e);
    }
  }
}
