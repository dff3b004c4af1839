package org.patchwarden.formats.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AttackMapping;
import org.patchwarden.advisory.AttackObject;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.feed.attack.AttackStixReader;
import org.patchwarden.formats.feed.attack.MappingsExplorerReader;
import org.patchwarden.formats.feed.cve5.Cve5RecordReader;
import org.patchwarden.formats.feed.debian.DebianSecurityListReader;
import org.patchwarden.formats.feed.debian.DebianTrackerJsonReader;
import org.patchwarden.formats.feed.epss.FirstEpssCsvReader;
import org.patchwarden.formats.feed.kev.CisaKevCsvReader;
import org.patchwarden.formats.feed.kev.CisaKevJsonReader;
import org.patchwarden.formats.feed.nvd.NvdCveApiReader;
import org.patchwarden.formats.feed.osv.OsvFeeds;
import org.patchwarden.formats.feed.ssvc.SsvcDataReader;
import org.patchwarden.ssvc.SsvcObject;

/**
 * Opens the right reader for a {@link FeedInput}: one typed snapshot per kind of record, each
 * reading its files lazily, one at a time, when drained.
 */
public sealed interface FeedDocumentReader {

  /** The snapshot, for callers that only count or time records. */
  FeedSnapshot<?> snapshot();

  /** CISA KEV entries. */
  record Kev(FeedSnapshot<KevEntry> snapshot) implements FeedDocumentReader {}

  /** EPSS scores. */
  record Epss(FeedSnapshot<EpssScore> snapshot) implements FeedDocumentReader {}

  /** Advisory records (NVD, CVE 5, OSV, Debian). */
  record Advisories(FeedSnapshot<AdvisoryRecord> snapshot) implements FeedDocumentReader {}

  /** ATT&CK tactics and techniques. */
  record Attack(FeedSnapshot<AttackObject> snapshot) implements FeedDocumentReader {}

  /** KEV → ATT&CK mappings. */
  record Mappings(FeedSnapshot<AttackMapping> snapshot) implements FeedDocumentReader {}

  /** SSVC decision points and tables. */
  record Ssvc(FeedSnapshot<SsvcObject> snapshot) implements FeedDocumentReader {}

  /** The reader for {@code input}; nothing is read until the snapshot is drained. */
  static FeedDocumentReader open(FeedInput input) {
    List<Path> paths = input.paths();
    return switch (input.kind()) {
      case KEV_JSON -> new Kev(streams(paths, CisaKevJsonReader::new));
      case KEV_CSV -> new Kev(streams(paths, CisaKevCsvReader::new));
      case EPSS_CSV -> new Epss(streams(paths, FirstEpssCsvReader::new));
      case NVD_API -> new Advisories(new NvdCveApiReader(paths));
      case CVE5 -> new Advisories(new Cve5RecordReader(paths));
      case OSV -> new Advisories(concat(paths, OsvFeeds::open));
      case DEBIAN_DSA, DEBIAN_DLA -> new Advisories(streams(paths,
          (in, name) -> new DebianSecurityListReader(in, name, input.source())));
      case DEBIAN_TRACKER_JSON -> new Advisories(streams(paths, DebianTrackerJsonReader::new));
      case ATTACK_STIX -> new Attack(concat(paths, AttackStixReader::new));
      case ATTACK_MAPPINGS -> new Mappings(concat(paths, MappingsExplorerReader::new));
      case SSVC -> new Ssvc(concat(paths, SsvcDataReader::new));
    };
  }

  /** A reader over an input stream, given the stream and a name for messages. */
  @FunctionalInterface
  interface StreamReader<T> {
    FeedSnapshot<T> open(InputStream in, String name);
  }

  /** Reads each file through a stream reader, opening one file at a time. */
  private static <T> FeedSnapshot<T> streams(List<Path> paths, StreamReader<T> reader) {
    return concat(paths, path -> sink -> {
      try (InputStream in = Files.newInputStream(path)) {
        return reader.open(in, path.toString()).drainTo(sink);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    });
  }

  /**
   * One snapshot over several documents of one source, read in order; its version is the greatest
   * of theirs (ISO dates or timestamps where sources state one).
   */
  private static <T> FeedSnapshot<T> concat(List<Path> paths, Function<Path, FeedSnapshot<T>> open) {
    if (paths.size() == 1) {
      return open.apply(paths.get(0));
    }
    return sink -> {
      String version = "";
      Instant released = null;
      for (Path p : paths) {
        FeedHeader h = open.apply(p).drainTo(sink);
        if (h.version().compareTo(version) > 0) {
          version = h.version();
        }
        if (h.released() != null && (released == null || h.released().isAfter(released))) {
          released = h.released();
        }
      }
      return new FeedHeader(version, released);
    };
  }
}
