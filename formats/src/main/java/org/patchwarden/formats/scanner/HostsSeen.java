package org.patchwarden.formats.scanner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.patchwarden.remediate.ScannedHost;

/** The hosts of one report as it is read: one entry per host, in first-seen order, CVEs merged. */
final class HostsSeen {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}", Pattern.CASE_INSENSITIVE);
  private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
  private static final Pattern IPV6_LIKE = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final Map<String, Entry> hosts = new LinkedHashMap<>();

  /** Whether {@code value} is written like an IP address (v4 or v6), rather than a name. */
  static boolean looksLikeAddress(String value) {
    return IPV4_LIKE.matcher(value).matches() || IPV6_LIKE.matcher(value).matches();
  }

  /** The CVE ids in {@code text} (one id, or a list separated by commas or spaces), upper-case. */
  static List<String> cveIds(String text) {
    List<String> out = new ArrayList<>();
    var m = CVE.matcher(text);
    while (m.find()) {
      out.add(m.group().toUpperCase(Locale.ROOT));
    }
    return out;
  }

  /**
   * Records that the scan reached a host, with the CVEs it saw there.
   *
   * @param key what identifies the host in this report (its address, or the target name)
   */
  void add(String key, String address, String hostName, Collection<String> cveIds) {
    Entry e = hosts.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new Entry());
    if (e.address.isEmpty()) {
      e.address = address;
    }
    if (e.hostName.isEmpty()) {
      e.hostName = hostName;
    }
    e.cveIds.addAll(cveIds);
  }

  List<ScannedHost> hosts() {
    return hosts.values().stream().map(e -> new ScannedHost(e.address, e.hostName, e.cveIds)).toList();
  }

  private static final class Entry {
    String address = "";
    String hostName = "";
    final Set<String> cveIds = new TreeSet<>();
  }
}
