package org.patchwarden.formats.scanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real scanner reports under {@code src/test/resources/scanners/} (see PROVENANCE.md there). */
final class ScannerSamples {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  private ScannerSamples() {}

  static Path path(String name) {
    URL url = ScannerSamples.class.getResource("/scanners/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no sample scanners/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every CVE id the file's text mentions anywhere: an oracle that does not parse XML. */
  static Set<String> cveIdsInText(String name) {
    try {
      Matcher m = CVE.matcher(Files.readString(path(name)));
      Set<String> ids = new TreeSet<>();
      while (m.find()) {
        ids.add(m.group());
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
