package org.patchwarden.remediate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one network scan (Greenbone/OpenVAS, Nessus) reported: the hosts it reached and the CVEs it
 * still saw on each. A host absent from {@link #hosts()} was not reached, which proves nothing.
 *
 * @param scanner the scanner family, {@code openvas} or {@code nessus}
 * @param source where the report came from, e.g. its file name, for messages and evidence
 * @param finishedAt when the scan ended, when the report says so
 * @param hosts every host the scan reached, each once
 */
public record ScannerReport(String scanner, String source, Optional<Instant> finishedAt, List<ScannedHost> hosts) {
  public ScannerReport {
    Objects.requireNonNull(scanner, "scanner");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(finishedAt, "finishedAt");
    hosts = List.copyOf(hosts);
  }

  /** The host with this address or host name (case-insensitive), if the scan reached it. */
  public Optional<ScannedHost> host(String addressOrName) {
    return hosts.stream().filter(h -> h.isNamed(addressOrName)).findFirst();
  }
}
