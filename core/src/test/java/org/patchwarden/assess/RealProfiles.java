package org.patchwarden.assess;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.patchwarden.advisory.Advisory;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.AttackMapping;
import org.patchwarden.advisory.AttackTactic;
import org.patchwarden.advisory.AttackTechnique;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.Severity;
import org.patchwarden.advisory.TechniqueUse;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;

/**
 * Vulnerability profiles built from the real values of ../shared/data/feeds (core tests cannot run
 * the formats readers): each value below is copied from the file named in its comment.
 */
public final class RealProfiles {
  private RealProfiles() {}

  private static final AttackTactic INITIAL_ACCESS = new AttackTactic("TA0001", "initial-access", "Initial Access",
      "enterprise-attack");
  private static final AttackTactic EXECUTION = new AttackTactic("TA0002", "execution", "Execution", "enterprise-attack");
  private static final AttackTactic IMPACT = new AttackTactic("TA0040", "impact", "Impact", "enterprise-attack");
  private static final AttackTactic PERSISTENCE = new AttackTactic("TA0003", "persistence", "Persistence",
      "enterprise-attack");
  private static final AttackTactic RESOURCE_DEVELOPMENT = new AttackTactic("TA0042", "resource-development",
      "Resource Development", "enterprise-attack");

  private static TechniqueUse use(String cve, String id, String name, String type, AttackTactic tactic) {
    return new TechniqueUse(new AttackMapping(cve, id, type, "16.1"),
        new AttackTechnique(id, name, List.of(tactic.shortName()), false, false, "enterprise-attack"), List.of(tactic));
  }

  /** kev/known_exploited_vulnerabilities.json (catalog 2025.08.25), CVE-2021-44228. */
  public static KevEntry log4shellKev() {
    return new KevEntry("CVE-2021-44228", "Apache", "Log4j2", "Apache Log4j2 Remote Code Execution Vulnerability",
        LocalDate.parse("2021-12-10"), "Apache Log4j2 contains a vulnerability where JNDI features do not protect "
            + "against attacker-controlled JNDI-related endpoints, allowing for remote code execution.",
        "For all affected software assets for which updates exist, the only acceptable remediation actions are: "
            + "1) Apply updates; OR 2) remove affected assets from agency networks.",
        LocalDate.parse("2021-12-24"), "Known", "https://nvd.nist.gov/vuln/detail/CVE-2021-44228",
        List.of("CWE-20", "CWE-400", "CWE-502"));
  }

  /**
   * Log4Shell: the cvelistV5 record (cve5/osv.dev-testdata, CISA-ADP CVSS 3.1, SSVC and KEV
   * statements), DSA-5020-1 (debian/security-tracker DSA list), the KEV entry, EPSS
   * (epss/jgamblin-KEV_EPSS: 0.99999, percentile 1.0) and the KEV → ATT&CK mappings (attack-mappings
   * kev-07.28.2025 enterprise: T1190 exploitation, four secondary impacts).
   */
  public static VulnerabilityProfile log4shell() {
    String cve = "CVE-2021-44228";
    AdvisoryRecord cve5 = new AdvisoryRecord("cve5", cve, Set.of(), "Apache Log4j2 JNDI features do not protect "
        + "against attacker controlled LDAP and other JNDI related endpoints", "", Instant.parse("2021-12-10T00:00:00Z"),
        null, false, List.of(), List.of(
            new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "CISA-ADP"),
            new Severity("SSVC", "Exploitation:active/Automatable:yes/Technical Impact:total", null, "CISA-ADP"),
            new Severity("KEV", "dateAdded:2021-12-10", null, "CISA-ADP")),
        List.of("CWE-502"), List.of());
    AdvisoryRecord dsa = new AdvisoryRecord("debian-dsa", "DSA-5020-1", Set.of(cve), "apache-log4j2 - security update",
        "", Instant.parse("2021-12-11T00:00:00Z"), null, false, List.of(), List.of(), List.of(), List.of());
    return new VulnerabilityProfile(cve, new Advisory(cve, Set.of(cve, "DSA-5020-1"), List.of(cve5, dsa)),
        log4shellKev(), new EpssScore(cve, 0.99999, 1.0), List.of(
            use(cve, "T1190", "Exploit Public-Facing Application", "exploitation_technique", INITIAL_ACCESS),
            use(cve, "T1496", "Resource Hijacking", "secondary_impact", IMPACT),
            use(cve, "T1486", "Data Encrypted for Impact", "secondary_impact", IMPACT),
            use(cve, "T1608.001", "Upload Malware", "secondary_impact", RESOURCE_DEVELOPMENT),
            use(cve, "T1505.003", "Web Shell", "secondary_impact", PERSISTENCE)));
  }

  /** kev/2025-01-29 catalog: CVE-2024-0012 (PAN-OS), ransomware use still "Unknown". */
  public static KevEntry panOsKevJanuary2025() {
    return panOsKev("Unknown");
  }

  /** kev/known_exploited_vulnerabilities.json (2025.08.25): the same entry, ransomware use now "Known". */
  public static KevEntry panOsKevAugust2025() {
    return panOsKev("Known");
  }

  private static KevEntry panOsKev(String ransomware) {
    return new KevEntry("CVE-2024-0012", "Palo Alto Networks", "PAN-OS",
        "Palo Alto Networks PAN-OS Management Interface Authentication Bypass Vulnerability",
        LocalDate.parse("2024-11-18"), "Palo Alto Networks PAN-OS contains an authentication bypass vulnerability "
            + "in the web-based management interface for several PAN-OS products, including firewalls and VPN "
            + "concentrators.", "Apply mitigations per vendor instructions or discontinue use of the product if "
            + "mitigations are unavailable.", LocalDate.parse("2024-12-09"), ransomware,
        "https://security.paloaltonetworks.com/CVE-2024-0012 ; https://nvd.nist.gov/vuln/detail/CVE-2024-0012",
        List.of("CWE-306"));
  }

  /**
   * CVE-2024-0012 as the shared feeds know it: a KEV entry and EPSS (0.99698, percentile 0.99951),
   * but no CVE record, no CVSS vector and no ATT&CK mapping (it is newer than the mappings).
   */
  public static VulnerabilityProfile panOs(KevEntry kev) {
    return new VulnerabilityProfile("CVE-2024-0012", null, kev, new EpssScore("CVE-2024-0012", 0.99698, 0.99951),
        List.of());
  }

  /**
   * CVE-2024-10140 (cve5/vulnrichment/2024/10xxx): VulDB as CNA states CVSS 4.0 5.3, 3.1 and 3.0
   * 6.3, 2.0 6.5; CISA-ADP's SSVC says poc / no / partial. Not in KEV, so EPSS (KEV-joined here) has no score.
   */
  public static VulnerabilityProfile vuldb10140() {
    String cve = "CVE-2024-10140";
    AdvisoryRecord r = new AdvisoryRecord("cve5", cve, Set.of(), "", "", Instant.parse("2024-10-19T14:31:04.562Z"),
        null, false, List.of(), List.of(
            new Severity("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 5.3, "VulDB"),
            new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L", 6.3, "VulDB"),
            new Severity("CVSS_V3", "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L", 6.3, "VulDB"),
            new Severity("CVSS_V2", "AV:N/AC:L/Au:S/C:P/I:P/A:P", 6.5, "VulDB"),
            new Severity("SSVC", "Exploitation:poc/Automatable:no/Technical Impact:partial", null, "CISA-ADP")),
        List.of(), List.of());
    return new VulnerabilityProfile(cve, new Advisory(cve, Set.of(cve), List.of(r)), null, null, List.of());
  }

  /** A Debian 11 web server running log4j from the apache-log4j2 source package before DSA-5020-1. */
  public static Finding log4shellOnDebian(String assetName) {
    return new Finding(assetName, new InstalledPackage("deb", "liblog4j2-java", "2.13.3-1", "apache-log4j2", "",
        "all", ""), "DSA-5020-1", Set.of("CVE-2021-44228"), "debian-dsa", "Debian:11", "apache-log4j2", "2.13.3-1",
        AffectedStatus.AFFECTED, "< 2.15.0-1~deb11u1", "2.15.0-1~deb11u1", Confidence.CONFIRMED);
  }

  /** A PAN-OS firewall known by vendor and product only: the KEV product-only finding. */
  public static Finding panOsOnFirewall(String assetName) {
    return new Finding(assetName, InstalledPackage.of("cpe", "paloaltonetworks:pan-os", "11.2.3"), "CVE-2024-0012",
        Set.of(), "kev", "cpe", "paloaltonetworks:pan-os", "11.2.3", AffectedStatus.AFFECTED,
        "KEV lists the product; affected versions unknown", "", Confidence.PRODUCT_ONLY);
  }

  public static Finding finding(String assetName, String cve, String fixedVersion) {
    return new Finding(assetName, InstalledPackage.of("pypi", "example", "1.0"), cve, Set.of(), "osv", "PyPI",
        "example", "1.0", AffectedStatus.AFFECTED, "< 1.1", fixedVersion, Confidence.CONFIRMED);
  }

  public static Asset asset(String name, String environment, String owner, int criticality, boolean internetFacing) {
    return new Asset(name, AssetKind.HOST, environment, owner, criticality, internetFacing, Set.of());
  }
}
