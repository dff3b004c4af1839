package org.patchwarden.app.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.patchwarden.formats.inventory.assetlist.AssetListEntry;
import org.patchwarden.inventory.Asset;

/**
 * A digest of an imported asset's raw input: its asset-list entry (context and products) and its
 * folder files, names, lengths and bytes, in the order given. Equal input, equal digest, without
 * parsing.
 *
 * <p>Not a cryptographic hash, on purpose: CRC-32C and CRC-32 of the same length-prefixed fields,
 * 64 bits, which the JVM computes with the CPU's instructions even before its optimising compiler
 * runs (imports run without it), where SHA-256 cost about a tenth of a fleet import's CPU time. A
 * digest only decides whether an asset's files are byte-identical to those its newest, matched
 * revision was parsed from, to skip parsing them; a collision would report a changed inventory as
 * unchanged. By chance that takes a change both checks miss: about 1 in 2^64 per changed input
 * (a change within 32 consecutive bits is always caught); at 10,000 assets imported daily for a
 * century, about 1 in 50 billion that it ever happens. On purpose it buys nothing: whoever can write an asset's files can write whatever packages they
 * like into them, the old ones included, with the same effect.
 */
final class RawDigest {
  private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 16));

  private RawDigest() {}

  static String of(AssetListEntry entry, List<Path> files) {
    Checks sums = new Checks();
    // the entry's context and products as text: a change of either, or of how a build prints them,
    // gives another digest, which only costs a parse. Tags are sorted: a Set's order differs by run.
    Asset a = entry.asset();
    for (Object f : new Object[] {a.name(), a.kind(), a.environment(), a.ownerTeam(), a.criticality(),
        a.internetFacing(), new TreeSet<>(a.tags()), entry.products()}) {
      sums.field(String.valueOf(f).getBytes(StandardCharsets.UTF_8));
    }
    ByteBuffer buffer = BUFFER.get();
    for (Path file : files) {
      sums.field(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      try (FileChannel in = FileChannel.open(file)) {
        long size = in.size();
        sums.length(size);
        long read = 0;
        while (true) {
          buffer.clear();
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          read += n;
          buffer.flip();
          sums.update(buffer);
        }
        if (read != size) {
          throw new IOException("changed while read (" + size + " bytes, then " + read + ")");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return sums.hex();
  }

  /** The two checks over the same bytes. */
  private static final class Checks {
    private final CRC32C crc32c = new CRC32C();
    private final CRC32 crc32 = new CRC32();
    private final byte[] lengthBytes = new byte[Long.BYTES];

    /** A length-prefixed field, so that no two different inputs run together into the same bytes. */
    void field(byte[] bytes) {
      length(bytes.length);
      crc32c.update(bytes);
      crc32.update(bytes);
    }

    void length(long n) {
      for (int i = 0; i < Long.BYTES; i++) {
        lengthBytes[i] = (byte) (n >>> (8 * i));
      }
      crc32c.update(lengthBytes);
      crc32.update(lengthBytes);
    }

    void update(ByteBuffer bytes) {
      int at = bytes.position();
      crc32c.update(bytes);
      bytes.position(at);
      crc32.update(bytes);
    }

    String hex() {
      return "crc64:" + HexFormat.of().toHexDigits((int) crc32c.getValue()) + HexFormat.of().toHexDigits((int) crc32.getValue());
    }
  }
}
