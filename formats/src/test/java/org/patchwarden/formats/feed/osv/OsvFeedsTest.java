package org.patchwarden.formats.feed.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.formats.feed.osv.OsvDirectoryReaderTest.dir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;

class OsvFeedsTest {

  private static List<String> ids(Path p) {
    List<AdvisoryRecord> out = new ArrayList<>();
    OsvFeeds.open(p).drainTo(out::add);
    return out.stream().map(AdvisoryRecord::id).toList();
  }

  @Test
  void refusesARecordFileOverTheCapNamingTheFileInsteadOfRunningOutOfMemory(@TempDir Path tmp) throws IOException {
    // a generated record past a small cap stands for the 200 MB file that once needed 5.7 GB
    Path big = tmp.resolve("GO-2099-0001.json");
    Files.writeString(big, "{\"id\":\"GO-2099-0001\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":["
        + "{\"ranges\":[]},".repeat(10_000) + "{}]}");
    assertThatThrownBy(() -> OsvFeeds.open(big, 64 << 10).drainTo(r -> { }))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage(big + " at byte 65536: larger than the limit of 64 KiB; refusing to read further");
    Path dir = Files.createDirectories(tmp.resolve("tree/go"));
    Files.copy(big, dir.resolve(big.getFileName()));
    assertThatThrownBy(() -> OsvFeeds.open(tmp.resolve("tree"), 64 << 10).drainTo(r -> { }))
        .hasMessageStartingWith(dir.resolve(big.getFileName()) + " at byte 65536: larger than the limit of 64 KiB");
    assertThat(OsvDirectoryReader.DEFAULT_MAX_FILE_BYTES).isEqualTo(16L << 20);
  }

  @Test
  void readsADirectoryTree() {
    assertThat(OsvFeeds.open(dir("/feed/osv/almalinux"))).isInstanceOf(OsvDirectoryReader.class);
    assertThat(ids(dir("/feed/osv/almalinux"))).hasSize(5);
  }

  @Test
  void readsOneJsonOrYamlRecordFile() {
    assertThat(ids(dir("/feed/osv/single/DSA-3029-1.json"))).containsExactly("DSA-3029-1");
    assertThat(ids(dir("/feed/osv/pypa/vulns/py/PYSEC-2022-42969.yaml"))).containsExactly("PYSEC-2022-42969");
    FeedHeader h = OsvFeeds.open(dir("/feed/osv/single/DSA-3029-1.json")).drainTo(r -> { });
    assertThat(h.version()).isEqualTo("2014-09-20T08:18:07Z");
  }

  @Test
  void readsAZip(@TempDir Path tmp) throws IOException {
    Path zip = tmp.resolve("all.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("DSA-3029-1.json"));
      z.write(Files.readAllBytes(dir("/feed/osv/single/DSA-3029-1.json")));
    }
    assertThat(OsvFeeds.open(zip)).isInstanceOf(OsvZipReader.class);
    assertThat(ids(zip)).containsExactly("DSA-3029-1");
  }

  @Test
  void refusesAFileOfAnotherKind() {
    Path license = dir("/feed/osv/go/LICENSE");
    assertThatThrownBy(() -> OsvFeeds.open(license))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an OSV layout");
  }
}
