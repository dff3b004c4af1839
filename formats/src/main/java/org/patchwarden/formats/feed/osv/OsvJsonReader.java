package org.patchwarden.formats.feed.osv;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.Json;

/**
 * Reads one OSV JSON document: a single record (the published form, {@code GO-2024-0001.json}), or
 * a JSON array of records, streamed one record at a time.
 */
public final class OsvJsonReader implements FeedSnapshot<AdvisoryRecord> {
  private final InputStream in;
  private final String source;

  /**
   * @param in the document's bytes; not closed by the reader
   * @param source names the input in error messages (a path or URL)
   */
  public OsvJsonReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super AdvisoryRecord> sink) {
    NewestModified newest = new NewestModified();
    read(in, source, sink, newest);
    return newest.header();
  }

  /** Reads one document into {@code sink}; shared by the directory and zip readers. */
  static void read(InputStream in, String source, Consumer<? super AdvisoryRecord> sink, NewestModified newest) {
    JsonParser p = null;
    try (JsonParser parser = Json.mapper().createParser(in)) {
      p = parser;
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE); // a zip entry's stream must stay open for the next entry
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        emit(p.readValueAsTree(), source, "", sink, newest);
      } else if (first == JsonToken.START_ARRAY) {
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          emit(p.readValueAsTree(), source, "[" + i + "] ", sink, newest);
          i++;
        }
      } else {
        throw new FeedFormatException(source, Json.where(p.currentLocation()),
            first == null ? "empty document" : "expected an OSV record (a JSON object) or an array of records");
      }
      if (p.nextToken() != null) {
        throw new FeedFormatException(source, Json.where(p.currentLocation()), "unexpected content after the record");
      }
    } catch (JsonProcessingException e) {
      throw Json.malformed(source, e, p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  private static void emit(JsonNode node, String source, String prefix, Consumer<? super AdvisoryRecord> sink,
      NewestModified newest) {
    AdvisoryRecord r = OsvRecords.toRecord(node, source, prefix);
    newest.see(r);
    sink.accept(r);
  }
}
