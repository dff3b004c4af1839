package org.patchwarden.app.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.formats.feed.ContentHash;
import org.patchwarden.formats.feed.FeedInput;
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
import org.patchwarden.usecase.LoadFeeds;

/**
 * Turns a feed document found on disk into the right reader and hands it to {@link LoadFeeds}.
 * The content hash is taken first, so that an unchanged document is recognised before it is parsed.
 */
public final class FeedReading implements FeedLoader {
  private final LoadFeeds load;
  private final Consumer<Long> recordCounter;

  /**
   * @param recordCounter receives the running record count while a document is read (for progress)
   */
  public FeedReading(LoadFeeds load, Consumer<Long> recordCounter) {
    this.load = load;
    this.recordCounter = recordCounter;
  }

  @Override
  public FeedUpdate load(FeedInput input, String origin) {
    String hash = ContentHash.of(input.paths());
    List<Path> paths = input.paths();
    return switch (input.kind()) {
      case KEV_JSON -> load.kev(counted(streams(paths, CisaKevJsonReader::new)), origin, hash);
      case KEV_CSV -> load.kev(counted(streams(paths, CisaKevCsvReader::new)), origin, hash);
      case EPSS_CSV -> load.epss(counted(streams(paths, FirstEpssCsvReader::new)), origin, hash);
      case NVD_API -> load.advisories(input.source(), counted(new NvdCveApiReader(paths)), origin, hash);
      case CVE5 -> load.advisories(input.source(), counted(new Cve5RecordReader(paths)), origin, hash);
      case OSV -> load.advisories(input.source(), counted(concat(paths, OsvFeeds::open)), origin, hash);
      case DEBIAN_DSA, DEBIAN_DLA -> load.advisories(input.source(), counted(streams(paths,
          (in, name) -> new DebianSecurityListReader(in, name, input.source()))), origin, hash);
      case DEBIAN_TRACKER_JSON -> load.advisories(input.source(), counted(streams(paths, DebianTrackerJsonReader::new)),
          origin, hash);
      case ATTACK_STIX -> load.attack(input.source(), counted(concat(paths, AttackStixReader::new)), origin, hash);
      case ATTACK_MAPPINGS -> load.attackMappings(counted(concat(paths, MappingsExplorerReader::new)), origin, hash);
      case SSVC -> load.ssvc(counted(concat(paths, SsvcDataReader::new)), origin, hash);
    };
  }

  /** A reader over an input stream, given the stream and a name for messages. */
  @FunctionalInterface
  private interface StreamReader<T> {
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
   * of theirs (they are ISO dates or timestamps where sources state one).
   */
  private static <T> FeedSnapshot<T> concat(List<Path> paths, Function<Path, FeedSnapshot<T>> open) {
    if (paths.size() == 1) {
      return open.apply(paths.get(0));
    }
    return sink -> {
      String version = "";
      java.time.Instant released = null;
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

  private <T> FeedSnapshot<T> counted(FeedSnapshot<T> snapshot) {
    return sink -> {
      long[] n = {0};
      return snapshot.drainTo(record -> {
        sink.accept(record);
        if ((++n[0] & 1023) == 0) {
          recordCounter.accept(n[0]);
        }
      });
    };
  }
}
