package org.patchwarden.formats.feed.kev;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;

/**
 * Reads CISA's KEV catalog CSV ({@code known_exploited_vulnerabilities.csv}) as a stream of
 * entries, one record in memory at a time.
 *
 * <p>Columns are found by their header name, so a reordered or extended file still reads. The CSV
 * carries no catalog version, so the header version is {@code ""} and the loader falls back to the
 * content hash; deriving one from the newest {@code dateAdded} would call two different catalogs of
 * the same day (CISA also edits entries without adding any) by the same name.
 */
public final class CisaKevCsvReader implements FeedSnapshot<KevEntry> {
  /** Longest record accepted; CISA's longest is under 2 kB. */
  public static final int MAX_RECORD_CHARS = 1 << 20;

  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}");
  private static final List<String> REQUIRED = List.of("cveID", "vendorProject", "product", "vulnerabilityName",
      "dateAdded", "shortDescription", "requiredAction", "dueDate");

  private final InputStream in;
  private final String source;

  /**
   * @param in the CSV bytes (UTF-8); not closed by the reader
   * @param source names the input in error messages (a path or URL)
   */
  public CisaKevCsvReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super KevEntry> sink) {
    // Malformed UTF-8 is a broken file, not text to repair silently.
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    BufferedReader text = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    CsvRecordReader records = new CsvRecordReader(text, source, MAX_RECORD_CHARS);
    try {
      refuseJson(text);
      read(records, sink);
    } catch (CharacterCodingException e) {
      throw new FeedFormatException(source, "line " + records.recordLine(), "not valid UTF-8", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    return new FeedHeader("", null);
  }

  /** The JSON catalog is the likelier mix-up; say so instead of failing on its first quote. */
  private void refuseJson(BufferedReader text) throws IOException {
    text.mark(1);
    int first = text.read();
    text.reset();
    if (first == '{' || first == '[') {
      throw new FeedFormatException(source, "line 1",
          "starts with '" + (char) first + "': a JSON document, not CISA's KEV CSV (the JSON catalog has its own reader)");
    }
  }

  private void read(CsvRecordReader records, Consumer<? super KevEntry> sink) throws IOException {
    List<String> header = records.next();
    if (header == null) {
      throw new FeedFormatException(source, "line 1", "empty file; expected the KEV CSV header");
    }
    if (!header.isEmpty() && header.getFirst().startsWith("\uFEFF")) {
      header.set(0, header.getFirst().substring(1)); // a byte-order mark some tools prepend
    }
    Map<String, Integer> column = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      if (column.putIfAbsent(header.get(i).strip(), i) != null) {
        throw new FeedFormatException(source, "line 1", "column '" + header.get(i) + "' appears twice");
      }
    }
    for (String name : REQUIRED) {
      if (!column.containsKey(name)) {
        throw new FeedFormatException(source, "line 1",
            "header lacks column '" + name + "'; is this CISA's KEV CSV? found: " + abbreviate(String.join(",", header)));
      }
    }
    List<String> fields;
    while ((fields = records.next()) != null) {
      if (fields.size() == 1 && fields.getFirst().isEmpty()) {
        continue; // a blank line, e.g. a second newline at the end of the file
      }
      sink.accept(entry(fields, header.size(), column, records.recordLine()));
    }
  }

  private KevEntry entry(List<String> f, int width, Map<String, Integer> column, int line) {
    int cveColumn = column.get("cveID");
    String cve = cveColumn < f.size() ? f.get(cveColumn) : "";
    String place = "line " + line + (CVE.matcher(cve).matches() ? " (" + cve + ")" : "");
    if (f.size() != width) {
      throw new FeedFormatException(source, place, f.size() + " fields where the header has " + width);
    }
    if (!CVE.matcher(cve).matches()) {
      throw new FeedFormatException(source, place, "cveID '" + abbreviate(cve) + "' is not a CVE identifier");
    }
    List<String> cwes = new ArrayList<>();
    Integer cweColumn = column.get("cwes");
    if (cweColumn != null) {
      // CISA writes the JSON array ["CWE-59","CWE-436"] as one field "CWE-59, CWE-436".
      for (String cwe : f.get(cweColumn).split(",")) {
        if (!cwe.isBlank()) {
          cwes.add(cwe.strip());
        }
      }
    }
    return new KevEntry(
        cve,
        required(f, column, "vendorProject", place),
        required(f, column, "product", place),
        required(f, column, "vulnerabilityName", place),
        date(required(f, column, "dateAdded", place), place + ".dateAdded"),
        required(f, column, "shortDescription", place),
        required(f, column, "requiredAction", place),
        date(required(f, column, "dueDate", place), place + ".dueDate"),
        optional(f, column, "knownRansomwareCampaignUse", "Unknown"),
        optional(f, column, "notes", ""),
        cwes);
  }

  private String required(List<String> f, Map<String, Integer> column, String name, String place) {
    String value = f.get(column.get(name));
    if (value.isEmpty()) {
      throw new FeedFormatException(source, place, "empty " + name);
    }
    return value;
  }

  // Same defaults as the JSON reader when the column is absent, so both forms give equal entries.
  private static String optional(List<String> f, Map<String, Integer> column, String name, String absent) {
    Integer i = column.get(name);
    return i == null ? absent : f.get(i);
  }

  private LocalDate date(String text, String place) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new FeedFormatException(source, place, "'" + abbreviate(text) + "' is not a yyyy-MM-dd date");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }
}
