package org.patchwarden.app.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.patchwarden.formats.inventory.assetlist.AssetListEntry;
import org.patchwarden.inventory.Asset;

/**
 * SHA-256 of an imported asset's raw input: its asset-list entry (context and products) and its
 * folder files, names and bytes, in the order given. Equal input, equal digest, without parsing.
 */
final class RawDigest {
  private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 16));

  private RawDigest() {}

  static String of(AssetListEntry entry, List<Path> files) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
    // the entry's context and products as text: a change of either, or of how a build prints them,
    // gives another digest, which only costs a parse. Tags are sorted: a Set's order differs by run.
    Asset a = entry.asset();
    for (Object f : new Object[] {a.name(), a.kind(), a.environment(), a.ownerTeam(), a.criticality(),
        a.internetFacing(), new TreeSet<>(a.tags()), entry.products()}) {
      field(sha, String.valueOf(f).getBytes(StandardCharsets.UTF_8));
    }
    ByteBuffer buffer = BUFFER.get();
    for (Path file : files) {
      field(sha, file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      try (FileChannel in = FileChannel.open(file)) {
        long size = in.size();
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(0, size));
        long read = 0;
        while (true) {
          buffer.clear();
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          read += n;
          buffer.flip();
          sha.update(buffer);
        }
        if (read != size) {
          throw new IOException("changed while read (" + size + " bytes, then " + read + ")");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** A length-prefixed field, so that no two different inputs run together into the same bytes. */
  private static void field(MessageDigest sha, byte[] bytes) {
    sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(0, bytes.length));
    sha.update(bytes);
  }
}
