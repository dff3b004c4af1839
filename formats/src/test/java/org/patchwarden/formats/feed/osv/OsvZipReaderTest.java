package org.patchwarden.formats.feed.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.formats.feed.osv.OsvDirectoryReaderTest.dir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.feed.FeedFormatException;

/** osv.dev's {@code <Ecosystem>/all.zip} is a flat zip of {@code <ID>.json}; the tests build one from the real Go sample. */
class OsvZipReaderTest {

  @TempDir
  Path tmp;

  /** The Go sample as osv.dev zips it, plus any extra entries. */
  private Path allZip(String... extraNamesAndContents) throws IOException {
    Path zip = tmp.resolve("all.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip));
        DirectoryStream<Path> ds = Files.newDirectoryStream(dir("/feed/osv/go"), "*.json")) {
      List<Path> files = new ArrayList<>();
      ds.forEach(files::add);
      files.sort(null);
      for (Path f : files) {
        z.putNextEntry(new ZipEntry(f.getFileName().toString()));
        z.write(Files.readAllBytes(f));
      }
      for (int i = 0; i < extraNamesAndContents.length; i += 2) {
        z.putNextEntry(new ZipEntry(extraNamesAndContents[i]));
        z.write(extraNamesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
      }
    }
    return zip;
  }

  private static List<AdvisoryRecord> drain(OsvZipReader reader) {
    List<AdvisoryRecord> out = new ArrayList<>();
    reader.drainTo(out::add);
    return out;
  }

  @Test
  void readsEveryRecordOfTheZipLikeTheDirectory() throws IOException {
    List<AdvisoryRecord> fromDir = new ArrayList<>();
    new OsvDirectoryReader(dir("/feed/osv/go")).drainTo(fromDir::add);
    List<AdvisoryRecord> fromZip = drain(new OsvZipReader(allZip()));
    assertThat(fromZip).hasSize(12).isEqualTo(fromDir);
  }

  @Test
  void skipsEntriesThatAreNoRecords() throws IOException {
    assertThat(drain(new OsvZipReader(allZip("README.txt", "not a record", "sub/", "")))).hasSize(12);
  }

  @Test
  void namesTheZipEntryOfABadRecord() throws IOException {
    Path zip = allZip("GO-2099-0001.json", "{\"id\":\"GO-2099-0001\",\"modified\":\"yesterday\"}");
    assertThatThrownBy(() -> drain(new OsvZipReader(zip)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage(zip + "!GO-2099-0001.json at GO-2099-0001 modified: 'yesterday' is not an RFC 3339 timestamp");
  }

  @Test
  void refusesAnEntryOverTheSizeCap() throws IOException {
    Path zip = allZip("BIG.json", "{\"id\":\"BIG\",\"modified\":\"2024-01-01T00:00:00Z\",\"details\":\""
        + "x".repeat(20_000) + "\"}");
    assertThatThrownBy(() -> drain(new OsvZipReader(zip, 10_000, 1000)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith(zip + "!")
        .hasMessageContaining("exceeds the cap of 10000");
  }

  @Test
  void refusesMoreEntriesThanTheCap() throws IOException {
    Path zip = allZip();
    assertThatThrownBy(() -> drain(new OsvZipReader(zip, 1 << 20, 5)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage(zip + " at end of archive: declares 12 entries, more than the 5 accepted");
  }

  @Test
  void refusesAZipCutInTheMiddleOfAnEntry() throws IOException {
    Path zip = allZip();
    byte[] all = Files.readAllBytes(zip);
    Files.write(zip, Arrays.copyOf(all, all.length / 2));
    assertThatThrownBy(() -> drain(new OsvZipReader(zip)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void refusesAZipCutAtAnEntryBoundaryThatAStreamAloneWouldAccept() throws IOException {
    Path zip = allZip();
    byte[] all = Files.readAllBytes(zip);
    // drop the central directory and end record: the local entries alone still stream without error.
    // The end record is the last 22 bytes (no comment); bytes 16..19 of it give the directory's offset.
    int central = java.nio.ByteBuffer.wrap(all, all.length - 22 + 16, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    try (OutputStream o = Files.newOutputStream(zip)) {
      o.write(all, 0, central);
    }
    assertThatThrownBy(() -> drain(new OsvZipReader(zip)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage(zip + " at end of archive: no end-of-central-directory record: truncated, or not a zip file");
  }

  @Test
  void refusesAnEntryThatClimbsWithDotDotOrIsAbsolute() throws IOException {
    Path climbing = allZip("../../etc/GO-2099-0001.json", "{}");
    assertThatThrownBy(() -> drain(new OsvZipReader(climbing)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage(climbing + " at entry 13: unsafe entry name (absolute or climbing with ..); archive refused");
    Files.delete(climbing);
    Path absolute = allZip("/etc/GO-2099-0001.json", "{}");
    assertThatThrownBy(() -> drain(new OsvZipReader(absolute)))
        .hasMessage(absolute + " at entry 13: unsafe entry name (absolute or climbing with ..); archive refused");
  }

  @Test
  void refusesAFileThatIsNoZip() {
    Path json = dir("/feed/osv/go/GO-2020-0001.json");
    assertThatThrownBy(() -> drain(new OsvZipReader(json)))
        .hasMessageContaining("no end-of-central-directory record");
  }
}
