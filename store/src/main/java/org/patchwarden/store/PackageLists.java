package org.patchwarden.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.patchwarden.inventory.InstalledPackage;

/**
 * An inventory revision's packages as one value ({@code inventory_packages.packages}, V19): a
 * 1,000-host import stored 276,000 rows of {@code installed_packages} one by one, and SQLite's
 * inserts of those rows were the largest part of its cost; one value per revision costs a few
 * hundred.
 *
 * <p>Layout: a format byte ({@value #FORMAT}), the package count, then per package its seven fields
 * (ecosystem, name, version, source name, source version, architecture, purl), each a length then
 * its UTF-8 bytes; counts and lengths are unsigned LEB128 varints. Packages are stored in the order
 * the table was read in (ecosystem, name, version, architecture), so that reads return them as before.
 */
final class PackageLists {
  /** The layout's version, the first byte of every value. */
  static final int FORMAT = 1;
  /** The order {@code installed_packages} was read in, which reads keep. */
  static final Comparator<InstalledPackage> ORDER = Comparator.comparing(InstalledPackage::ecosystem)
      .thenComparing(InstalledPackage::name).thenComparing(InstalledPackage::version)
      .thenComparing(InstalledPackage::architecture);

  private PackageLists() {}

  /** The packages in stored order ({@link #ORDER}, equal keys in their given order). */
  static List<InstalledPackage> ordered(List<InstalledPackage> packages) {
    InstalledPackage[] sorted = packages.toArray(InstalledPackage[]::new);
    Arrays.sort(sorted, ORDER); // stable
    return Arrays.asList(sorted);
  }

  /** Encodes packages already in stored order ({@link #ordered}). */
  static byte[] encode(List<InstalledPackage> packages) {
    Out out = new Out(64 + packages.size() * 96);
    out.write(FORMAT);
    out.varint(packages.size());
    for (InstalledPackage p : packages) {
      out.string(p.ecosystem());
      out.string(p.name());
      out.string(p.version());
      out.string(p.sourceName());
      out.string(p.sourceVersion());
      out.string(p.architecture());
      out.string(p.purl());
    }
    return out.toByteArray();
  }

  /**
   * Decodes a value.
   *
   * @param shared equal packages of several values share one instance through it (may be null)
   * @param where names the value in an error (asset and revision)
   * @throws IllegalStateException naming {@code where} when the value is not in this layout
   */
  static List<InstalledPackage> decode(byte[] value, Map<InstalledPackage, InstalledPackage> shared, String where) {
    In in = new In(value, where);
    int format = in.read();
    if (format != FORMAT) {
      throw new IllegalStateException("stored package list of " + where + ": format " + format
          + ", this build reads format " + FORMAT + " (a newer build wrote it?)");
    }
    int count = in.varint();
    if (count > value.length) {
      throw in.corrupt("count " + count + " exceeds its " + value.length + " bytes");
    }
    List<InstalledPackage> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      InstalledPackage p = new InstalledPackage(in.string(), in.string(), in.string(), in.string(), in.string(),
          in.string(), in.string());
      out.add(shared == null ? p : shared.computeIfAbsent(p, k -> k));
    }
    if (in.at != value.length) {
      throw in.corrupt((value.length - in.at) + " bytes after the last package");
    }
    return out;
  }

  /** How many packages a value holds, read from its head alone. */
  static int count(byte[] value, String where) {
    In in = new In(value, where);
    in.read();
    return in.varint();
  }

  /** A growable byte buffer, unsynchronized (ByteArrayOutputStream locks on every write). */
  private static final class Out {
    private byte[] bytes;
    private int size;

    Out(int capacity) {
      bytes = new byte[capacity];
    }

    void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    void varint(int v) {
      ensure(5);
      while ((v & ~0x7F) != 0) {
        bytes[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes[size++] = (byte) v;
    }

    void string(String s) {
      if (s.isEmpty()) {
        write(0);
        return;
      }
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
    }

    private void ensure(int n) {
      if (size + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }

  /** Reads a value, refusing one cut short. */
  private static final class In {
    private final byte[] bytes;
    private final String where;
    int at;

    In(byte[] bytes, String where) {
      this.bytes = bytes;
      this.where = where;
    }

    int read() {
      if (at >= bytes.length) {
        throw corrupt("cut short at byte " + at);
      }
      return bytes[at++] & 0xFF;
    }

    int varint() {
      int v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = read();
        v |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (v < 0) {
            break;
          }
          return v;
        }
      }
      throw corrupt("a length at byte " + at + " is out of range");
    }

    String string() {
      int n = varint();
      if (n == 0) {
        return "";
      }
      if (n > bytes.length - at) {
        throw corrupt("a field of " + n + " bytes at byte " + at + " runs past its end");
      }
      String s = new String(bytes, at, n, StandardCharsets.UTF_8);
      at += n;
      return s;
    }

    IllegalStateException corrupt(String reason) {
      return new IllegalStateException("stored package list of " + where + " is damaged: " + reason);
    }
  }
}
