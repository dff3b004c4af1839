package org.patchwarden.app.cli;

import java.io.PrintWriter;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.feed.FeedVersion;

/** How KEV facts are printed in the terminal. */
final class KevText {
  private KevText() {}

  static void version(PrintWriter out, FeedVersion v) {
    out.printf("CISA KEV catalog %s%s: %d entries (loaded %s from %s)%n", v.version(),
        v.released() == null ? "" : " released " + v.released(), v.records(), v.loadedAt(), v.origin());
  }

  static void entry(PrintWriter out, KevEntry e) {
    out.printf("  %s  %-16s %-40s due %s%s%n", e.dateAdded(), e.cveId(),
        clip(e.vendorProject() + " " + e.product(), 40), e.dueDate(), e.knownRansomwareUse() ? "  ransomware" : "");
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
