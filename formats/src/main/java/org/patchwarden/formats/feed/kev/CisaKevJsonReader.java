package org.patchwarden.formats.feed.kev;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.Json;

/**
 * Reads CISA's KEV catalog JSON ({@code known_exploited_vulnerabilities.json}) as a stream: one
 * vulnerability object in memory at a time, whatever the catalog size.
 *
 * <p>The catalog is validated while read: required fields, CVE syntax, ISO dates, and that {@code
 * count} matches the entries, so that a truncated or tampered download is refused.
 */
public final class CisaKevJsonReader implements FeedSnapshot<KevEntry> {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}");

  private final InputStream in;
  private final String source;

  /**
   * @param in the catalog bytes; not closed by the reader
   * @param source names the input in error messages (a path or URL)
   */
  public CisaKevJsonReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super KevEntry> sink) {
    try (JsonParser p = Json.mapper().createParser(in)) {
      return read(p, sink);
    } catch (JsonProcessingException e) {
      throw Json.malformed(source, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  private FeedHeader read(JsonParser p, Consumer<? super KevEntry> sink) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new FeedFormatException(source, Json.where(p.currentLocation()),
          "expected a JSON object (the KEV catalog)");
    }
    String version = null;
    Instant released = null;
    Integer declaredCount = null;
    int entries = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "catalogVersion" -> version = text(p, value, field);
        case "dateReleased" -> released = instant(text(p, value, field), field);
        case "count" -> {
          if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new FeedFormatException(source, "count", "expected an integer");
          }
          declaredCount = p.getIntValue();
        }
        case "vulnerabilities" -> entries = readEntries(p, value, sink);
        default -> p.skipChildren();
      }
    }
    if (version == null || version.isBlank()) {
      throw new FeedFormatException(source, "catalogVersion", "missing; is this a KEV catalog?");
    }
    if (entries < 0) {
      throw new FeedFormatException(source, "vulnerabilities", "missing; is this a KEV catalog?");
    }
    if (declaredCount != null && declaredCount != entries) {
      throw new FeedFormatException(source, "count",
          "declares " + declaredCount + " vulnerabilities but holds " + entries + " (truncated or altered file?)");
    }
    return new FeedHeader(version, released);
  }

  private int readEntries(JsonParser p, JsonToken start, Consumer<? super KevEntry> sink) throws IOException {
    if (start != JsonToken.START_ARRAY) {
      throw new FeedFormatException(source, "vulnerabilities", "expected an array");
    }
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new FeedFormatException(source, "vulnerabilities[" + index + "]", "expected an object");
      }
      JsonNode node = p.readValueAsTree();
      sink.accept(entry(node, index));
      index++;
    }
    return index;
  }

  private KevEntry entry(JsonNode n, int index) {
    String cve = n.path("cveID").asText("");
    String place = "vulnerabilities[" + index + "]" + (cve.isEmpty() ? "" : " (" + cve + ")");
    if (!CVE.matcher(cve).matches()) {
      throw new FeedFormatException(source, place, "cveID '" + cve + "' is not a CVE identifier");
    }
    List<String> cwes = new ArrayList<>();
    JsonNode cweNode = n.path("cwes");
    if (cweNode.isArray()) {
      cweNode.forEach(c -> cwes.add(c.asText()));
    } else if (!cweNode.isMissingNode() && !cweNode.isNull()) {
      throw new FeedFormatException(source, place + ".cwes", "expected an array");
    }
    return new KevEntry(
        cve,
        required(n, "vendorProject", place),
        required(n, "product", place),
        required(n, "vulnerabilityName", place),
        date(required(n, "dateAdded", place), place + ".dateAdded"),
        required(n, "shortDescription", place),
        required(n, "requiredAction", place),
        date(required(n, "dueDate", place), place + ".dueDate"),
        n.path("knownRansomwareCampaignUse").asText("Unknown"),
        n.path("notes").asText(""),
        cwes);
  }

  private String required(JsonNode n, String field, String place) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new FeedFormatException(source, place, "missing " + field);
    }
    if (!v.isTextual()) {
      throw new FeedFormatException(source, place + "." + field, "expected a string");
    }
    return v.asText();
  }

  private String text(JsonParser p, JsonToken value, String field) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw new FeedFormatException(source, field, "expected a string");
    }
    return p.getText();
  }

  private LocalDate date(String text, String place) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new FeedFormatException(source, place, "'" + text + "' is not a yyyy-MM-dd date");
    }
  }

  private Instant instant(String text, String place) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      // NB: CISA doesn't always give a time zone; a plain date-time is read as UTC.
      try {
        return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new FeedFormatException(source, place, "'" + text + "' is not an ISO-8601 date-time");
      }
    }
  }
}
