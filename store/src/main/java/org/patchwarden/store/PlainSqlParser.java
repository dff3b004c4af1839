package org.patchwarden.store;

import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Jdbi's {@code :name} parameter parsing, by a plain scan for statements made only of ASCII letters,
 * digits, blanks and operators, as nearly all of ours are: Jdbi's own parser ({@link
 * ColonPrefixSqlParser}) runs an ANTLR lexer one token per character, and its first statements in a
 * process took a sixth of a findings command's Java time. A statement with anything that lexer
 * treats specially (double quotes, comments, escapes, {@code ?}, {@code #}, non-ASCII text) goes to it,
 * so every statement parses to what Jdbi's parser gives; single-quoted text is kept as it is.
 */
final class PlainSqlParser implements SqlParser {
  /** Statements remembered; past this many (statements built from data), the memory starts over. */
  private static final int REMEMBERED = 2_000;
  private final ColonPrefixSqlParser jdbi = new ColonPrefixSqlParser();
  private final BoundedMemo<String, ParsedSql> parsed = new BoundedMemo<>(REMEMBERED);

  @Override
  public ParsedSql parse(String sql, StatementContext ctx) {
    ParsedSql p = parsed.get(sql, PlainSqlParser::plain);
    return p != null ? p : jdbi.parse(sql, ctx);
  }

  @Override
  public String nameParameter(String rawName, StatementContext ctx) {
    return jdbi.nameParameter(rawName, ctx);
  }

  /**
   * The statement parsed as the lexer of {@link ColonPrefixSqlParser} parses it (a {@code :} before
   * a name character starts a parameter that runs to the last name character, {@code ::} is text),
   * or null when it holds a character that lexer treats specially.
   */
  static ParsedSql plain(String sql) {
    ParsedSql.Builder out = ParsedSql.builder();
    int text = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : 0;
      if (c == '\'') {
        // quoted text ('OPEN'), parameters inside it text too; with an escape in it, the lexer's
        int close = sql.indexOf('\'', i + 1);
        if (close < 0 || !isPlainText(sql, i + 1, close)) {
          return null;
        }
        i = close + 1;
        continue;
      }
      if (c >= 0x80 || c == '"' || c == '\\' || c == '?' || c == '#'
          || c == '/' && (next == '*' || next == '/') || c == '-' && next == '-') {
        return null; // text, a comment (/* */, --, //), an escape or a positional parameter: the lexer's
      }
      if (c != ':') {
        i++;
      } else if (next == ':') {
        i += 2; // a cast (::text): text, not a parameter
      } else if (isNameChar(next)) {
        int end = i + 1;
        while (end < n && isNameChar(sql.charAt(end))) {
          end++;
        }
        out.append(sql.substring(text, i));
        out.appendNamedParameter(sql.substring(i + 1, end));
        text = end;
        i = end;
      } else {
        i++;
      }
    }
    out.append(sql.substring(text));
    return out.build();
  }

  /** Whether {@code sql} from {@code from} to {@code to} has no escape and no non-ASCII character. */
  private static boolean isPlainText(String sql, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = sql.charAt(i);
      if (c == '\\' || c >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** What the lexer's parameter names are made of (ASCII: the rest is left to it). */
  private static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '.';
  }
}
