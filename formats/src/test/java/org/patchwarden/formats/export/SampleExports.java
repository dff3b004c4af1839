package org.patchwarden.formats.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.assess.AssetContext;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.CvssScore;
import org.patchwarden.assess.DueBasis;
import org.patchwarden.assess.Exploitation;
import org.patchwarden.assess.KevStatus;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.assess.Provenance;
import org.patchwarden.assess.Signals;
import org.patchwarden.assess.Sourced;
import org.patchwarden.assess.TechnicalImpact;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingMark;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.RemediationStatus;
import org.patchwarden.usecase.ExportFilter;
import org.patchwarden.usecase.ExportedFinding;
import org.patchwarden.usecase.ExportedVulnerability;
import org.patchwarden.usecase.FindingExport;
import org.patchwarden.usecase.VexStatement;

/** A small export with a finding in every VEX status and remediation state the writers distinguish. */
final class SampleExports {
  static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
  private static final Instant SEEN = Instant.parse("2026-08-07T12:00:00Z");

  private SampleExports() {}

  /** Seven findings on two assets: affected (KEV, CVSS), risk-accepted, under investigation, not affected, false positive, fixed, retracted. */
  static FindingExport fleet() {
    List<ExportedFinding> list = new ArrayList<>();
    list.add(finding("web-01", "deb", "openssl", "1.1.1n-0+deb11u3", "DSA-5343-1", Set.of("CVE-2023-0286", "CVE-2023-0215"),
        "1.1.1n-0+deb11u4", Confidence.CONFIRMED, FindingStatus.OPEN, null, RemediationStatus.OPEN, "T0", 0, true,
        "pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?arch=amd64"));
    list.add(finding("web-01", "deb", "curl", "7.74.0-1.3+deb11u7", "CVE-2023-38545", Set.of(),
        "", Confidence.CONFIRMED, FindingStatus.OPEN, null, RemediationStatus.RISK_ACCEPTED, "T2", 2, false,
        "pkg:deb/debian/curl@7.74.0-1.3%2Bdeb11u7"));
    list.add(finding("fw-edge-01", "cpe", "paloaltonetworks:pan-os", "10.2.9-h1", "CVE-2026-0300", Set.of(),
        "10.2.10-h36", Confidence.CPE_MATCH, FindingStatus.OPEN, null, RemediationStatus.OPEN, "T1", 1, true, ""));
    list.add(finding("web-01", "PyPI", "jinja2", "3.1.2", "GHSA-h5c8-rqwp-cp95", Set.of("CVE-2024-22195"),
        "3.1.3", Confidence.CONFIRMED, FindingStatus.NOT_AFFECTED,
        new FindingMark("vulnerable_code_not_in_execute_path: xmlattr filter unused", "ana", SEEN),
        RemediationStatus.NOT_AFFECTED, "T3", 3, false, "pkg:pypi/jinja2@3.1.2"));
    list.add(finding("web-01", "deb", "vim", "2:8.2.2434-3+deb11u1", "CVE-2022-0318", Set.of(),
        "", Confidence.CONFIRMED, FindingStatus.NOT_AFFECTED,
        new FindingMark(RemediationStatus.FALSE_POSITIVE_PREFIX + "backported fix, \"quoted\", with commas", "bo", SEEN),
        RemediationStatus.FALSE_POSITIVE, "T3", 3, false, "pkg:deb/debian/vim@2:8.2.2434-3%2Bdeb11u1"));
    list.add(finding("fw-edge-01", "deb", "bash", "5.1-2", "CVE-2022-3715", Set.of(),
        "5.1-2+deb11u1", Confidence.CONFIRMED, FindingStatus.FIXED, null, RemediationStatus.VERIFIED, "T3", 3, false,
        "pkg:deb/debian/bash@5.1-2"));
    list.add(finding("fw-edge-01", "deb", "zlib", "1:1.2.11.dfsg-2", "CVE-2018-25032", Set.of(),
        "", Confidence.CONFIRMED, FindingStatus.RETRACTED, null, RemediationStatus.RETRACTED, "T3", 3, false,
        "pkg:deb/debian/zlib@1:1.2.11.dfsg-2"));
    Map<String, ExportedVulnerability> vulns = Map.of(
        "DSA-5343-1", new ExportedVulnerability("DSA-5343-1", List.of("CVE-2023-0215", "CVE-2023-0286"),
            "openssl security update", "Several vulnerabilities were discovered in OpenSSL.", List.of("CWE-843"),
            List.of("https://www.debian.org/security/2023/dsa-5343")),
        "CVE-2026-0300", new ExportedVulnerability("CVE-2026-0300", List.of("CVE-2026-0300"), "PAN-OS flaw", "",
            List.of(), List.of("not a uri")));
    return new FindingExport(NOW, LocalDate.parse("2026-12-04"), ExportFilter.all(), list, vulns);
  }

  /** The export with no findings. */
  static FindingExport empty() {
    return new FindingExport(NOW, LocalDate.parse("2026-12-04"), ExportFilter.all(), List.of(), Map.of());
  }

  static String write(ExportFormat format, FindingExport export) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      format.writer("0.1.0-test").write(export, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static ExportedFinding finding(String asset, String eco, String pkg, String version, String advisory,
      Set<String> aliases, String fixed, Confidence confidence, FindingStatus status, FindingMark mark,
      RemediationStatus remediation, String tier, int rank, boolean kev, String purl) {
    Finding f = new Finding(asset, new InstalledPackage(eco, pkg, version, pkg, version, "amd64", purl), advisory,
        aliases, "debian-dsa", "Debian:11", pkg, version, AffectedStatus.AFFECTED, "< " + fixed, fixed, confidence);
    List<String> cves = new ArrayList<>(aliases.stream().filter(a -> a.startsWith("CVE-")).sorted().toList());
    if (advisory.startsWith("CVE-")) {
      cves.add(0, advisory);
    }
    Signals s = new Signals(f.key(), asset, advisory, cves, confidence,
        kev ? new CvssScore("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, 9.8, "nvd", cves.get(0), false, "") : null,
        kev ? new EpssScore(cves.get(0), 0.93, 0.99) : null,
        kev ? new KevStatus(cves.get(0), LocalDate.parse("2026-07-01"), LocalDate.parse("2026-07-22"), false, KevStatus.CATALOG) : null,
        List.of(), new Sourced<>(Exploitation.NONE, Provenance.ASSUMED, "nothing said"),
        new Sourced<>(false, Provenance.ASSUMED, "nothing said"),
        new Sourced<>(TechnicalImpact.PARTIAL, Provenance.ASSUMED, "nothing said"), fixed, null,
        new AssetContext(asset, "production", asset.startsWith("web") ? "web" : "netops", 2, true, true), List.of());
    Assessment a = new Assessment(f.key(), asset, advisory, tier, "tier " + tier, rank, null,
        LocalDate.parse("2026-08-07"), LocalDate.parse(kev ? "2026-07-22" : "2027-01-31"), DueBasis.TIER_WINDOW,
        List.of(), "because", s, List.of());
    Instant closed = status == FindingStatus.OPEN ? null : SEEN.plusSeconds(86_400);
    TrackedFinding t = new TrackedFinding(f, status, SEEN, SEEN, closed, status == FindingStatus.FIXED ? 3 : 0, mark);
    return new ExportedFinding(new PrioritisedFinding(t, a), remediation, VexStatement.of(t, remediation));
  }
}
