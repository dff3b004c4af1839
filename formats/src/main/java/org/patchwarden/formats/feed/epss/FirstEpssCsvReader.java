package org.patchwarden.formats.feed.epss;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.BoundedLines;
import org.patchwarden.formats.CappedInputStream;

/**
 * Reads FIRST's daily EPSS scores CSV ({@code epss_scores-YYYY-MM-DD.csv}, plain or gzip) line by
 * line: a {@code #model_version:…,score_date:…} comment, the header {@code cve,epss,percentile},
 * then one score per line.
 *
 * <p>Gzip is recognised by its magic bytes, not by the file name, because a download's name and
 * its {@code Content-Encoding} do not always agree. Decompressed bytes are capped, so that a small
 * hostile file cannot expand without bound.
 */
public final class FirstEpssCsvReader implements FeedSnapshot<EpssScore> {
  /** Default cap on decompressed bytes: the real daily file is about 10 MB uncompressed. */
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 1L << 30;
  /** Longest line accepted; a real line is about 30 characters. */
  public static final int MAX_LINE_CHARS = 1 << 20;

  private static final String HEADER = "cve,epss,percentile";
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}");
  // Plain decimals as FIRST writes them (0.00043, 1.0, sometimes 4.3e-05); no NaN, Infinity or hex.
  private static final Pattern NUMBER = Pattern.compile("\\d{1,20}(\\.\\d{1,20})?([eE][-+]?\\d{1,3})?");
  // FIRST writes +0000; ISO-8601 also allows +00:00 and Z.
  private static final DateTimeFormatter SCORE_DATE = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  private final InputStream in;
  private final String source;
  private final long maxDecompressedBytes;

  /**
   * @param in the CSV bytes, plain or gzip; not closed by the reader
   * @param source names the input in error messages (a path or URL)
   */
  public FirstEpssCsvReader(InputStream in, String source) {
    this(in, source, DEFAULT_MAX_DECOMPRESSED_BYTES);
  }

  /**
   * @param maxDecompressedBytes gzip input expanding past this many bytes is refused
   */
  public FirstEpssCsvReader(InputStream in, String source, long maxDecompressedBytes) {
    if (maxDecompressedBytes <= 0) {
      throw new IllegalArgumentException("maxDecompressedBytes must be positive: " + maxDecompressedBytes);
    }
    this.in = in;
    this.source = source;
    this.maxDecompressedBytes = maxDecompressedBytes;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super EpssScore> sink) {
    BoundedLines lines = null;
    try {
      InputStream text = decompressed(new BufferedInputStream(in, 1 << 16));
      lines = BoundedLines.over(text, source, MAX_LINE_CHARS)
          .dropByteOrderMark() // some tools prepend one
          .overlongReason("line longer than " + MAX_LINE_CHARS + " characters; not an EPSS CSV?")
          .open();
      return read(lines, sink);
    } catch (ZipException | EOFException e) {
      throw corruptGzip(lines, e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof ZipException || e.getCause() instanceof EOFException) {
        throw corruptGzip(lines, e.getCause());
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  /** Raised by the gzip decoder: a corrupt or cut-off download, not an I/O failure. */
  private FeedFormatException corruptGzip(BoundedLines lines, Throwable e) {
    return new FeedFormatException(source, place(lines), "corrupt or truncated gzip data: " + e.getMessage(), e);
  }

  private InputStream decompressed(BufferedInputStream raw) throws IOException {
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new CappedInputStream(new GZIPInputStream(raw, 1 << 16), maxDecompressedBytes,
          count -> new FeedFormatException(source, "decompressed byte " + count,
              "gzip data expands past the limit of " + maxDecompressedBytes + " bytes (a decompression bomb?)"));
    }
    return raw;
  }

  private FeedHeader read(BoundedLines lines, Consumer<? super EpssScore> sink) {
    String line = lines.next();
    if (line == null) {
      throw new FeedFormatException(source, "line 1", "empty file; expected FIRST's EPSS CSV");
    }
    FeedHeader header;
    if (line.startsWith("#")) {
      header = comment(line.substring(1), lines.number());
      line = lines.next();
    } else {
      // NB: FIRST's earliest files (2021) had no comment line; they still read, without a version.
      header = new FeedHeader("", null);
    }
    if (line == null || !line.strip().equals(HEADER)) {
      String found = line == null ? "end of file" : "'" + abbreviate(line) + "'";
      throw new FeedFormatException(source, "line " + (lines.number() + (line == null ? 1 : 0)),
          "expected the header '" + HEADER + "' of FIRST's EPSS scores CSV, found " + found
              + (line != null && line.startsWith("CVE,CVSS3,EPSS")
                  ? " (a KEV x EPSS x NVD join file, not FIRST's daily scores)" : ""));
    }
    while ((line = lines.next()) != null) {
      if (line.isEmpty()) {
        continue; // e.g. a second newline at the end of the file
      }
      sink.accept(score(line, lines.number()));
    }
    return header;
  }

  private FeedHeader comment(String text, int lineNumber) {
    String model = null;
    String date = null;
    for (String part : text.split(",")) {
      int colon = part.indexOf(':');
      if (colon < 0) {
        continue; // FIRST may add other annotations; only the two below are needed
      }
      String key = part.substring(0, colon).strip();
      String value = part.substring(colon + 1).strip();
      switch (key) {
        case "model_version" -> model = value;
        case "score_date" -> date = value;
        default -> { }
      }
    }
    String place = "line " + lineNumber;
    if (model == null || model.isEmpty()) {
      throw new FeedFormatException(source, place, "comment line lacks model_version: '#" + abbreviate(text) + "'");
    }
    if (date == null || date.isEmpty()) {
      throw new FeedFormatException(source, place, "comment line lacks score_date: '#" + abbreviate(text) + "'");
    }
    Instant scoreDate = scoreDate(date, place);
    LocalDate day = LocalDate.ofInstant(scoreDate, ZoneOffset.UTC);
    return new FeedHeader(model + "@" + day, scoreDate);
  }

  private Instant scoreDate(String text, String place) {
    try {
      var parsed = SCORE_DATE.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      return switch (parsed) {
        case OffsetDateTime odt -> odt.toInstant();
        // NB: a score date without offset is read as UTC, the zone FIRST publishes in.
        case LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
        case LocalDate d -> d.atStartOfDay(ZoneOffset.UTC).toInstant();
        default -> throw new DateTimeParseException("unexpected", text, 0);
      };
    } catch (DateTimeParseException e) {
      throw new FeedFormatException(source, place, "score_date '" + abbreviate(text) + "' is not an ISO-8601 date-time");
    }
  }

  private EpssScore score(String line, int number) {
    String[] f = line.split(",", -1);
    String place = "line " + number;
    if (f.length != 3) {
      throw new FeedFormatException(source, place, f.length + " fields where 3 (cve,epss,percentile) are expected");
    }
    String cve = f[0].strip();
    if (!CVE.matcher(cve).matches()) {
      throw new FeedFormatException(source, place, "'" + abbreviate(cve) + "' is not a CVE identifier");
    }
    place = place + " (" + cve + ")";
    return new EpssScore(cve, probability(f[1], place, "epss"), probability(f[2], place, "percentile"));
  }

  private double probability(String text, String place, String column) {
    String s = text.strip();
    if (!NUMBER.matcher(s).matches()) {
      throw new FeedFormatException(source, place, column + " '" + abbreviate(s) + "' is not a decimal number");
    }
    double v = Double.parseDouble(s);
    if (v > 1) {
      throw new FeedFormatException(source, place, column + " " + s + " is outside 0..1");
    }
    return v;
  }

  private static String place(BoundedLines lines) {
    return lines == null ? "start" : "line " + Math.max(1, lines.number());
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }
}
