package org.patchwarden.app.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.patchwarden.formats.inventory.assetlist.AssetListEntry;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.Checksum64;

/**
 * A digest of an imported asset's raw input: its asset-list entry (context and products) and its
 * folder files, names, lengths and bytes, in the order given. Equal input, equal digest, without
 * parsing.
 *
 * <p>A {@link Checksum64}, not a cryptographic hash (its Javadoc argues why). A digest only decides
 * whether an asset's files are byte-identical to those its newest, matched revision was parsed from,
 * to skip parsing them.
 */
final class RawDigest {
  private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 16));

  private RawDigest() {}

  static String of(AssetListEntry entry, List<Path> files) {
    Checksum64 sums = new Checksum64();
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
}
