package org.patchwarden.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A package URL with its package's own name, version and architecture cut out, so that the
 * packages of a list share a handful of them ({@code pkg:deb/debian/}, name, {@code @}, version,
 * {@code ?arch=}, architecture): {@link PackageLists} stores a purl as a reference to one. A
 * template holds the literal pieces between the fields (no markers inside a string), so any purl
 * that it {@linkplain #matches matches} is rebuilt exactly, whatever characters it holds.
 *
 * <p>A package's fields are passed as an array indexed by kind ({@link #values}), filled once per
 * package and reused: no allocation per package.
 */
final class PurlTemplate {
  /** Field kinds, as stored: the package's name, its percent-encoded name, version, percent-encoded version, architecture. */
  static final int NAME = 0;
  static final int ESCAPED_NAME = 1;
  static final int VERSION = 2;
  static final int ESCAPED_VERSION = 3;
  static final int ARCHITECTURE = 4;
  /** The most fields a stored template may hold (this build cuts out at most three). */
  static final int MAX_FIELDS = 5;

  /** What {@link #of} cuts out, in order: a name, a version, an architecture, each escaped form first. */
  private static final byte[][] CHOICES = {{ESCAPED_NAME, NAME}, {ESCAPED_VERSION, VERSION}, {ARCHITECTURE}};
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.ISO_8859_1);
  private static final boolean[] UNRESERVED = new boolean[256];

  static {
    for (byte c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".getBytes(StandardCharsets.ISO_8859_1)) {
      UNRESERVED[c] = true;
    }
  }

  private final String[] pieces;
  private final byte[] fields;
  private final int hash;
  /** The pieces as bytes when all are ASCII (nearly always), else null: {@link #applyAscii}. */
  private final byte[][] asciiPieces;

  /**
   * @param pieces the literal text before each field and after the last one ({@code fields.length + 1})
   * @param fields the kind of each field ({@link #NAME} …)
   */
  PurlTemplate(String[] pieces, byte[] fields) {
    if (pieces.length != fields.length + 1) {
      throw new IllegalArgumentException(pieces.length + " pieces around " + fields.length + " fields");
    }
    this.pieces = pieces;
    this.fields = fields;
    this.hash = 31 * Arrays.hashCode(pieces) + Arrays.hashCode(fields);
    byte[][] ascii = new byte[pieces.length][];
    for (int i = 0; i < pieces.length && ascii != null; i++) {
      ascii[i] = pieces[i].getBytes(StandardCharsets.UTF_8);
      if (ascii[i].length != pieces[i].length()) {
        ascii = null;
      }
    }
    this.asciiPieces = ascii;
  }

  int fieldCount() {
    return fields.length;
  }

  String piece(int i) {
    return pieces[i];
  }

  int field(int i) {
    return fields[i];
  }

  /**
   * Fills a package's fields by kind into {@code values} (of length 5).
   *
   * @param escapedName {@code escape(name)}, which callers often know without computing it again
   * @param escapedVersion {@code escape(version)}
   */
  static void values(String[] values, String name, String escapedName, String version, String escapedVersion,
      String architecture) {
    values[NAME] = name;
    values[ESCAPED_NAME] = escapedName;
    values[VERSION] = version;
    values[ESCAPED_VERSION] = escapedVersion;
    values[ARCHITECTURE] = architecture;
  }

  /**
   * The template of a purl with the package's fields cut out, or null when none of them occurs in
   * it. Each field is looked for after the previous one, preferring an occurrence between
   * delimiters ({@code /:@?=&#}, start, end), so that {@code a} is found in {@code .../a@1} rather
   * than in {@code debian}.
   *
   * @param values the package's fields by kind ({@link #values})
   */
  static PurlTemplate of(String purl, String[] values) {
    String[] pieces = new String[CHOICES.length + 1];
    byte[] kinds = new byte[CHOICES.length];
    int n = 0;
    int at = 0;
    for (byte[] choice : CHOICES) {
      String tried = null;
      for (byte kind : choice) {
        String value = values[kind];
        if (value.equals(tried)) {
          continue; // nothing to escape: the plain form was just looked for
        }
        tried = value;
        int i = find(purl, value, at);
        if (i >= 0) {
          pieces[n] = purl.substring(at, i);
          kinds[n++] = kind;
          at = i + value.length();
          break;
        }
      }
    }
    if (n == 0) {
      return null;
    }
    pieces[n] = purl.substring(at);
    return new PurlTemplate(Arrays.copyOf(pieces, n + 1), Arrays.copyOf(kinds, n));
  }

  /**
   * Whether this template with a package's fields is exactly the purl.
   *
   * @param values the package's fields by kind ({@link #values})
   */
  boolean matches(String purl, String[] values) {
    int at = 0;
    for (int i = 0; i < fields.length; i++) {
      String piece = pieces[i];
      if (!purl.startsWith(piece, at)) {
        return false;
      }
      at += piece.length();
      String value = values[fields[i]];
      if (!purl.startsWith(value, at)) {
        return false;
      }
      at += value.length();
    }
    String last = pieces[fields.length];
    return purl.length() - at == last.length() && purl.startsWith(last, at);
  }

  /**
   * The purl of a package: the pieces with its fields between them.
   *
   * @param values the package's fields by kind ({@link #values})
   */
  String apply(String[] values) {
    int length = pieces[fields.length].length();
    for (int i = 0; i < fields.length; i++) {
      length += pieces[i].length() + values[fields[i]].length();
    }
    StringBuilder purl = new StringBuilder(length);
    for (int i = 0; i < fields.length; i++) {
      purl.append(pieces[i]).append(values[fields[i]]);
    }
    return purl.append(pieces[fields.length]).toString();
  }

  /**
   * The purl of a package from its fields' bytes, when they and the pieces are all ASCII (else
   * null): one copy into a reused buffer and one into the string, where {@link #apply} appends
   * seven strings to a builder and copies it. Decoding a Debian list spends half its time here.
   */
  String applyAscii(FieldBytes f) {
    if (asciiPieces == null) {
      return null;
    }
    int length = asciiPieces[fields.length].length;
    for (int i = 0; i < fields.length; i++) {
      int kind = fields[i];
      if (!f.ascii[kind]) {
        return null;
      }
      length += asciiPieces[i].length + f.lengths[kind];
    }
    if (f.buffer.length < length) {
      f.buffer = new byte[Math.max(length, 2 * f.buffer.length)];
    }
    byte[] out = f.buffer;
    int at = 0;
    for (int i = 0; i < fields.length; i++) {
      byte[] piece = asciiPieces[i];
      System.arraycopy(piece, 0, out, at, piece.length);
      at += piece.length;
      int kind = fields[i];
      System.arraycopy(f.bytes[kind], f.offsets[kind], out, at, f.lengths[kind]);
      at += f.lengths[kind];
    }
    byte[] piece = asciiPieces[fields.length];
    System.arraycopy(piece, 0, out, at, piece.length);
    return new String(out, 0, length, StandardCharsets.ISO_8859_1);
  }

  /** A package's fields by kind as ranges of UTF-8 bytes, filled per package and reused ({@link #applyAscii}). */
  static final class FieldBytes {
    final byte[][] bytes = new byte[MAX_FIELDS][];
    final int[] offsets = new int[MAX_FIELDS];
    final int[] lengths = new int[MAX_FIELDS];
    final boolean[] ascii = new boolean[MAX_FIELDS];
    byte[] buffer = new byte[256];

    void set(int kind, byte[] bytes, int offset, int length, boolean ascii) {
      this.bytes[kind] = bytes;
      offsets[kind] = offset;
      lengths[kind] = length;
      this.ascii[kind] = ascii;
    }
  }

  /**
   * The first occurrence of a non-empty value at or after {@code from} with a delimiter (or an end)
   * on both sides, else its first occurrence, else -1. An occurrence that would split a surrogate
   * pair is never taken: the pieces are stored as UTF-8, which cannot hold half of one.
   */
  static int find(String s, String value, int from) {
    if (value.isEmpty()) {
      return -1;
    }
    int first = -1;
    for (int i = s.indexOf(value, from); i >= 0; i = s.indexOf(value, i + 1)) {
      int end = i + value.length();
      if (splitsPair(s, i) || splitsPair(s, end)) {
        continue;
      }
      if ((i == 0 || delimiter(s.charAt(i - 1))) && (end == s.length() || delimiter(s.charAt(end)))) {
        return i;
      }
      if (first < 0) {
        first = i;
      }
    }
    return first;
  }

  private static boolean splitsPair(String s, int at) {
    return at > 0 && at < s.length() && Character.isHighSurrogate(s.charAt(at - 1))
        && Character.isLowSurrogate(s.charAt(at));
  }

  private static boolean delimiter(char c) {
    return c == '/' || c == ':' || c == '@' || c == '?' || c == '=' || c == '&' || c == '#';
  }

  /**
   * Percent-encodes every byte of its UTF-8 form but the unreserved characters ({@code A-Z a-z 0-9
   * - . _ ~}), as packageurl-java writes names and versions ({@code 1:2.3+b1} → {@code
   * 1%3A2.3%2Bb1}); the string itself when there is nothing to encode. Only compactness depends on
   * matching the collector's spelling: a purl spelled otherwise is stored with the plain field or
   * as text.
   */
  static String escape(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return escape(s, utf8, 0, utf8.length);
  }

  /**
   * {@link #escape(String)} from the string's UTF-8 bytes, which callers have at hand: scanning a
   * byte array costs less than scanning a string's characters without the optimizing compiler.
   */
  static String escape(String s, byte[] utf8, int offset, int length) {
    boolean[] unreserved = UNRESERVED;
    int end = offset + length;
    int i = offset;
    while (i < end && unreserved[utf8[i] & 0xFF]) {
      i++;
    }
    if (i == end) {
      return s;
    }
    int escapes = 0;
    for (int j = i; j < end; j++) {
      escapes += UNRESERVED[utf8[j] & 0xFF] ? 0 : 1;
    }
    byte[] out = new byte[length + 2 * escapes];
    System.arraycopy(utf8, offset, out, 0, i - offset);
    int o = i - offset;
    for (int j = i; j < end; j++) {
      int b = utf8[j] & 0xFF;
      if (UNRESERVED[b]) {
        out[o++] = (byte) b;
      } else {
        out[o++] = '%';
        out[o++] = HEX[b >> 4];
        out[o++] = HEX[b & 0xF];
      }
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof PurlTemplate t && hash == t.hash && Arrays.equals(fields, t.fields)
        && Arrays.equals(pieces, t.pieces);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(pieces[0]);
    for (int i = 0; i < fields.length; i++) {
      s.append('{').append(fields[i]).append('}').append(pieces[i + 1]);
    }
    return s.toString();
  }
}
