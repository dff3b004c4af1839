package org.patchwarden.inventory;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A 64-bit checksum of length-prefixed fields: CRC-32C and CRC-32 of the same bytes, printed as
 * {@code crc64:} and 16 hex digits.
 *
 * <p>Not a cryptographic hash, on purpose: the JVM computes both CRCs with the CPU's instructions
 * even before its optimising compiler runs (the CLI runs without it), where SHA-256 cost about a
 * tenth of a fleet import's CPU time. It only decides whether an input equals one seen before; by
 * chance two different inputs agree about once in 2^64 (a change within 32 consecutive bits is
 * always caught), and on purpose it buys nothing: whoever writes an inventory can write whatever
 * packages they like into it, the old ones included, with the same effect.
 */
public final class Checksum64 {
  /** What every printed checksum starts with. */
  public static final String PREFIX = "crc64:";

  private final CRC32C crc32c = new CRC32C();
  private final CRC32 crc32 = new CRC32();
  private final byte[] lengthBytes = new byte[Long.BYTES];

  /** A length-prefixed field, so that no two different sequences of fields run together into the same bytes. */
  public Checksum64 field(byte[] bytes) {
    length(bytes.length);
    crc32c.update(bytes);
    crc32.update(bytes);
    return this;
  }

  /** A length, e.g. of the bytes that follow through {@link #update}. */
  public Checksum64 length(long n) {
    for (int i = 0; i < Long.BYTES; i++) {
      lengthBytes[i] = (byte) (n >>> (8 * i));
    }
    crc32c.update(lengthBytes);
    crc32.update(lengthBytes);
    return this;
  }

  /** The remaining bytes of {@code bytes}, which it consumes. */
  public Checksum64 update(ByteBuffer bytes) {
    int at = bytes.position();
    crc32c.update(bytes);
    bytes.position(at);
    crc32.update(bytes);
    return this;
  }

  /** The checksum of everything given so far. */
  public String hex() {
    HexFormat hex = HexFormat.of();
    return PREFIX + hex.toHexDigits((int) crc32c.getValue()) + hex.toHexDigits((int) crc32.getValue());
  }
}
