package org.patchwarden.formats.inventory.osrelease;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.BoundedLines;
import org.patchwarden.inventory.OsRelease;

/**
 * Reads {@code /etc/os-release} (or {@code /usr/lib/os-release}) as os-release(5) defines it.
 *
 * <p>The file is shell-compatible {@code KEY=value} lines: a value is unquoted, or in double quotes
 * where a backslash escapes {@code $ " \ `}, or in single quotes where nothing is escaped; {@code #}
 * starts a comment line. Concatenated quoted strings and multi-line values are not supported (the
 * specification forbids the first and real files never use the second) and are refused, as is
 * anything that is not an assignment. When a key is assigned twice the last value wins, as in the
 * shell.
 *
 * <p>{@code VERSION_CODENAME} is missing from older releases (Debian 8 writes only {@code VERSION="8
 * (jessie)"}); the codename is then the single word in parentheses at the end of {@code VERSION},
 * lower-cased. Several words there ({@code "9.4 (Seafoam Ocelot)"}) are a release name, not a
 * codename, and give none. {@code ID} defaults to {@code linux}, as the specification says. {@code
 * ID}, {@code ID_LIKE} and the codename are lower-cased (the specification asks for lower case) and
 * must then use only its identifier characters, since matching keys on them.
 */
public final class OsReleaseReader {
  /** Longest line accepted; real files stay under 200 characters a line. */
  public static final int MAX_LINE = 8192;
  /** Most lines accepted; real files have fewer than 30. */
  public static final int MAX_LINES = 1000;

  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** os-release(5): "0–9, a–z, '.', '_' and '-'" for ID, VERSION_ID and VERSION_CODENAME. */
  private static final Pattern ID = Pattern.compile("[a-z0-9._-]+");
  // NB: a few vendors write upper case in VERSION_ID (e.g. "12-SP3"-like builds), so its case is kept.
  private static final Pattern VERSION_ID = Pattern.compile("[A-Za-z0-9._~+-]+");
  private static final Pattern CODENAME_IN_VERSION = Pattern.compile(".*\\(\\s*([A-Za-z0-9._-]+)\\s*\\)\\s*");

  private final InputStream in;
  private final String source;

  /**
   * @param in the file's bytes; not closed by the reader
   * @param source names the input in error messages (a path)
   */
  public OsReleaseReader(InputStream in, String source) {
    this.in = Objects.requireNonNull(in, "in");
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * Reads the file.
   *
   * @throws FeedFormatException naming the line, for a line that is not an assignment, an
   *     unterminated quote, an ID that os-release(5) does not allow, a file without any assignment,
   *     a line longer than {@link #MAX_LINE} or more than {@link #MAX_LINES} lines
   * @throws java.io.UncheckedIOException when the input cannot be read
   */
  public OsRelease read() {
    BoundedLines lines = BoundedLines.lenient(in, source, MAX_LINE).open();
    Map<String, String> values = new HashMap<>();
    Map<String, Integer> lineOf = new HashMap<>();
    String line;
    while ((line = lines.next()) != null) {
      int number = lines.number();
      if (number > MAX_LINES) {
        throw new FeedFormatException(source, "line " + number, "more than " + MAX_LINES + " lines");
      }
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      int eq = text.indexOf('=');
      String key = eq < 0 ? text : text.substring(0, eq).strip();
      if (eq < 0 || !KEY.matcher(key).matches()) {
        throw new FeedFormatException(source, "line " + number,
            "'" + abbreviate(text) + "' is not a KEY=value assignment nor a # comment");
      }
      values.put(key, value(text.substring(eq + 1).strip(), number, key));
      lineOf.put(key, number);
    }
    if (values.isEmpty()) {
      throw new FeedFormatException(source, "line 1", "no KEY=value line (is this an os-release file?)");
    }
    // NB: os-release(5) asks for lower case; a vendor that writes "ID=Foo" still means foo.
    String id = values.getOrDefault("ID", "linux").toLowerCase(Locale.ROOT);
    check(id, ID, "ID", lineOf);
    String versionId = values.getOrDefault("VERSION_ID", "");
    if (!versionId.isEmpty()) {
      check(versionId, VERSION_ID, "VERSION_ID", lineOf);
    }
    String codename = values.getOrDefault("VERSION_CODENAME", "").toLowerCase(Locale.ROOT);
    if (!codename.isEmpty()) {
      check(codename, ID, "VERSION_CODENAME", lineOf);
    } else {
      Matcher m = CODENAME_IN_VERSION.matcher(values.getOrDefault("VERSION", ""));
      codename = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    }
    String idLike = String.join(" ", values.getOrDefault("ID_LIKE", "").strip().toLowerCase(Locale.ROOT).split("\\s+"));
    for (String like : idLike.isEmpty() ? new String[0] : idLike.split(" ")) {
      check(like, ID, "ID_LIKE", lineOf);
    }
    return new OsRelease(id, versionId, codename, idLike);
  }

  private void check(String value, Pattern pattern, String key, Map<String, Integer> lineOf) {
    if (!pattern.matcher(value).matches()) {
      throw new FeedFormatException(source, "line " + lineOf.get(key),
          key + " '" + abbreviate(value)
              + "' is not an os-release identifier (lower-case letters, digits, '.', '_', '-')");
    }
  }

  /** The value of one assignment, its quotes and escapes undone (os-release(5), shell rules). */
  String value(String raw, int number, String key) {
    StringBuilder out = new StringBuilder(raw.length());
    int i = 0;
    char quote = raw.isEmpty() ? 0 : raw.charAt(0);
    if (quote == '"' || quote == '\'') {
      i = 1;
      while (true) {
        if (i >= raw.length()) {
          throw new FeedFormatException(source, "line " + number,
              key + ": the " + (quote == '"' ? "double" : "single") + " quote is not closed on this line");
        }
        char c = raw.charAt(i++);
        if (c == quote) {
          break;
        }
        if (quote == '"' && c == '\\' && i < raw.length() && "$\"\\`".indexOf(raw.charAt(i)) >= 0) {
          out.append(raw.charAt(i++));
        } else {
          out.append(c); // NB: in double quotes the shell keeps any other backslash as it is
        }
      }
      String rest = raw.substring(i).strip();
      if (!rest.isEmpty() && !rest.startsWith("#")) {
        throw new FeedFormatException(source, "line " + number, key + ": '" + abbreviate(rest)
            + "' after the closing quote (os-release does not support concatenated strings)");
      }
      return out.toString();
    }
    for (; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        out.append(raw.charAt(++i));
      } else if (Character.isWhitespace(c) && raw.substring(i).strip().startsWith("#")) {
        break; // a shell comment after the value
      } else if (c == '"' || c == '\'' || c == '`' || c == '$') {
        throw new FeedFormatException(source, "line " + number,
            key + ": unescaped " + c + " inside an unquoted value; quote the value");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
