package org.patchwarden.formats.inventory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test input: committed fixtures under {@code inventory/} and inline text. */
public final class Fixtures {
  private Fixtures() {}

  /** Reads a fixture under {@code src/test/resources/inventory/}. */
  public static CollectedPackages read(InventoryReader reader, String name) {
    try (InputStream in = stream(name)) {
      return reader.read(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads inline text as a file called {@code source}. */
  public static CollectedPackages readText(InventoryReader reader, String text, String source) {
    return reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), source);
  }

  /** The bytes of a fixture. */
  public static byte[] bytes(String name) {
    try (InputStream in = stream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of a fixture. */
  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  private static InputStream stream(String name) {
    InputStream in = Fixtures.class.getResourceAsStream("/inventory/" + name);
    if (in == null) {
      throw new IllegalArgumentException("no fixture inventory/" + name);
    }
    return in;
  }
}
