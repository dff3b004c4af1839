package org.patchwarden.formats.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Finds the feed documents in a mirror directory (or one file) by layout and by sniffing the first
 * bytes of each file, never by trusting extensions alone. The result says, for every source, which
 * paths make its full snapshot, and which files were left out and why.
 *
 * <p>Conventions: OSV records are grouped into one source per collection, named after the
 * directory below the nearest {@code osv} directory ({@code osv/go} → {@code osv:go}), else after the
 * scanned directory; all NVD pages form the {@code nvd} source; all CVE 5 records the {@code cve5}
 * source; all Mappings Explorer files the {@code attack-mappings} source. KEV catalogs are ordered
 * by catalog version so that the newest ends current; a KEV CSV next to a KEV JSON is the same
 * catalog and is skipped, as is a gzip next to its plain file.
 */
public final class FeedScanner {
  private static final int SNIFF_BYTES = 8192;
  private static final int MAX_DEPTH = 16;
  private static final Pattern CATALOG_VERSION = Pattern.compile("\"catalogVersion\"\\s*:\\s*\"([^\"]*)\"");
  // OSV ids are PREFIX-…: GO-2024-0001, GHSA-…, PYSEC-…, ALSA-2025:1234, DSA-5474-1, CVE-…
  private static final Pattern OSV_ID = Pattern.compile("\"id\"\\s*:\\s*\"[A-Z][A-Za-z0-9]*-[^\"]+\"");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern THOUSANDS = Pattern.compile("\\d+xxx");

  /** What a scan found. */
  public record Scan(List<FeedInput> inputs, Map<String, List<Path>> skipped) {}

  private final Path root;
  private final List<FeedInput> inputs = new ArrayList<>();
  private final Map<String, List<Path>> skipped = new TreeMap<>();
  private final List<Path> nvdPages = new ArrayList<>();
  private final List<Path> cve5 = new ArrayList<>();
  private final List<Path> mappings = new ArrayList<>();
  private final Map<String, List<Path>> osv = new TreeMap<>();
  private final Map<String, Path> kevCatalogs = new TreeMap<>(); // version + path -> path

  private FeedScanner(Path root) {
    this.root = root;
  }

  /** Scans {@code root}, a directory or a single file. */
  public static Scan scan(Path root) {
    if (!Files.exists(root)) {
      throw new IllegalArgumentException("no such file or directory: " + root);
    }
    FeedScanner s = new FeedScanner(root);
    try {
      if (Files.isDirectory(root)) {
        s.directory(root, 0);
      } else {
        s.file(root);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scan " + root, e);
    }
    return s.result();
  }

  private Scan result() {
    List<FeedInput> out = new ArrayList<>();
    kevCatalogs.forEach((key, p) -> out.add(
        new FeedInput(FeedKind.KEV_JSON, "cisa-kev", List.of(p), key.substring(0, key.indexOf('\u0000')))));
    out.addAll(inputs);
    if (!nvdPages.isEmpty()) {
      out.add(new FeedInput(FeedKind.NVD_API, "nvd", sorted(nvdPages)));
    }
    if (!cve5.isEmpty()) {
      out.add(new FeedInput(FeedKind.CVE5, "cve5", sorted(cve5)));
    }
    if (!mappings.isEmpty()) {
      out.add(new FeedInput(FeedKind.ATTACK_MAPPINGS, "attack-mappings", sorted(mappings)));
    }
    // NB: AlmaLinux ships some advisories as byte-identical copies in several release folders;
    // they share one key in the source, and the store keeps one.
    osv.forEach((name, paths) -> out.add(new FeedInput(FeedKind.OSV, "osv:" + name, sorted(paths))));
    return new Scan(out, skipped);
  }

  private static List<Path> sorted(List<Path> paths) {
    return paths.stream().sorted().toList();
  }

  private void skip(String reason, Path p) {
    skipped.computeIfAbsent(reason, k -> new ArrayList<>()).add(p);
  }

  private void directory(Path dir, int depth) throws IOException {
    String name = fileName(dir);
    if (Files.isDirectory(dir.resolve("decision_points")) && Files.isDirectory(dir.resolve("decision_tables"))) {
      inputs.add(new FeedInput(FeedKind.SSVC, "ssvc", List.of(dir)));
      return;
    }
    if (name.endsWith("-attack") && Files.isDirectory(dir.resolve("attack-pattern"))) {
      inputs.add(new FeedInput(FeedKind.ATTACK_STIX, "attack:" + name, List.of(dir)));
      return;
    }
    if (isCvelistLayout(dir)) {
      cve5.add(dir);
      return;
    }
    if (depth >= MAX_DEPTH) {
      skip("deeper than " + MAX_DEPTH + " directories", dir);
      return;
    }
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.sorted().toList();
    }
    for (Path child : children) {
      if (fileName(child).startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(child)) {
        directory(child, depth + 1);
      } else if (Files.isRegularFile(child)) {
        file(child);
      }
    }
  }

  private static boolean isCvelistLayout(Path dir) throws IOException {
    if (fileName(dir).equals("cves") && hasYearChildren(dir)) {
      return true;
    }
    return hasYearChildren(dir);
  }

  private static boolean hasYearChildren(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory)
          .filter(p -> YEAR.matcher(fileName(p)).matches())
          .anyMatch(year -> {
            try (Stream<Path> inner = Files.list(year)) {
              return inner.anyMatch(p -> Files.isDirectory(p) && THOUSANDS.matcher(fileName(p)).matches());
            } catch (IOException e) {
              throw new UncheckedIOException("cannot list " + year, e);
            }
          });
    }
  }

  private void file(Path file) throws IOException {
    String name = fileName(file);
    String parent = file.getParent() == null ? "" : fileName(file.getParent());
    if (name.equals("list") && parent.equals("DSA")) {
      inputs.add(new FeedInput(FeedKind.DEBIAN_DSA, "debian-dsa", List.of(file)));
      return;
    }
    if (name.equals("list") && parent.equals("DLA")) {
      inputs.add(new FeedInput(FeedKind.DEBIAN_DLA, "debian-dla", List.of(file)));
      return;
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".zip")) {
      osv.computeIfAbsent(osvCollection(file), k -> new ArrayList<>()).add(file);
      return;
    }
    if (lower.endsWith(".json")) {
      json(file, sniff(file, false));
      return;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      String head = sniff(file, false);
      if (head.contains("\nmodified:") || head.startsWith("modified:") || head.contains("\naffected:")) {
        osv.computeIfAbsent(osvCollection(file), k -> new ArrayList<>()).add(file);
      } else {
        skip("YAML that is not an OSV record", file);
      }
      return;
    }
    if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
      csv(file, lower);
      return;
    }
    skip("not a known feed format", file);
  }

  private void json(Path file, String head) {
    if (head.contains("\"$schema\"") && head.contains("\"properties\"")) {
      skip("JSON schema", file);
    } else if (head.contains("\"catalogVersion\"")) {
      Matcher m = CATALOG_VERSION.matcher(head);
      String version = m.find() ? m.group(1) : "";
      kevCatalogs.put(version + "\u0000" + file, file);
    } else if (head.contains("\"NVD_CVE\"") || head.contains("\"resultsPerPage\"")) {
      nvdPages.add(file);
    } else if (head.contains("\"CVE_RECORD\"")) {
      cve5.add(file);
    } else if (head.contains("\"mapping_objects\"") || head.contains("\"mapping_framework\"")) {
      mappings.add(file);
    } else if (head.contains("\"type\": \"bundle\"") || head.contains("\"type\":\"bundle\"")) {
      String domain = fileName(file).replaceAll("(-\\d+(\\.\\d+)*)?\\.json$", "");
      inputs.add(new FeedInput(FeedKind.ATTACK_STIX, "attack:" + domain, List.of(file)));
    } else if (isTrackerJson(head)) {
      inputs.add(new FeedInput(FeedKind.DEBIAN_TRACKER_JSON, "debian-tracker", List.of(file)));
    } else if (OSV_ID.matcher(head).find() && (head.contains("\"modified\"") || head.contains("\"affected\"")
        || head.contains("\"schema_version\"") || head.contains("\"aliases\""))) {
      osv.computeIfAbsent(osvCollection(file), k -> new ArrayList<>()).add(file);
    } else {
      skip("not a known feed format", file);
    }
  }

  private static boolean isTrackerJson(String head) {
    // { "pkg": { "CVE-…": { … "releases": …
    return head.matches("(?s)\\s*\\{\\s*\"[^\"]+\"\\s*:\\s*\\{\\s*\"(CVE|TEMP)-[^\"]+\"\\s*:.*");
  }

  private void csv(Path file, String lower) throws IOException {
    String head = sniff(file, lower.endsWith(".gz"));
    if (head.startsWith("#model_version") || head.startsWith("cve,epss,percentile")) {
      if (lower.endsWith(".gz") && Files.exists(file.resolveSibling(fileName(file).substring(0, fileName(file).length() - 3)))) {
        skip("gzip copy of a plain file next to it", file);
      } else {
        inputs.add(new FeedInput(FeedKind.EPSS_CSV, "epss", List.of(file)));
      }
    } else if (head.startsWith("cveID,vendorProject")) {
      if (Files.exists(file.resolveSibling("known_exploited_vulnerabilities.json"))) {
        skip("KEV CSV next to the same catalog in JSON", file);
      } else {
        inputs.add(new FeedInput(FeedKind.KEV_CSV, "cisa-kev", List.of(file)));
      }
    } else {
      skip("CSV that is neither a FIRST EPSS file nor a KEV catalog", file);
    }
  }

  private String osvCollection(Path file) {
    Path rel = root.toAbsolutePath().normalize().getParent() == null ? file : file.toAbsolutePath().normalize();
    Path prev = null;
    for (Path p = rel.getParent(); p != null; prev = p, p = p.getParent()) {
      if (fileName(p).equals("osv") && prev != null) {
        return fileName(prev);
      }
    }
    Path base = Files.isDirectory(root) ? root : root.getParent();
    return base == null ? "local" : fileName(base.toAbsolutePath().normalize());
  }

  private static String sniff(Path file, boolean gzip) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
         InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
      byte[] head = in.readNBytes(SNIFF_BYTES);
      return new String(head, StandardCharsets.UTF_8);
    } catch (java.util.zip.ZipException e) {
      return "";
    }
  }

  private static String fileName(Path p) {
    Path n = p.getFileName();
    return n == null ? p.toString() : n.toString();
  }

}
