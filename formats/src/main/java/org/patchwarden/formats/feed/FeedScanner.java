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
 * <p>Conventions: OSV records are grouped into one source per ecosystem, named from their content,
 * never from their folder: {@code osv:} and the lower-case ecosystem of the record's first affected
 * package without its release ({@code Go} → {@code osv:go}, {@code PyPI} → {@code osv:pypi}, {@code
 * AlmaLinux:9} → {@code osv:almalinux}), the names the upstream sync uses; a record that names no
 * ecosystem (withdrawn) joins the ecosystem most of its folder's records name. All NVD pages form the {@code nvd} source; all CVE 5 records the {@code cve5}
 * source; all Mappings Explorer files the {@code attack-mappings} source. KEV catalogs are ordered
 * by catalog version so that the newest ends current; a KEV CSV next to a KEV JSON is the same
 * catalog and is skipped, as is a gzip next to its plain file. A directory that is empty or cannot
 * be read, and a file that cannot be read, are reported among the skipped paths and the rest loads.
 * Symbolic links are followed (a linked folder loads as a copy would); the depth limit stops cycles.
 */
public final class FeedScanner {
  private static final int SNIFF_BYTES = 8192;
  private static final int MAX_DEPTH = 16;
  private static final Pattern CATALOG_VERSION = Pattern.compile("\"catalogVersion\"\\s*:\\s*\"([^\"]*)\"");
  // OSV ids are PREFIX-…: GO-2024-0001, GHSA-…, PYSEC-…, ALSA-2025:1234, DSA-5474-1, CVE-…
  private static final Pattern OSV_ID = Pattern.compile("\"id\"\\s*:\\s*\"[A-Z][A-Za-z0-9]*-[^\"]+\"");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern THOUSANDS = Pattern.compile("\\d+xxx");
  private static final Pattern JSON_ECOSYSTEM = Pattern.compile("\"ecosystem\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern YAML_ECOSYSTEM = Pattern.compile("(?m)^\\s*-?\\s*ecosystem:\\s*['\"]?([^'\"\\r\\n]+)");
  /** Whole OSV records are read to find their ecosystem only up to this size. */
  private static final long MAX_RECORD_BYTES = 8L << 20;

  /** What a scan found. */
  public record Scan(List<FeedInput> inputs, Map<String, List<Path>> skipped) {}

  private final List<FeedInput> inputs = new ArrayList<>();
  private final Map<String, List<Path>> skipped = new TreeMap<>();
  private final List<Path> nvdPages = new ArrayList<>();
  private final List<Path> cve5 = new ArrayList<>();
  private final List<Path> mappings = new ArrayList<>();
  private final Map<String, List<Path>> osv = new TreeMap<>();
  private final Map<Path, Path> osvUnnamed = new java.util.LinkedHashMap<>(); // file -> its folder
  private final Map<String, Path> kevCatalogs = new TreeMap<>(); // version + path -> path

  private FeedScanner() {}

  /** Scans {@code root}, a directory or a single file. */
  public static Scan scan(Path root) {
    if (!Files.exists(root)) {
      throw new IllegalArgumentException("no such file or directory: " + root);
    }
    FeedScanner s = new FeedScanner();
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
    placeUnnamed();
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
    } catch (IOException e) {
      skip("directory that cannot be read (" + e.getClass().getSimpleName() + ")", dir);
      return;
    }
    if (children.stream().noneMatch(c -> !fileName(c).startsWith("."))) {
      skip("empty directory", dir);
      return;
    }
    for (Path child : children) {
      if (fileName(child).startsWith(".")) {
        continue;
      }
      if (Files.isDirectory(child)) {
        directory(child, depth + 1);
      } else if (Files.isRegularFile(child)) {
        if (!Files.isReadable(child)) {
          skip("file that cannot be read", child);
          continue;
        }
        file(child);
      } else if (Files.isSymbolicLink(child)) {
        skip("broken symbolic link", child);
      }
    }
  }

  private static boolean isCvelistLayout(Path dir) {
    if (fileName(dir).equals("cves") && hasYearChildren(dir)) {
      return true;
    }
    return hasYearChildren(dir);
  }

  private static boolean hasYearChildren(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory)
          .filter(p -> YEAR.matcher(fileName(p)).matches())
          .anyMatch(year -> {
            try (Stream<Path> inner = Files.list(year)) {
              return inner.anyMatch(p -> Files.isDirectory(p) && THOUSANDS.matcher(fileName(p)).matches());
            } catch (IOException e) {
              return false; // reported when the walk reaches it
            }
          });
    } catch (IOException e) {
      return false;
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
      osv(file, zipHead(file), false);
      return;
    }
    if (lower.endsWith(".json")) {
      json(file, sniff(file, false));
      return;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      String head = sniff(file, false);
      if (head.contains("\nmodified:") || head.startsWith("modified:") || head.contains("\naffected:")) {
        osv(file, head, true);
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

  private void json(Path file, String head) throws IOException {
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
      osv(file, head, false);
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

  /** Files an OSV record (or zip of records) under the source its ecosystem names. */
  private void osv(Path file, String head, boolean yaml) throws IOException {
    String ecosystem = ecosystem(head, yaml);
    if (ecosystem == null && !file.toString().endsWith(".zip") && Files.size(file) <= MAX_RECORD_BYTES) {
      ecosystem = ecosystem(Files.readString(file, StandardCharsets.UTF_8), yaml);
    }
    if (ecosystem == null) {
      osvUnnamed.put(file, file.toAbsolutePath().getParent());
    } else {
      osv.computeIfAbsent(ecosystem, k -> new ArrayList<>()).add(file);
    }
  }

  /** {@code osv:}'s suffix for an OSV ecosystem: lower case, release dropped ({@code AlmaLinux:9} → {@code almalinux}). */
  static String osvName(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    return (colon < 0 ? ecosystem : ecosystem.substring(0, colon)).trim().toLowerCase(java.util.Locale.ROOT);
  }

  private static String ecosystem(String text, boolean yaml) {
    Matcher m = (yaml ? YAML_ECOSYSTEM : JSON_ECOSYSTEM).matcher(text);
    if (!m.find()) {
      return null;
    }
    String name = osvName(m.group(1));
    return name.isEmpty() ? null : name;
  }

  /** A record that names no ecosystem goes with its folder's records, else with the scan's, else {@code osv:unknown}. */
  private void placeUnnamed() {
    Map<Path, Map<String, Integer>> byFolder = new java.util.HashMap<>();
    Map<String, Integer> overall = new java.util.HashMap<>();
    osv.forEach((name, paths) -> paths.forEach(p -> {
      overall.merge(name, 1, Integer::sum);
      byFolder.computeIfAbsent(p.toAbsolutePath().getParent(), k -> new java.util.HashMap<>()).merge(name, 1, Integer::sum);
    }));
    String fallback = mostCommon(overall).orElse("unknown");
    osvUnnamed.forEach((file, folder) -> osv.computeIfAbsent(
        mostCommon(byFolder.getOrDefault(folder, Map.of())).orElse(fallback), k -> new ArrayList<>()).add(file));
  }

  private static java.util.Optional<String> mostCommon(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        // ties go to the alphabetically first name, so that the answer does not depend on map order
        .max(Map.Entry.<String, Integer>comparingByValue()
            .thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder()))
        .map(Map.Entry::getKey);
  }

  /** The first bytes of the first JSON record of a zip of OSV records. */
  private static String zipHead(Path file) {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      var entries = zip.entries();
      while (entries.hasMoreElements()) {
        var e = entries.nextElement();
        if (!e.isDirectory() && e.getName().endsWith(".json")) {
          try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readNBytes((int) Math.min(MAX_RECORD_BYTES, Math.max(SNIFF_BYTES, e.getSize()))),
                StandardCharsets.UTF_8);
          }
        }
      }
    } catch (IOException e) {
      return ""; // the reader reports what is wrong with it
    }
    return "";
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
