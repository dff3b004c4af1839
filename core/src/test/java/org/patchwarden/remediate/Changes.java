package org.patchwarden.remediate;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingKey;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.ChangeFinding.Outcome;

/** Test data: real Debian bullseye advisories on web-01 (DSA-5139-1 openssl, DSA-5197-1 curl). */
final class Changes {
  static final Instant PLANNED = Instant.parse("2026-11-01T08:00:00Z");
  static final Instant FIRST_SEEN = Instant.parse("2026-10-30T08:00:00Z");
  static final FindingKey OPENSSL = new FindingKey("web-01", "deb", "libssl1.1", "DSA-5139-1");
  static final FindingKey CURL = new FindingKey("web-01", "deb", "curl", "DSA-5197-1");

  private Changes() {}

  static ChangeFinding openssl() {
    return new ChangeFinding(OPENSSL, List.of("CVE-2022-1292"), "Debian:11", true, "1.1.1k-1+deb11u1",
        "1.1.1n-0+deb11u2", "1.1.1n-0+deb11u2", FIRST_SEEN, "T0", "web-platform", Outcome.PENDING, null, "");
  }

  static ChangeFinding curl() {
    return new ChangeFinding(CURL, List.of("CVE-2022-32205"), "Debian:11", false, "7.74.0-1.3+deb11u1",
        "7.74.0-1.3+deb11u2", "7.74.0-1.3+deb11u2", FIRST_SEEN, "T1", "web-platform", Outcome.PENDING, null, "");
  }

  /** A change of both findings needing {@code approvals}, planned by alice, stored as id 1. */
  static Change planned(int approvals) {
    return Change.plan("bullseye fixes", "T0", List.of("web-01"), null, approvals, "alice", PLANNED,
        List.of(openssl(), curl()), null).stored(1, 1);
  }

  static InstalledPackage libssl(String sourceVersion) {
    return new InstalledPackage("deb", "libssl1.1", sourceVersion, "openssl", "", "amd64", "");
  }

  static InstalledPackage curlPackage(String version) {
    return new InstalledPackage("deb", "curl", version, "", "", "amd64", "");
  }

  static Inventory inventory(int revision, Instant at, InstalledPackage... packages) {
    return new Inventory("web-01", revision, at, null, List.of(packages));
  }

  /** The tracked curl finding, still open: DSA-5197-1 still matches. */
  static TrackedFinding curlStillOpen(String version) {
    Finding f = new Finding("web-01", curlPackage(version), "DSA-5197-1", Set.of("CVE-2022-32205"), "debian-dsa",
        "Debian:11", "curl", version, AffectedStatus.AFFECTED, "< 7.74.0-1.3+deb11u2", "7.74.0-1.3+deb11u2",
        Confidence.CONFIRMED);
    return new TrackedFinding(f, FindingStatus.OPEN, FIRST_SEEN, PLANNED, null, 0);
  }
}
