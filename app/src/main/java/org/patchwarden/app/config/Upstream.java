package org.patchwarden.app.config;

import java.util.List;
import java.util.Objects;
import org.patchwarden.formats.feed.FeedKind;

/**
 * One upstream feed that {@code feeds sync} downloads: where from, how it is laid out, in which
 * format, and which source it replaces.
 *
 * @param name the key in {@code patchwarden.yaml} ({@code feeds.<name>.url}, {@code feeds.<name>.enabled})
 * @param source the feed source the download replaces ({@code cisa-kev}, {@code osv:go} …)
 * @param layout how the upstream publishes the feed: one file, NVD's API pages, or a zip of a tree
 * @param fileName what the mirror copy is called in the mirror directory {@code mirror/<name>/}: the
 *     downloaded file ({@link Layout#FILE}) or the directory of pages or extracted files (the other
 *     layouts). The readers sniff content; the name only keeps the mirror readable
 * @param staleAfterDays a current version older than this is flagged by {@code feeds status}
 */
public record Upstream(String name, FeedKind kind, String source, Layout layout, String url, String fileName,
    boolean enabled, int staleAfterDays) {
  /** How an upstream publishes its feed, which decides how {@code feeds sync} downloads it. */
  public enum Layout {
    /** One document at {@code url}, downloaded with a conditional GET. */
    FILE,
    /**
     * The NVD CVE API 2.0: {@code url?startIndex=N&resultsPerPage=P}, page after page until {@code
     * totalResults}, with a pause between requests; the pages together are the document.
     */
    PAGED_NVD,
    /**
     * A zip of a repository (a GitHub archive) of which only the feed's data subtrees are extracted;
     * the extracted directory is the document. Downloaded with a conditional GET.
     */
    ZIP_TREE
  }

  public Upstream {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(fileName, "fileName");
  }

  /** A single-file upstream ({@link Layout#FILE}). */
  public Upstream(String name, FeedKind kind, String source, String url, String fileName, boolean enabled,
      int staleAfterDays) {
    this(name, kind, source, Layout.FILE, url, fileName, enabled, staleAfterDays);
  }

  /** The same upstream at another URL and switched on or off (configuration applied). */
  public Upstream with(String newUrl, boolean on) {
    return new Upstream(name, kind, source, layout, newUrl, fileName, on, staleAfterDays);
  }

  /**
   * The real upstream locations, as published by each project (checked 2026-11). {@code nvd} is off
   * by default: a full sync is about 150 API requests, 6 s apart without an API key.
   */
  public static List<Upstream> defaults() {
    String osv = "https://osv-vulnerabilities.storage.googleapis.com/";
    return List.of(
        new Upstream("cisa-kev", FeedKind.KEV_JSON, "cisa-kev",
            "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json",
            "known_exploited_vulnerabilities.json", true, 2),
        new Upstream("epss", FeedKind.EPSS_CSV, "epss",
            "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz", "epss_scores-current.csv.gz", true, 2),
        new Upstream("osv-go", FeedKind.OSV, "osv:go", osv + "Go/all.zip", "all.zip", true, 7),
        new Upstream("osv-pypi", FeedKind.OSV, "osv:pypi", osv + "PyPI/all.zip", "all.zip", true, 7),
        new Upstream("osv-npm", FeedKind.OSV, "osv:npm", osv + "npm/all.zip", "all.zip", true, 7),
        new Upstream("osv-maven", FeedKind.OSV, "osv:maven", osv + "Maven/all.zip", "all.zip", true, 7),
        new Upstream("osv-almalinux", FeedKind.OSV, "osv:almalinux", osv + "AlmaLinux/all.zip", "all.zip", true, 7),
        new Upstream("osv-alpine", FeedKind.OSV, "osv:alpine", osv + "Alpine/all.zip", "all.zip", false, 7),
        new Upstream("osv-rubygems", FeedKind.OSV, "osv:rubygems", osv + "RubyGems/all.zip", "all.zip", false, 7),
        new Upstream("osv-nuget", FeedKind.OSV, "osv:nuget", osv + "NuGet/all.zip", "all.zip", false, 7),
        new Upstream("debian-dsa", FeedKind.DEBIAN_DSA, "debian-dsa",
            "https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/DSA/list", "list", true, 7),
        new Upstream("debian-dla", FeedKind.DEBIAN_DLA, "debian-dla",
            "https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/DLA/list", "list", true, 7),
        new Upstream("debian-tracker", FeedKind.DEBIAN_TRACKER_JSON, "debian-tracker",
            "https://security-tracker.debian.org/tracker/data/json", "debian-tracker.json", true, 7),
        new Upstream("attack-enterprise", FeedKind.ATTACK_STIX, "attack:enterprise-attack",
            "https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack.json",
            "enterprise-attack.json", true, 90),
        new Upstream("attack-mappings", FeedKind.ATTACK_MAPPINGS, "attack-mappings",
            "https://raw.githubusercontent.com/center-for-threat-informed-defense/mappings-explorer/main/mappings/kev/"
                + "attack-16.1/kev-07.28.2025/enterprise/kev-07.28.2025_attack-16.1-enterprise.json",
            "kev-attack-enterprise.json", true, 180),
        new Upstream("nvd", FeedKind.NVD_API, "nvd", Layout.PAGED_NVD,
            "https://services.nvd.nist.gov/rest/json/cves/2.0", "pages", false, 7),
        new Upstream("ssvc", FeedKind.SSVC, "ssvc", Layout.ZIP_TREE,
            "https://github.com/CERTCC/SSVC/archive/refs/heads/main.zip", "data", true, 180));
  }
}
