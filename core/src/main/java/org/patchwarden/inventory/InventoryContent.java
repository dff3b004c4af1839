package org.patchwarden.inventory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The content hash of an inventory: a {@link Checksum64} of its OS and packages in a canonical
 * order, so that recording the same inventory again is recognised whatever order the packages come
 * in.
 */
public final class InventoryContent {
  /** Every field, the coordinates first, without a comparator chain's calls per field. */
  private static final Comparator<InstalledPackage> CANONICAL = (a, b) -> {
    int c = InstalledPackage.compareCoordinates(a, b);
    if (c == 0) {
      c = a.sourceName().compareTo(b.sourceName());
    }
    if (c == 0) {
      c = a.sourceVersion().compareTo(b.sourceVersion());
    }
    return c != 0 ? c : a.purl().compareTo(b.purl());
  };

  private InventoryContent() {}

  /**
   * The hash, as {@code crc64:} and 16 hex digits.
   *
   * @param os the operating system, or null
   */
  public static String hash(OsRelease os, List<InstalledPackage> packages) {
    Fields fields = new Fields(packages.size() * 96 + 64);
    if (os == null || os.id().isEmpty()) {
      fields.add("no-os");
    } else {
      fields.add("os").add(os.id()).add(os.versionId()).add(os.codename()).add(os.idLike());
    }
    List<InstalledPackage> ordered = new ArrayList<>(packages);
    ordered.sort(CANONICAL);
    fields.add(Integer.toString(ordered.size()));
    for (InstalledPackage p : ordered) {
      fields.add(p.ecosystem()).add(p.name()).add(p.version()).add(p.sourceName()).add(p.sourceVersion())
          .add(p.architecture()).add(p.purl());
    }
    return new Checksum64().update(fields.bytes()).hex();
  }

  /**
   * Whether {@code stored} was made by this version of {@link #hash}: a store's older hashes (bare
   * SHA-256 hex, or none) are compared by hashing the stored packages again.
   */
  public static boolean isCurrent(String stored) {
    return stored.startsWith(Checksum64.PREFIX);
  }

  /**
   * Length-prefixed UTF-8 fields in one array, so that the checksum runs once over all of them
   * (a call per field cost more than the checksum itself).
   */
  private static final class Fields {
    private byte[] bytes;
    private int size;

    Fields(int capacity) {
      bytes = new byte[capacity];
    }

    Fields add(String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      ensure(utf8.length + 5);
      // the length as a base-128 varint: one byte for every field shorter than 128 bytes
      int n = utf8.length;
      while (n >= 0x80) {
        bytes[size++] = (byte) (n | 0x80);
        n >>>= 7;
      }
      bytes[size++] = (byte) n;
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
      return this;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    ByteBuffer bytes() {
      return ByteBuffer.wrap(bytes, 0, size);
    }
  }
}
