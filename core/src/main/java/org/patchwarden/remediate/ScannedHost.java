package org.patchwarden.remediate;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One host a network scan reached, and the CVEs the scanner still reported on it.
 *
 * @param address the IP address the scanner reached, or empty
 * @param hostName the host's DNS or NetBIOS name as the report gives it, or empty
 * @param cveIds upper-case CVE ids, e.g. {@code CVE-2021-44228}; empty when nothing was found
 */
public record ScannedHost(String address, String hostName, Set<String> cveIds) {
  public ScannedHost {
    address = address == null ? "" : address.strip();
    hostName = hostName == null ? "" : hostName.strip();
    if (address.isEmpty() && hostName.isEmpty()) {
      throw new IllegalArgumentException("a scanned host needs an address or a host name");
    }
    TreeSet<String> upper = new TreeSet<>();
    Objects.requireNonNull(cveIds, "cveIds").forEach(c -> upper.add(c.strip().toUpperCase(java.util.Locale.ROOT)));
    cveIds = Set.copyOf(upper);
  }

  /** Whether this host is the one named, by address or by host name (case-insensitive). */
  public boolean isNamed(String addressOrName) {
    return addressOrName.equalsIgnoreCase(address) || addressOrName.equalsIgnoreCase(hostName);
  }
}
