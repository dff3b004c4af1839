package org.patchwarden.match;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.version.OsvEvent;

/**
 * A test-only reading of the Debian security tracker's {@code data/DSA/list}, written from the
 * format as the tracker documents it (a header line per advisory, then indented {@code {CVE…}},
 * {@code [release] - package version-or-<special> (note)} and {@code NOTE:} lines), independent
 * of the formats module's reader, which core tests cannot use.
 */
final class DsaList {
  static final Map<String, String> RELEASES = Map.ofEntries(
      Map.entry("woody", "3.0"), Map.entry("sarge", "3.1"), Map.entry("etch", "4"), Map.entry("lenny", "5"),
      Map.entry("squeeze", "6"), Map.entry("wheezy", "7"), Map.entry("jessie", "8"), Map.entry("stretch", "9"),
      Map.entry("buster", "10"), Map.entry("bullseye", "11"), Map.entry("bookworm", "12"));

  private static final Pattern HEADER = Pattern.compile("\\[[^\\]]+\\]\\s+(DSA-[0-9-]+)\\b.*");
  private static final Pattern RELEASE = Pattern.compile("\\[([a-z]+)\\]\\s+-\\s+(\\S+)\\s+(\\S+)(?:\\s+\\((.*)\\))?");

  /** One {@code [release] - package state} line; {@code special} is e.g. {@code not-affected}, else null. */
  record Line(String release, String pkg, String version, String special) {}

  record Advisory(String id, List<String> cves, List<Line> lines) {}

  private DsaList() {}

  static String resource(String name) {
    try (InputStream in = Objects.requireNonNull(DsaList.class.getResourceAsStream(name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Advisory> parse(String text) {
    List<Advisory> out = new ArrayList<>();
    String id = null;
    List<String> cves = new ArrayList<>();
    List<Line> lines = new ArrayList<>();
    for (String raw : text.split("\n")) {
      if (raw.isBlank()) {
        continue;
      }
      if (!Character.isWhitespace(raw.charAt(0))) {
        if (id != null) {
          out.add(new Advisory(id, List.copyOf(cves), List.copyOf(lines)));
        }
        Matcher h = HEADER.matcher(raw.strip());
        if (!h.matches()) {
          throw new IllegalArgumentException("not a DSA header: " + raw);
        }
        id = h.group(1);
        cves.clear();
        lines.clear();
        continue;
      }
      String body = raw.strip();
      if (body.startsWith("{")) {
        for (String ref : body.substring(1, body.length() - 1).trim().split("\\s+")) {
          if (ref.startsWith("CVE-")) {
            cves.add(ref);
          }
        }
      } else if (body.startsWith("[")) {
        Matcher m = RELEASE.matcher(body);
        if (!m.matches()) {
          throw new IllegalArgumentException("not a release line: " + body);
        }
        String state = m.group(3);
        boolean special = state.startsWith("<") && state.endsWith(">");
        lines.add(new Line(m.group(1), m.group(2), special ? null : state,
            special ? state.substring(1, state.length() - 1) : null));
      }
    }
    if (id != null) {
      out.add(new Advisory(id, List.copyOf(cves), List.copyOf(lines)));
    }
    return out;
  }

  static String ecosystem(String release) {
    return "Debian:" + RELEASES.getOrDefault(release, release);
  }

  static AffectedStatus status(String special) {
    return switch (special) {
      case "not-affected" -> AffectedStatus.NOT_AFFECTED;
      case "unfixed" -> AffectedStatus.UNFIXED;
      case "end-of-life" -> AffectedStatus.END_OF_LIFE;
      case "no-dsa" -> AffectedStatus.NO_DSA;
      case "postponed" -> AffectedStatus.POSTPONED;
      case "ignored" -> AffectedStatus.IGNORED;
      case "undetermined" -> AffectedStatus.AFFECTED;
      default -> throw new IllegalArgumentException("unknown special version <" + special + ">");
    };
  }

  /** The advisory as the {@code debian-dsa} record the feed loader would store. */
  static AdvisoryRecord toRecord(Advisory a) {
    List<AffectedPackage> affected = new ArrayList<>();
    for (Line l : a.lines()) {
      if (l.special() != null) {
        affected.add(new AffectedPackage(ecosystem(l.release()), l.pkg(), null, status(l.special()), List.of(),
            List.of(), l.release() + (l.special().equals("undetermined") ? "; undetermined" : "")));
      } else {
        affected.add(new AffectedPackage(ecosystem(l.release()), l.pkg(), null, AffectedStatus.AFFECTED,
            List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
                new OsvEvent(OsvEvent.Kind.FIXED, l.version())))),
            List.of(), l.release()));
      }
    }
    return new AdvisoryRecord("debian-dsa", a.id(), new LinkedHashSet<>(a.cves()), "", "", null, null, false,
        affected, List.of(), List.of(), List.of());
  }

  /** An index of the advisories in {@code text}. */
  static AdvisoryIndex index(String text) {
    AdvisoryIndex.Builder b = AdvisoryIndex.builder();
    for (Advisory a : parse(text)) {
      b.add("debian-dsa", toRecord(a));
    }
    return b.build();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
