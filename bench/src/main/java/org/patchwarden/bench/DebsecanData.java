package org.patchwarden.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.Deflater;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.version.OsvEvent;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.Version;
import org.patchwarden.version.VersionScheme;

/**
 * Debian advisory records of one release rendered as the data file {@code debsecan} downloads for a
 * suite ({@code …/debsecan/release/1/<suite>}), so that debsecan can be run on the same advisories
 * as Patchwarden's matcher.
 *
 * <p>The layout, as {@code fetch_data} and {@code Vulnerability} in {@code /usr/bin/debsecan} read
 * it: zlib-compressed UTF-8 text
 *
 * <pre>
 * VERSION 1
 * NAME,FLAGS,DESCRIPTION              one per vulnerability; a package line refers to it by index
 * (blank line)
 * package,vnum,FLAGS,unstable_version,other_versions
 * (blank line)
 * source,binary binary …              the binaries a source builds in the suite
 * (blank line)
 * </pre>
 *
 * where a package line's four flag characters are {@code S} (source package; {@code B} binary),
 * the urgency ({@code ' '}, {@code L}, {@code M}, {@code H}), remote exploitability ({@code ?}
 * unknown, {@code R}, {@code ' '}) and {@code F} when a fix is available in the suite. debsecan
 * reports a source package installed at {@code v} when {@code v < unstable_version} (and {@code v}
 * is not one of the space-separated {@code other_versions}); with an empty {@code
 * unstable_version}, at every version.
 *
 * <p>One vulnerability name per CVE the records alias (a record without any CVE is named by its own
 * id), one package line per (name, source package). {@code unstable_version} is the suite's fixed
 * version; {@code other_versions} stays empty. When several records fix one CVE in one package at
 * different versions, the line carries the greatest: {@code v < max} is exactly the union of their
 * {@code introduced 0, fixed X} ranges, which is what Patchwarden reports. AFFECTED without a range
 * (the tracker's {@code <undetermined>}) and UNFIXED become lines without a fixed version; the other
 * statuses (not-affected, no-dsa, end-of-life, postponed, ignored) and ranges other than {@code
 * introduced 0} plus one fix are left out and counted.
 *
 * <p>NB: the security tracker's own files are release-independent in their package lines: {@code
 * unstable_version} is the fix in sid and the release's fixed versions are listed in {@code
 * other_versions}, which debsecan matches only exactly ({@code sp.version not in other_versions});
 * only the {@code F} flag and the source-to-binary section differ per suite. Putting the suite's fix
 * in {@code unstable_version} instead gives debsecan an ordered comparison, the same rule as the
 * advisories' ranges.
 */
public final class DebsecanData {
  private static final VersionScheme DEB = Schemes.forEcosystem("deb");
  /** Urgency unknown (the lists state none), remote unknown. */
  private static final String URGENCY_REMOTE = " ?";

  private final String text;
  private final int vulnerabilities;
  private final int packageLines;
  private final int unfixedLines;
  private final int severalFixes;
  private final Map<String, Integer> leftOut;
  /** source -> vulnerability name -> fixed version, empty when unfixed. */
  private final Map<String, Map<String, String>> lines;

  private DebsecanData(String text, int vulnerabilities, int packageLines, int unfixedLines, int severalFixes,
      Map<String, Integer> leftOut, Map<String, Map<String, String>> lines) {
    this.text = text;
    this.lines = lines;
    this.vulnerabilities = vulnerabilities;
    this.packageLines = packageLines;
    this.unfixedLines = unfixedLines;
    this.severalFixes = severalFixes;
    this.leftOut = Map.copyOf(leftOut);
  }

  /** What one (vulnerability name, source package) pair collects from the records. */
  private static final class Pair {
    Version fixed;
    final Set<String> fixes = new TreeSet<>();
    boolean unfixed;
  }

  /**
   * Renders the entries of {@code ecosystem} ({@code Debian:11}) of {@code records}.
   *
   * @param binariesBySource the binary packages each source builds in the suite, for the last
   *     section; sources not in it get no line (debsecan then never calls their binaries obsolete)
   * @throws IllegalArgumentException for a name or version that would break the comma- and
   *     space-separated layout
   */
  public static DebsecanData render(Iterable<AdvisoryRecord> records, String ecosystem,
      Map<String, ? extends Collection<String>> binariesBySource) {
    // name -> description; (source, name) -> what the records say, both sorted as the tracker sorts them
    Map<String, String> descriptions = new TreeMap<>();
    Map<String, Map<String, Pair>> bySource = new TreeMap<>();
    Map<String, Integer> leftOut = new TreeMap<>();
    for (AdvisoryRecord r : records) {
      if (r.withdrawn()) {
        continue;
      }
      for (AffectedPackage a : r.affected()) {
        if (!a.ecosystem().equals(ecosystem)) {
          continue;
        }
        String fixed; // null: every version affected
        if (a.status() == AffectedStatus.UNFIXED
            || (a.status() == AffectedStatus.AFFECTED && a.ranges().isEmpty() && a.versions().isEmpty())) {
          fixed = null;
        } else if (a.status() == AffectedStatus.AFFECTED) {
          fixed = singleFix(a);
          if (fixed == null) {
            leftOut.merge("range not 'introduced 0, fixed X'", 1, Integer::sum);
            continue;
          }
        } else {
          leftOut.merge(a.status().name(), 1, Integer::sum);
          continue;
        }
        String source = field(a.name(), "package name", r);
        List<String> names = new ArrayList<>(new TreeSet<>(r.aliases().stream()
            .filter(s -> s.startsWith("CVE-")).toList()));
        if (names.isEmpty()) {
          names.add(r.id());
        }
        for (String name : names) {
          field(name, "vulnerability name", r);
          descriptions.merge(name, r.id() + " " + oneLine(r.summary()),
              (old, add) -> old.contains(r.id() + " ") ? old : old + "; " + add);
          Pair p = bySource.computeIfAbsent(source, k -> new TreeMap<>()).computeIfAbsent(name, k -> new Pair());
          if (fixed == null) {
            p.unfixed = true;
          } else {
            Version v = DEB.parse(field(fixed, "fixed version", r));
            p.fixes.add(fixed);
            if (p.fixed == null || v.compareTo(p.fixed) > 0) {
              p.fixed = v;
            }
          }
        }
      }
    }

    StringBuilder out = new StringBuilder("VERSION 1\n");
    Map<String, Integer> index = new TreeMap<>();
    for (Map.Entry<String, String> d : descriptions.entrySet()) {
      index.put(d.getKey(), index.size());
      out.append(d.getKey()).append(",,").append(d.getValue()).append('\n');
    }
    out.append('\n');
    Map<String, Map<String, String>> lines = new HashMap<>();
    int lineCount = 0;
    int unfixed = 0;
    int several = 0;
    for (Map.Entry<String, Map<String, Pair>> s : bySource.entrySet()) {
      for (Map.Entry<String, Pair> n : s.getValue().entrySet()) {
        Pair p = n.getValue();
        // NB: an unfixed claim covers every version, whatever fix another record names.
        boolean fix = !p.unfixed;
        String version = fix ? p.fixed.text() : "";
        out.append(s.getKey()).append(',').append(index.get(n.getKey())).append(",S").append(URGENCY_REMOTE)
            .append(fix ? 'F' : ' ').append(',').append(version).append(",\n");
        lines.computeIfAbsent(s.getKey(), k -> new HashMap<>()).put(n.getKey(), version);
        lineCount++;
        unfixed += fix ? 0 : 1;
        several += p.fixes.size() > 1 ? 1 : 0;
      }
    }
    out.append('\n');
    for (String source : bySource.keySet()) {
      Collection<String> binaries = binariesBySource.get(source);
      if (binaries == null) {
        continue;
      }
      List<String> sorted = new ArrayList<>(new TreeSet<>(binaries));
      if (!sorted.equals(List.of(source))) { // the tracker leaves out sources building only themselves
        for (String b : sorted) {
          if (b.isEmpty() || b.contains(",") || b.contains(" ")) {
            throw new IllegalArgumentException("binary package name '" + b + "' of " + source
                + " cannot be written in debsecan's comma- and space-separated layout");
          }
        }
        out.append(source).append(',').append(String.join(" ", sorted)).append('\n');
      }
    }
    out.append('\n');
    return new DebsecanData(out.toString(), descriptions.size(), lineCount, unfixed, several, leftOut, lines);
  }

  /** The fixed version of one {@code introduced 0, fixed X} range, else null. */
  private static String singleFix(AffectedPackage a) {
    if (a.ranges().size() != 1 || !a.versions().isEmpty()
        || !(a.ranges().get(0) instanceof AffectedRange.Events e) || e.events().size() != 2) {
      return null;
    }
    OsvEvent from = e.events().get(0);
    OsvEvent to = e.events().get(1);
    return from.kind() == OsvEvent.Kind.INTRODUCED && from.version().equals("0") && to.kind() == OsvEvent.Kind.FIXED
        ? to.version() : null;
  }

  private static String field(String value, String what, AdvisoryRecord r) {
    if (value.isEmpty() || value.contains(",") || value.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(r.source() + " " + r.id() + ": " + what + " '" + value
          + "' cannot be written in debsecan's comma- and space-separated layout");
    }
    return value;
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  /** The uncompressed text. */
  public String text() {
    return text;
  }

  /** The fixed version of the line for {@code source} and {@code vulnerability}, empty when unfixed, null without line. */
  public String line(String source, String vulnerability) {
    return lines.getOrDefault(source, Map.of()).get(vulnerability);
  }

  /** Whether any line names {@code source} (debsecan then never looks a binary up by its own name). */
  public boolean hasSource(String source) {
    return lines.containsKey(source);
  }

  /** Vulnerability names (first section). */
  public int vulnerabilities() {
    return vulnerabilities;
  }

  /** Package lines (second section). */
  public int packageLines() {
    return packageLines;
  }

  /** Package lines without a fixed version. */
  public int unfixedLines() {
    return unfixedLines;
  }

  /** Package lines whose CVE several records fix at different versions (the greatest is written). */
  public int severalFixes() {
    return severalFixes;
  }

  /** Entries of the release not rendered, by status or reason. */
  public Map<String, Integer> leftOut() {
    return leftOut;
  }

  /** The file's bytes: the text, zlib-compressed (RFC 1950, as Python's {@code zlib.decompress} wants). */
  public byte[] compressed() {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION); // nowrap false: zlib header and checksum
    try {
      deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  /**
   * Writes the compressed file as {@code dir/<suite>}, where {@code debsecan --suite <suite> --source
   * file://<dir>/} looks for it.
   */
  public Path writeTo(Path dir, String suite) {
    try {
      Files.createDirectories(dir);
      return Files.write(dir.resolve(suite), compressed());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write debsecan data to " + dir.resolve(suite), e);
    }
  }
}
