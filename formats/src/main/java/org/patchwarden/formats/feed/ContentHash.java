package org.patchwarden.formats.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 of a feed document's bytes: of a file, or of every file under a directory in sorted path
 * order (relative name and content), so that an unchanged mirror hashes the same wherever it lives.
 */
public final class ContentHash {
  private ContentHash() {}

  public static String of(List<Path> paths) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    for (Path root : paths) {
      try {
        if (Files.isDirectory(root)) {
          List<Path> files;
          try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
          }
          for (Path f : files) {
            digest.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            update(digest, f, buffer);
          }
        } else {
          update(digest, root, buffer);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + root, e);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, Path file, byte[] buffer) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
  }
}
