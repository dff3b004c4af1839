package org.patchwarden.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdDelegatingSerializer;
import com.fasterxml.jackson.databind.util.StdConverter;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.ssvc.SsvcDecisionPoint;
import org.patchwarden.ssvc.SsvcDecisionTable;

/**
 * The canonical JSON form of feed records: the body stored for advisories and SSVC objects, and
 * the text each per-record hash is taken of. Canonical means the same record always gives the same
 * bytes: record components in declaration order, map entries sorted by key, set elements sorted,
 * instants as ISO-8601 text with their full precision.
 */
final class RecordJson {
  private RecordJson() {}

  /**
   * The data-binding mapper, built on first use: the bodies a short command reads at start-up are
   * read by {@link CanonicalJson}, and building the mapper (modules, date formats) cost it time.
   */
  private static final class Databind {
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(new SimpleModule("sorted-sets").addSerializer(Set.class, new StdDelegatingSerializer(new Sorted())))
        .addMixIn(AffectedRange.class, AffectedRangeForms.class)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        // A body written by an older model may carry a field the record no longer has.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  static String write(Object record) {
    try {
      return Databind.MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + record.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /**
   * The body as a {@code type}. String arrays and SSVC objects in the written shape are read by
   * {@link CanonicalJson} (the same values, without building a deserializer); the rest, and any
   * body outside that shape, by data binding.
   */
  static <T> T read(String json, Class<T> type) {
    Object fast = type == String[].class ? CanonicalJson.strings(json)
        : type == SsvcDecisionTable.class ? CanonicalJson.decisionTable(json)
        : type == SsvcDecisionPoint.class ? CanonicalJson.decisionPoint(json)
        : null;
    return fast != null ? type.cast(fast) : readBound(json, type);
  }

  /** {@link #read} by data binding only. */
  static <T> T readBound(String json, Class<T> type) {
    try {
      return Databind.MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " body is not readable: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * An advisory record body with only what an assessment reads: {@link #forAssessment} of its
   * {@link #read}, parsed without its affected packages when it is in the written shape.
   */
  static AdvisoryRecord readForAssessment(String json) {
    AdvisoryRecord fast = CanonicalJson.advisoryForAssessment(json);
    return fast != null ? fast : forAssessment(readBound(json, AdvisoryRecord.class));
  }

  /** {@code r} with only what an assessment reads: no affected packages, texts, CWEs or references. */
  static AdvisoryRecord forAssessment(AdvisoryRecord r) {
    return new AdvisoryRecord(r.source(), r.id(), r.aliases(), "", "", r.published(), r.modified(), r.withdrawn(),
        List.of(), r.severities(), List.of(), List.of());
  }

  /** SHA-256 of the text's UTF-8 bytes, lower-case hex. */
  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Names the two forms of an affected range in the JSON ({@code "form": "events"|"cpe"}). */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "form")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = AffectedRange.Events.class, name = "events"),
      @JsonSubTypes.Type(value = AffectedRange.CpeMatch.class, name = "cpe")
  })
  private interface AffectedRangeForms {}

  /** A set written as a sorted array, so that its hash does not depend on hash-set iteration order. */
  @SuppressWarnings("rawtypes")
  private static final class Sorted extends StdConverter<Set, List<Object>> {
    @Override
    @SuppressWarnings("unchecked")
    public List<Object> convert(Set value) {
      List<Object> sorted = new ArrayList<>(value);
      sorted.sort(null); // natural order: set elements in our records are strings
      return sorted;
    }
  }
}
