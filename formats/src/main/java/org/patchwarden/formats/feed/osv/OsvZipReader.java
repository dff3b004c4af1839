package org.patchwarden.formats.feed.osv;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.CappedInputStream;
import org.patchwarden.formats.ZipEntryNames;

/**
 * Reads osv.dev's per-ecosystem {@code all.zip} (a zip of {@code <ID>.json} records), entry by
 * entry, with a cap on each entry's uncompressed size and on the number of entries.
 *
 * <p>A zip read as a stream cannot tell a file cut at an entry boundary from a complete one, and a
 * short snapshot would delete every record it lacks. So the archive's end record is checked first:
 * it must exist, and the entries streamed must number what it declares.
 */
public final class OsvZipReader implements FeedSnapshot<AdvisoryRecord> {
  /** Default cap on one entry, uncompressed: real OSV records are kilobytes, the largest about 1 MB. */
  public static final long DEFAULT_MAX_ENTRY_BYTES = 16L << 20;
  /** Default cap on entries: osv.dev's largest ecosystem zip (npm) holds a few hundred thousand. */
  public static final int DEFAULT_MAX_ENTRIES = 2_000_000;

  private static final int EOCD_SIGNATURE = 0x06054b50;
  private static final int EOCD_SIZE = 22;
  private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
  private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;

  private final Path zip;
  private final long maxEntryBytes;
  private final int maxEntries;

  public OsvZipReader(Path zip) {
    this(zip, DEFAULT_MAX_ENTRY_BYTES, DEFAULT_MAX_ENTRIES);
  }

  /**
   * @param maxEntryBytes largest uncompressed entry accepted
   * @param maxEntries most entries accepted (directories included)
   */
  public OsvZipReader(Path zip, long maxEntryBytes, int maxEntries) {
    this.zip = zip;
    this.maxEntryBytes = maxEntryBytes;
    this.maxEntries = maxEntries;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super AdvisoryRecord> sink) {
    String name = zip.toString();
    long declared = declaredEntries();
    if (declared > maxEntries) {
      throw new FeedFormatException(name, "end of archive",
          "declares " + declared + " entries, more than the " + maxEntries + " accepted");
    }
    NewestModified newest = new NewestModified();
    long seen = 0;
    String entryName = null;
    try (ZipInputStream zis = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip)))) {
      ZipEntry e;
      while ((e = zis.getNextEntry()) != null) {
        seen++;
        entryName = e.getName();
        if (seen > maxEntries) {
          throw new FeedFormatException(name, "entry " + seen + " (" + entryName + ")",
              "more than " + maxEntries + " entries");
        }
        // osv.dev never writes such a name: an archive with one is not osv.dev's
        if (ZipEntryNames.unsafe(entryName)) {
          throw new FeedFormatException(name, "entry " + seen,
              "unsafe entry name (absolute or climbing with ..); archive refused");
        }
        if (e.isDirectory() || !entryName.toLowerCase(Locale.ROOT).endsWith(".json")) {
          continue; // osv.dev's zips hold only <ID>.json; anything else is not a record
        }
        String source = name + "!" + entryName;
        if (e.getSize() > maxEntryBytes) {
          throw new FeedFormatException(source, "entry " + seen,
              "uncompressed size " + e.getSize() + " bytes exceeds the cap of " + maxEntryBytes);
        }
        long index = seen;
        // Closing the capped stream leaves the zip stream open for the next entry.
        InputStream entry = new CappedInputStream(zis, maxEntryBytes, count -> new FeedFormatException(source,
            "entry " + index, "uncompressed size exceeds the cap of " + maxEntryBytes + " bytes"));
        OsvJsonReader.read(entry, source, sink, newest);
      }
    } catch (ZipException | EOFException e) {
      throw new FeedFormatException(name, entryName == null ? "start" : "entry " + seen + " (" + entryName + ")",
          "malformed or truncated zip: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof ZipException || e.getCause() instanceof EOFException) {
        throw new FeedFormatException(name, "entry " + seen + " (" + entryName + ")",
            "malformed or truncated zip: " + e.getCause().getMessage(), e);
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
    if (seen != declared) {
      throw new FeedFormatException(name, "end of archive",
          "the archive declares " + declared + " entries but " + seen + " were read (truncated or altered file?)");
    }
    return newest.header();
  }

  /** The entry count of the zip's end-of-central-directory record (ZIP64 aware). */
  private long declaredEntries() {
    String name = zip.toString();
    try (SeekableByteChannel ch = Files.newByteChannel(zip)) {
      long size = ch.size();
      int tailLength = (int) Math.min(size, EOCD_SIZE + 0xFFFF); // the record, then a comment of at most 64 KiB
      ByteBuffer tail = read(ch, size - tailLength, tailLength);
      for (int i = tailLength - EOCD_SIZE; i >= 0; i--) {
        if (tail.getInt(i) == EOCD_SIGNATURE && i + EOCD_SIZE + (tail.getShort(i + 20) & 0xFFFF) == tailLength) {
          int entries = tail.getShort(i + 10) & 0xFFFF;
          if (entries != 0xFFFF) {
            return entries;
          }
          return zip64Entries(ch, size - tailLength + i);
        }
      }
      throw new FeedFormatException(name, "end of archive",
          "no end-of-central-directory record: truncated, or not a zip file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private long zip64Entries(SeekableByteChannel ch, long eocdOffset) throws IOException {
    String name = zip.toString();
    if (eocdOffset < 20) {
      throw new FeedFormatException(name, "end of archive", "ZIP64 entry count without a ZIP64 locator");
    }
    ByteBuffer locator = read(ch, eocdOffset - 20, 20);
    if (locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
      throw new FeedFormatException(name, "end of archive", "ZIP64 entry count without a ZIP64 locator");
    }
    long recordOffset = locator.getLong(8);
    if (recordOffset < 0 || recordOffset > eocdOffset - 20 - 56) {
      throw new FeedFormatException(name, "end of archive", "ZIP64 record offset out of the file");
    }
    ByteBuffer record = read(ch, recordOffset, 56);
    if (record.getInt(0) != ZIP64_EOCD_SIGNATURE) {
      throw new FeedFormatException(name, "end of archive", "no ZIP64 end-of-central-directory record");
    }
    return record.getLong(32);
  }

  private static ByteBuffer read(SeekableByteChannel ch, long offset, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    ch.position(offset);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new EOFException("end of file at " + ch.position());
      }
    }
    return b.flip();
  }
}
