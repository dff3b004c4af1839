package org.patchwarden.formats.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.BoundedLines;

/**
 * Settings read from files an asset's folder may hold beside its inventory, recognised by name:
 * <ul>
 *   <li>{@code sshd_config}: {@code sshd:<keyword in lower case>} = its arguments; as sshd does, the
 *       first value of a keyword wins, and the conditional blocks after the first {@code Match} are
 *       not read;</li>
 *   <li>{@code sysctl.conf}: {@code sysctl:<key with dots>} = value; the last value wins, a leading
 *       {@code -} (ignore errors) is dropped;</li>
 *   <li>{@code settings}: {@code KEY=VALUE} lines supplied with the inventory, keys as written.</li>
 * </ul>
 * Comments ({@code #}, and {@code ;} in sysctl.conf) and blank lines are skipped. Bounded: at most
 * {@value #MAX_BYTES} bytes, {@value #MAX_LINE} characters a line and {@value #MAX_KEYS} keys a
 * file. Errors are {@link FeedFormatException}s naming the file and the line.
 */
public final class SettingsFiles {
  public static final int MAX_BYTES = 1024 * 1024;
  public static final int MAX_LINE = 4096;
  public static final int MAX_KEYS = 10_000;

  /** The kinds of settings file, by file name. */
  public enum Kind {
    SSHD_CONFIG("sshd_config"),
    SYSCTL("sysctl.conf"),
    SETTINGS("settings");

    private final String fileName;

    Kind(String fileName) {
      this.fileName = fileName;
    }

    public String fileName() {
      return fileName;
    }
  }

  private SettingsFiles() {}

  /** The kind of settings file {@code file} is, by its name, or empty when it is none. */
  public static Optional<Kind> kind(Path file) {
    String name = file.getFileName().toString();
    for (Kind k : Kind.values()) {
      if (k.fileName.equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The settings of every settings file among {@code files}; other files are left alone. */
  public static SortedMap<String, String> read(List<Path> files) {
    TreeMap<String, String> out = new TreeMap<>();
    for (Path file : files) {
      Optional<Kind> kind = kind(file);
      if (kind.isEmpty()) {
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        out.putAll(read(kind.get(), in, file.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return out;
  }

  /** The settings of every settings file directly in {@code dir}; none when it does not exist. */
  public static SortedMap<String, String> readFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return new TreeMap<>();
    }
    return read(java.util.Arrays.stream(Kind.values()).map(k -> dir.resolve(k.fileName()))
        .filter(Files::isRegularFile).toList());
  }

  /**
   * Reads one settings file.
   *
   * @param source names the input in error messages
   */
  public static SortedMap<String, String> read(Kind kind, InputStream in, String source) {
    BoundedLines lines = BoundedLines.lenient(in, source, MAX_LINE).maxBytes(MAX_BYTES).open();
    TreeMap<String, String> out = new TreeMap<>();
    for (String raw = lines.next(); raw != null; raw = lines.next()) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || kind == Kind.SYSCTL && line.startsWith(";")) {
        continue;
      }
      String where = "line " + lines.number();
      String key;
      String value;
      switch (kind) {
        case SSHD_CONFIG -> {
          String[] parts = line.split("[\\s=]+", 2);
          String keyword = parts[0].toLowerCase(Locale.ROOT);
          if (keyword.equals("match")) {
            return out; // NB: what follows holds only for the connections the Match names
          }
          if (parts.length < 2 || parts[1].isBlank()) {
            throw new FeedFormatException(source, where, "keyword '" + parts[0] + "' has no argument");
          }
          key = "sshd:" + keyword;
          value = parts[1].strip().replaceAll("\\s+", " ");
          if (out.containsKey(key)) {
            continue; // sshd: the first value obtained wins
          }
        }
        case SYSCTL -> {
          int eq = line.indexOf('=');
          if (eq <= 0) {
            throw new FeedFormatException(source, where, "expected 'key = value'");
          }
          String k = line.substring(0, eq).strip();
          if (k.startsWith("-")) {
            k = k.substring(1).strip();
          }
          key = "sysctl:" + k.replace('/', '.');
          value = line.substring(eq + 1).strip();
        }
        default -> {
          int eq = line.indexOf('=');
          if (eq <= 0) {
            throw new FeedFormatException(source, where, "expected 'KEY=VALUE'");
          }
          key = line.substring(0, eq).strip();
          value = line.substring(eq + 1).strip();
        }
      }
      if (key.length() > 512 || key.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        throw new FeedFormatException(source, where, "key '" + org.patchwarden.feed.SafeText.escape(key)
            + "' must be at most 512 characters without white space");
      }
      out.put(key, value);
      if (out.size() > MAX_KEYS) {
        throw new FeedFormatException(source, where, "more than " + MAX_KEYS + " settings, the limit for a file");
      }
    }
    return out;
  }
}
