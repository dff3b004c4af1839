package org.patchwarden.formats.feed.debian;

import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.BoundedLines;
import org.patchwarden.version.OsvEvent;

/**
 * Reads the security tracker's advisory list ({@code data/DSA/list} or {@code data/DLA/list}), line
 * by line, one advisory in memory at a time.
 *
 * <p>The format, as the tracker's own parser ({@code lib/python/bugs.py}, {@code DSAFile}) reads it:
 *
 * <pre>
 * [31 Dec 2022] DSA-5310-1 ruby-image-processing - security update
 * 	{CVE-2022-24720}
 * 	[bullseye] - ruby-image-processing 1.10.3-1+deb11u1
 * 	[lenny] - vlc &lt;not-affected&gt; (Vulnerable code not present)
 * 	NOTE: free text
 * </pre>
 *
 * The indentation is a tab or spaces (older entries mix both). Each {@code [release]} line becomes
 * one affected package, {@code Debian:<number>}, fixed in that version or with the special status.
 */
public final class DebianSecurityListReader implements FeedSnapshot<AdvisoryRecord> {
  /** Longest line accepted; the longest real one (a CVE list) is about 2,000 characters. */
  public static final int MAX_LINE = 64 * 1024;
  /** Most lines one advisory may have; real entries have at most a few dozen. */
  static final int MAX_LINES_PER_ADVISORY = 10_000;

  private static final Pattern HEADER =
      Pattern.compile("\\[(\\d{1,2}) ([A-Za-z]{3}) (\\d{4})\\]\\s+(\\S+)(?:\\s+(.*?))?\\s*");
  private static final Pattern RELEASE =
      Pattern.compile("\\[([a-z][a-z0-9-]*)\\]\\s+-\\s+([A-Za-z0-9][A-Za-z0-9:.+-]*)\\s+(.+)");
  /** {@code <special>} or a Debian version, then an optional parenthesised note. */
  private static final Pattern STATE =
      Pattern.compile("(?:<([a-z-]+)>|([A-Za-z0-9:.+~-]+))(?:\\s+\\((.*)\\))?");
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  /** The other cross references the tracker allows in braces; no alias of a CVE, so not kept. */
  private static final Pattern OTHER_XREF =
      Pattern.compile("VU#\\d{6}|DSA-\\d+(?:-\\d+)?|DTSA-\\d+-\\d+|DLA-\\d+-\\d+");
  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("Jan", 1), Map.entry("Feb", 2), Map.entry("Mar", 3), Map.entry("Apr", 4),
      Map.entry("May", 5), Map.entry("Jun", 6), Map.entry("Jul", 7), Map.entry("Aug", 8),
      Map.entry("Sep", 9), Map.entry("Oct", 10), Map.entry("Nov", 11), Map.entry("Dec", 12));
  private static final Map<String, AffectedStatus> SPECIAL = Map.of(
      "not-affected", AffectedStatus.NOT_AFFECTED,
      "unfixed", AffectedStatus.UNFIXED,
      "end-of-life", AffectedStatus.END_OF_LIFE,
      "no-dsa", AffectedStatus.NO_DSA,
      "postponed", AffectedStatus.POSTPONED,
      "ignored", AffectedStatus.IGNORED,
      // affected, the tracker has not yet determined how
      "undetermined", AffectedStatus.AFFECTED);

  private final InputStream in;
  private final String source;
  private final String feed;
  private final String prefix;

  /**
   * @param in the list's bytes; not closed by the reader
   * @param source names the input in error messages (a path or URL)
   * @param feed {@code debian-dsa} (ids {@code DSA-…}) or {@code debian-dla} (ids {@code DLA-…})
   */
  public DebianSecurityListReader(InputStream in, String source, String feed) {
    this.prefix = switch (feed) {
      case "debian-dsa" -> "DSA";
      case "debian-dla" -> "DLA";
      default -> throw new IllegalArgumentException("feed must be debian-dsa or debian-dla, got " + feed);
    };
    this.in = in;
    this.source = source;
    this.feed = feed;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super AdvisoryRecord> sink) {
    BoundedLines lines = BoundedLines.of(in, source, MAX_LINE);
    Pending current = null;
    LocalDate newest = null;
    String line;
    while ((line = lines.next()) != null) {
      String place = "line " + lines.number();
      if (line.isBlank()) {
        continue; // the tracker's parser skips empty lines too
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        if (current != null) {
          sink.accept(current.toRecord());
        }
        current = header(line, place);
        if (newest == null || current.date.isAfter(newest)) {
          newest = current.date; // the list is newest first, but not strictly: dates are typed by hand
        }
        continue;
      }
      String body = line.strip();
      if (current == null) {
        throw new FeedFormatException(source, place, "'" + abbreviate(body) + "' before any advisory header");
      }
      if (++current.lines > MAX_LINES_PER_ADVISORY) {
        throw new FeedFormatException(source, place,
            current.id + " has more than " + MAX_LINES_PER_ADVISORY + " lines");
      }
      if (body.startsWith("{")) {
        references(body, place, current);
      } else if (body.startsWith("[")) {
        current.affected.add(release(body, place));
      } else if (!body.startsWith("NOTE:")) {
        throw new FeedFormatException(source, place,
            "unexpected line '" + abbreviate(body) + "'; expected {CVE-…}, [release] - package version, or NOTE:");
      }
    }
    if (current != null) {
      sink.accept(current.toRecord());
    }
    return newest == null
        ? new FeedHeader("", null)
        : new FeedHeader(newest.toString(), newest.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private Pending header(String line, String place) {
    Matcher m = HEADER.matcher(line);
    if (!m.matches()) {
      throw new FeedFormatException(source, place, "malformed advisory header '" + abbreviate(line)
          + "'; expected '[DD Mon YYYY] " + prefix + "-NNNN-N package - description'");
    }
    String id = m.group(4);
    if (!id.matches(prefix + "-\\d+(?:-\\d+)?")) {
      throw new FeedFormatException(source, place,
          "'" + id + "' is not a " + prefix + " identifier (is this the " + prefix + " list of " + feed + "?)");
    }
    LocalDate date;
    Integer month = MONTHS.get(m.group(2));
    try {
      if (month == null) {
        throw new DateTimeException("unknown month");
      }
      date = LocalDate.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)));
    } catch (DateTimeException e) {
      throw new FeedFormatException(source, place + " (" + id + ")",
          "malformed date '" + m.group(1) + " " + m.group(2) + " " + m.group(3) + "'; expected e.g. 31 Dec 2022");
    }
    String rest = m.group(5) == null ? "" : m.group(5);
    // "package [package…] - description"; a few notices (e.g. "jessie end-of-life") have no package part.
    int dash = rest.indexOf(" - ");
    String summary = dash < 0 ? rest : rest.substring(dash + 3).strip();
    return new Pending(id, date, summary);
  }

  private void references(String body, String place, Pending current) {
    if (!body.endsWith("}")) {
      throw new FeedFormatException(source, place + " (" + current.id + ")", "unclosed '{' in the reference list");
    }
    for (String ref : body.substring(1, body.length() - 1).trim().split("\\s+")) {
      if (ref.isEmpty()) {
        continue;
      }
      if (CVE.matcher(ref).matches()) {
        current.aliases.add(ref);
      } else if (!OTHER_XREF.matcher(ref).matches()) {
        throw new FeedFormatException(source, place + " (" + current.id + ")",
            "'" + ref + "' is not a CVE, DSA, DLA, DTSA or VU# reference");
      }
    }
  }

  private AffectedPackage release(String body, String place) {
    Matcher m = RELEASE.matcher(body);
    Matcher s = m.matches() ? STATE.matcher(m.group(3)) : null;
    if (s == null || !s.matches()) {
      throw new FeedFormatException(source, place, "malformed release line '" + abbreviate(body)
          + "'; expected '[release] - package version' or '[release] - package <special>', optionally '(note)'");
    }
    String codename = m.group(1);
    String note = s.group(3) == null ? codename : codename + " (" + s.group(3) + ")";
    String ecosystem = DebianReleases.ecosystem(codename);
    if (s.group(1) != null) {
      AffectedStatus status = SPECIAL.get(s.group(1));
      if (status == null) {
        throw new FeedFormatException(source, place, "unknown special version <" + s.group(1) + ">; expected one of "
            + "<not-affected>, <unfixed>, <end-of-life>, <no-dsa>, <postponed>, <ignored>, <undetermined>");
      }
      if (s.group(1).equals("undetermined")) {
        note = note + "; undetermined";
      }
      return new AffectedPackage(ecosystem, m.group(2), null, status, List.of(), List.of(), note);
    }
    // "fixed in X" for the release: everything before X is affected.
    List<AffectedRange> fixed = List.of(new AffectedRange.Events("ECOSYSTEM",
        List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"), new OsvEvent(OsvEvent.Kind.FIXED, s.group(2)))));
    return new AffectedPackage(ecosystem, m.group(2), null, AffectedStatus.AFFECTED, fixed, List.of(), note);
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  /** The advisory being read. */
  private final class Pending {
    final String id;
    final LocalDate date;
    final String summary;
    final Set<String> aliases = new LinkedHashSet<>();
    final List<AffectedPackage> affected = new ArrayList<>();
    int lines;

    Pending(String id, LocalDate date, String summary) {
      this.id = id;
      this.date = date;
      this.summary = summary;
    }

    AdvisoryRecord toRecord() {
      return new AdvisoryRecord(feed, id, aliases, summary, "", date.atStartOfDay(ZoneOffset.UTC).toInstant(), null,
          false, affected, List.of(), List.of(), List.of());
    }
  }
}
