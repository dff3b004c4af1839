package org.patchwarden.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patchwarden.inventory.InstalledPackage;

/**
 * An inventory revision's packages as one value ({@code inventory_packages.packages}, V19): a
 * 1,000-host import stored 276,000 rows of {@code installed_packages} one by one, and SQLite's
 * inserts of those rows were the largest part of its cost; one value per revision costs a few
 * hundred.
 *
 * <p>Layout: a format byte, the package count, then per package its seven fields (ecosystem, name,
 * version, source name, source version, architecture, purl); counts and lengths are unsigned
 * LEB128 varints, strings UTF-8. Packages are stored in the order the table was read in
 * (ecosystem, name, version, architecture), so that reads return them as before.
 *
 * <ul>
 *   <li>Format 1 (read only): each field a length then its bytes, ~97 bytes per Debian package, 70 %
 *       of them the purl, which repeats the name, version and architecture.
 *   <li>Format {@value #FORMAT} (written): the same order and fields, but repeated strings are
 *       written once. Ecosystem, version, source name, source version and architecture are each a
 *       varint {@code c}: 0 the empty string; odd a new string of {@code c >>> 1} bytes, which
 *       becomes the value's next dictionary entry; even the entry {@code (c >>> 1) - 1}. The name
 *       is a length then its bytes. The purl is a varint: 0 empty; 1 a length then its bytes; 2 a
 *       new {@link PurlTemplate} (its field count, then its first piece and each field's kind byte
 *       and following piece), which becomes the next template and is applied to this package;
 *       {@code 3 + i} template {@code i} applied to this package. A Debian package takes ~30 bytes,
 *       and encoding costs hash look-ups rather than the copying of twice the bytes (deflate made
 *       the value 3.75 times smaller but cost 0.74 ms per host on the writing thread).
 * </ul>
 */
final class PackageLists {
  /** The layout's version that writes use, the first byte of every value they write. */
  static final int FORMAT = 2;
  /** The first layout, which stores written before format 2 hold. */
  static final int FORMAT_1 = 1;
  /** The order {@code installed_packages} was read in, which reads keep. */
  static final Comparator<InstalledPackage> ORDER = InstalledPackage::compareCoordinates;

  private static final int PURL_EMPTY = 0;
  private static final int PURL_TEXT = 1;
  private static final int PURL_NEW_TEMPLATE = 2;
  private static final int PURL_TEMPLATE = 3;

  private PackageLists() {}

  /**
   * The packages in stored order ({@link #ORDER}, equal keys in their given order): the list itself
   * when it is in that order already, as a dpkg database lists its packages.
   */
  static List<InstalledPackage> ordered(List<InstalledPackage> packages) {
    boolean sortedAlready = true;
    for (int i = 1; i < packages.size() && sortedAlready; i++) {
      sortedAlready = InstalledPackage.compareCoordinates(packages.get(i - 1), packages.get(i)) <= 0;
    }
    if (sortedAlready) {
      return packages;
    }
    InstalledPackage[] sorted = packages.toArray(InstalledPackage[]::new);
    Arrays.sort(sorted, ORDER); // stable
    return Arrays.asList(sorted);
  }

  /** Encodes packages already in stored order ({@link #ordered}), in format {@value #FORMAT}. */
  static byte[] encode(List<InstalledPackage> packages) {
    Out out = new Out(64 + packages.size() * 32);
    out.write(FORMAT);
    out.varint(packages.size());
    Map<String, Entry> strings = HashMap.newHashMap(packages.size());
    Map<PurlTemplate, Integer> templates = new HashMap<>();
    String[] values = new String[5];
    Entry ecosystem = null;
    Entry architecture = null;
    PurlTemplate last = null;
    int lastIndex = -1;
    for (InstalledPackage p : packages) {
      // the ecosystem and architecture are nearly always the ones before: no look-up then
      ecosystem = ecosystem != null && ecosystem.string.equals(p.ecosystem()) ? out.ref(ecosystem)
          : out.entry(p.ecosystem(), strings);
      String escapedName = out.name(p.name());
      Entry version = out.entry(p.version(), strings);
      out.entry(p.sourceName(), strings);
      out.entry(p.sourceVersion(), strings);
      architecture = architecture != null && architecture.string.equals(p.architecture()) ? out.ref(architecture)
          : out.entry(p.architecture(), strings);
      String purl = p.purl();
      if (purl.isEmpty()) {
        out.write(PURL_EMPTY);
        continue;
      }
      PurlTemplate.values(values, p.name(), escapedName, p.version(), version == null ? "" : version.escaped(),
          p.architecture());
      // most packages of a list share the template of the one before
      if (last != null && last.matches(purl, values)) {
        out.varint(PURL_TEMPLATE + lastIndex);
        continue;
      }
      PurlTemplate template = PurlTemplate.of(purl, values);
      if (template == null) {
        out.write(PURL_TEXT);
        out.string(purl);
        continue;
      }
      Integer index = templates.putIfAbsent(template, templates.size());
      if (index == null) {
        out.write(PURL_NEW_TEMPLATE);
        out.template(template);
        index = templates.size() - 1;
      } else {
        out.varint(PURL_TEMPLATE + index);
      }
      last = template;
      lastIndex = index;
    }
    return out.toByteArray();
  }

  /**
   * Decodes a value of either format.
   *
   * @param shared equal packages of several values share one instance through it (may be null)
   * @param where names the value in an error (asset and revision)
   * @throws IllegalStateException naming {@code where} when the value is not in either layout
   */
  static List<InstalledPackage> decode(byte[] value, Map<InstalledPackage, InstalledPackage> shared, String where) {
    In in = new In(value, where);
    int format = in.read();
    if (format != FORMAT && format != FORMAT_1) {
      throw new IllegalStateException("stored package list of " + where + ": format " + format
          + ", this build reads formats " + FORMAT_1 + " and " + FORMAT + " (a newer build wrote it?)");
    }
    int count = in.varint();
    if (count > value.length) {
      throw in.corrupt("count " + count + " exceeds its " + value.length + " bytes");
    }
    List<InstalledPackage> out = new ArrayList<>(count);
    if (format == FORMAT_1) {
      for (int i = 0; i < count; i++) {
        InstalledPackage p = new InstalledPackage(in.string(), in.string(), in.string(), in.string(), in.string(),
            in.string(), in.string());
        out.add(shared == null ? p : shared.computeIfAbsent(p, k -> k));
      }
    } else {
      Strings strings = new Strings(value);
      List<PurlTemplate> templates = new ArrayList<>();
      String[] values = new String[5];
      PurlTemplate.FieldBytes bytes = new PurlTemplate.FieldBytes();
      for (int i = 0; i < count; i++) {
        String ecosystem = strings.get(in.entry(strings));
        int nameLength = in.varint();
        int nameAt = in.at;
        String name = in.text(nameLength);
        int version = in.entry(strings);
        String sourceName = strings.get(in.entry(strings));
        String sourceVersion = strings.get(in.entry(strings));
        int architectureIndex = in.entry(strings);
        String architecture = strings.get(architectureIndex);
        int at = in.at;
        int kind = in.varint();
        String purl;
        if (kind == PURL_EMPTY) {
          purl = "";
        } else if (kind == PURL_TEXT) {
          purl = in.string();
        } else {
          PurlTemplate template;
          if (kind == PURL_NEW_TEMPLATE) {
            template = in.template();
            templates.add(template);
          } else if (kind - PURL_TEMPLATE < templates.size()) {
            template = templates.get(kind - PURL_TEMPLATE);
          } else {
            throw in.corrupt("the purl at byte " + at + " refers to template " + (kind - PURL_TEMPLATE) + " of "
                + templates.size());
          }
          String escapedName = PurlTemplate.escape(name, value, nameAt, nameLength);
          bytes.set(PurlTemplate.NAME, value, nameAt, nameLength, name.length() == nameLength);
          if (escapedName == name) {
            bytes.set(PurlTemplate.ESCAPED_NAME, value, nameAt, nameLength, name.length() == nameLength);
          } else {
            byte[] e = escapedName.getBytes(StandardCharsets.ISO_8859_1);
            bytes.set(PurlTemplate.ESCAPED_NAME, e, 0, e.length, true);
          }
          strings.bytes(version, PurlTemplate.VERSION, PurlTemplate.ESCAPED_VERSION, bytes);
          strings.bytes(architectureIndex, PurlTemplate.ARCHITECTURE, -1, bytes);
          purl = template.applyAscii(bytes);
          if (purl == null) {
            PurlTemplate.values(values, name, escapedName, strings.get(version), strings.escaped(version),
                architecture);
            purl = template.apply(values);
          }
        }
        InstalledPackage p = new InstalledPackage(ecosystem, name, strings.get(version), sourceName, sourceVersion,
            architecture, purl);
        out.add(shared == null ? p : shared.computeIfAbsent(p, k -> k));
      }
    }
    if (in.at != value.length) {
      throw in.corrupt((value.length - in.at) + " bytes after the last package");
    }
    return out;
  }

  /** How many packages a value of either format holds, read from its head alone. */
  static int count(byte[] value, String where) {
    In in = new In(value, where);
    in.read();
    return in.varint();
  }

  /** A string of an encoded value's dictionary: how to refer to it, and its percent-encoded form when needed. */
  private static final class Entry {
    final String string;
    final int ref;
    private final byte[] utf8;
    private String escaped;

    Entry(String string, int ref, byte[] utf8) {
      this.string = string;
      this.ref = ref;
      this.utf8 = utf8;
    }

    String escaped() {
      if (escaped == null) {
        escaped = PurlTemplate.escape(string, utf8, 0, utf8.length);
      }
      return escaped;
    }
  }

  /**
   * The dictionary of a value being decoded: its strings, and where their bytes are, from which
   * their percent-encoded forms are made when a purl needs them.
   */
  private static final class Strings {
    private final byte[] value;
    private String[] strings = new String[64];
    private int[] offsets = new int[64];
    private int[] lengths = new int[64];
    private String[] escaped = new String[64];
    private byte[][] escapedBytes = new byte[64][];
    private int size;

    Strings(byte[] value) {
      this.value = value;
    }

    void add(String s, int offset, int length) {
      if (size == strings.length) {
        strings = Arrays.copyOf(strings, size * 2);
        offsets = Arrays.copyOf(offsets, size * 2);
        lengths = Arrays.copyOf(lengths, size * 2);
        escaped = Arrays.copyOf(escaped, size * 2);
        escapedBytes = Arrays.copyOf(escapedBytes, size * 2);
      }
      strings[size] = s;
      offsets[size] = offset;
      lengths[size++] = length;
    }

    int size() {
      return size;
    }

    /** The string at an index, or the empty string for -1. */
    String get(int index) {
      return index < 0 ? "" : strings[index];
    }

    /**
     * Sets the bytes of the string at an index (-1: the empty string) as a purl field of a kind, and
     * those of its percent-encoded form as another kind (unless -1).
     */
    void bytes(int index, int kind, int escapedKind, PurlTemplate.FieldBytes out) {
      if (index < 0) {
        out.set(kind, value, 0, 0, true);
        if (escapedKind >= 0) {
          out.set(escapedKind, value, 0, 0, true);
        }
        return;
      }
      boolean ascii = strings[index].length() == lengths[index];
      out.set(kind, value, offsets[index], lengths[index], ascii);
      if (escapedKind >= 0) {
        String e = escaped(index);
        if (e == strings[index]) {
          out.set(escapedKind, value, offsets[index], lengths[index], ascii);
        } else {
          byte[] b = escapedBytes[index];
          if (b == null) {
            b = e.getBytes(StandardCharsets.ISO_8859_1);
            escapedBytes[index] = b;
          }
          out.set(escapedKind, b, 0, b.length, true);
        }
      }
    }

    /** The percent-encoded form of the string at an index ({@link PurlTemplate#escape}). */
    String escaped(int index) {
      if (index < 0) {
        return "";
      }
      String e = escaped[index];
      if (e == null) {
        e = PurlTemplate.escape(strings[index], value, offsets[index], lengths[index]);
        escaped[index] = e;
      }
      return e;
    }
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
      raw(utf8);
    }

    /**
     * A string of the value's dictionary: a reference when written before, else its bytes, entered.
     *
     * @return its entry, or null for the empty string
     */
    Entry entry(String s, Map<String, Entry> strings) {
      if (s.isEmpty()) {
        write(0);
        return null;
      }
      Entry e = strings.get(s);
      if (e != null) {
        return ref(e);
      }
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length << 1 | 1);
      raw(utf8);
      e = new Entry(s, (strings.size() + 1) << 1, utf8);
      strings.put(s, e);
      return e;
    }

    /** A reference to an entry of the value's dictionary. */
    Entry ref(Entry e) {
      if (e == null) {
        write(0);
      } else {
        varint(e.ref);
      }
      return e;
    }

    /** A name, as a plain string; returns its percent-encoded form, made from the bytes written. */
    String name(String s) {
      if (s.isEmpty()) {
        write(0);
        return s;
      }
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length);
      raw(utf8);
      return PurlTemplate.escape(s, utf8, 0, utf8.length);
    }

    void template(PurlTemplate t) {
      varint(t.fieldCount());
      string(t.piece(0));
      for (int i = 0; i < t.fieldCount(); i++) {
        write(t.field(i));
        string(t.piece(i + 1));
      }
    }

    private void raw(byte[] utf8) {
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
      return text(varint());
    }

    String text(int n) {
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

    /** A string of the value's dictionary ({@link Out#entry}): its index, or -1 for the empty string. */
    int entry(Strings strings) {
      int at = this.at;
      int code = varint();
      if (code == 0) {
        return -1;
      }
      if ((code & 1) == 1) {
        int length = code >>> 1;
        int offset = this.at;
        strings.add(text(length), offset, length);
        return strings.size() - 1;
      }
      int index = (code >>> 1) - 1;
      if (index >= strings.size()) {
        throw corrupt("the field at byte " + at + " refers to string " + index + " of " + strings.size());
      }
      return index;
    }

    PurlTemplate template() {
      int at = this.at;
      int fields = varint();
      if (fields > PurlTemplate.MAX_FIELDS) {
        throw corrupt("the purl template at byte " + at + " has " + fields + " fields");
      }
      String[] pieces = new String[fields + 1];
      byte[] kinds = new byte[fields];
      pieces[0] = string();
      for (int i = 0; i < fields; i++) {
        int kind = read();
        if (kind > PurlTemplate.ARCHITECTURE) {
          throw corrupt("the purl template at byte " + at + " has a field of unknown kind " + kind);
        }
        kinds[i] = (byte) kind;
        pieces[i + 1] = string();
      }
      return new PurlTemplate(pieces, kinds);
    }

    IllegalStateException corrupt(String reason) {
      return new IllegalStateException("stored package list of " + where + " is damaged: " + reason);
    }
  }
}
