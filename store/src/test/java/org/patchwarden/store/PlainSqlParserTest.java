package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.junit.jupiter.api.Test;

/** The plain parser parses every statement to what Jdbi's own parser gives. */
class PlainSqlParserTest {
  /** Pieces statements are made of, the lexer's special characters among them. */
  private static final List<String> PIECES = List.of("SELECT", " ", "\n", "a", "Z", "_", "$", "0", "9", ".", ":",
      "::", ":name", ":a.b", ":x_1", ",", "(", ")", "=", "<", ">", "<>", "*", "/", "-", "+", "%", "|", "@", "!",
      "[", "]", "{", "}", "`", "~", "^", "&", ";", ":=", "?", "??", "?.", "#", "'", "''", "\"", "\\", "\\'", "/*",
      "*/", "--", "é", "\u00a0", "\t");

  @Test
  void randomStatementsParseAsJdbiParsesThem() {
    long seed = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    PlainSqlParser plain = new PlainSqlParser();
    int plainOnes = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sql = new StringBuilder();
      int pieces = random.nextInt(12);
      for (int j = 0; j < pieces; j++) {
        sql.append(PIECES.get(random.nextInt(PIECES.size())));
      }
      assertThat(outcome(plain, sql.toString())).as("seed %d: %s", seed, sql)
          .isEqualTo(outcome(new ColonPrefixSqlParser(), sql.toString()));
      if (PlainSqlParser.plain(sql.toString()) != null) {
        plainOnes++;
      }
    }
    assertThat(plainOnes).as("statements the plain scan parsed itself").isGreaterThan(1_000);
  }

  @Test
  void theStoresStatementsParseAsJdbiParsesThem() throws IOException {
    List<String> statements = new ArrayList<>();
    Pattern textBlock = Pattern.compile("\"\"\"\\n(.*?)\"\"\"", Pattern.DOTALL);
    Pattern literal = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*(?:SELECT|INSERT|UPDATE|DELETE)(?:[^\"\\\\\\n]|\\\\.)*)\"");
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String source = Files.readString(f);
        for (Pattern p : List.of(textBlock, literal)) {
          Matcher m = p.matcher(source);
          while (m.find()) {
            statements.add(m.group(1));
          }
        }
      }
    }
    assertThat(statements).hasSizeGreaterThan(100);
    PlainSqlParser plain = new PlainSqlParser();
    for (String sql : statements) {
      assertThat(outcome(plain, sql)).as(sql).isEqualTo(outcome(new ColonPrefixSqlParser(), sql));
    }
    assertThat(statements.stream().filter(s -> PlainSqlParser.plain(s) != null).count())
        .as("statements the plain scan parsed itself").isGreaterThan(statements.size() / 2);
  }

  @Test
  void parametersRunToTheLastNameCharacterAndCastsStayText() {
    ParsedSql p = PlainSqlParser.plain("SELECT x::text FROM t WHERE a = :a.b AND c IN (:c_1,:d) AND e := 1");

    assertThat(p.getSql()).isEqualTo("SELECT x::text FROM t WHERE a = ? AND c IN (?,?) AND e := 1");
    assertThat(p.getParameters().getParameterNames()).containsExactly("a.b", "c_1", "d");
  }

  /** The parse, or the kind of exception it fails with. */
  private static Object outcome(org.jdbi.v3.core.statement.SqlParser parser, String sql) {
    try {
      return parser.parse(sql, null);
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }
}
