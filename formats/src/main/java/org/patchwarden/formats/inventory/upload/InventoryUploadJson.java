package org.patchwarden.formats.inventory.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.CappedInputStream;
import org.patchwarden.formats.Json;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;

/**
 * Reads and writes the upload document ({@code schema: patchwarden.inventory-upload/1}). Writing is
 * canonical (packages sorted, fields in one order), so the bytes, and the {@link #idempotencyKey},
 * depend on the inventory alone.
 */
public final class InventoryUploadJson {
  public static final String SCHEMA = "patchwarden.inventory-upload/1";
  /** Largest upload read: a host with 20,000 packages writes about 4 MB. */
  public static final long MAX_BYTES = 32L << 20;
  public static final int MAX_PACKAGES = 200_000;

  private static final Comparator<InstalledPackage> ORDER = Comparator.comparing(InstalledPackage::ecosystem)
      .thenComparing(InstalledPackage::name).thenComparing(InstalledPackage::version)
      .thenComparing(InstalledPackage::architecture).thenComparing(InstalledPackage::sourceName)
      .thenComparing(InstalledPackage::sourceVersion).thenComparing(InstalledPackage::purl);

  private InventoryUploadJson() {}

  /** The document's canonical UTF-8 bytes. */
  public static byte[] write(InventoryUpload upload) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("schema", SCHEMA);
    doc.put("asset", upload.asset());
    doc.put("agent", upload.agent());
    if (upload.os() == null) {
      doc.putNull("os");
    } else {
      ObjectNode os = doc.putObject("os");
      os.put("id", upload.os().id());
      os.put("version_id", upload.os().versionId());
      os.put("codename", upload.os().codename());
      os.put("id_like", upload.os().idLike());
    }
    ArrayNode packages = doc.putArray("packages");
    upload.packages().stream().sorted(ORDER).forEach(p -> {
      ObjectNode n = packages.addObject();
      n.put("ecosystem", p.ecosystem());
      n.put("name", p.name());
      n.put("version", p.version());
      n.put("source_name", p.sourceName());
      n.put("source_version", p.sourceVersion());
      n.put("architecture", p.architecture());
      n.put("purl", p.purl());
    });
    try {
      return Json.mapper().writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an upload document", e);
    }
  }

  /** {@code sha256:<hex>} of the canonical bytes: the upload's {@code Idempotency-Key}. */
  public static String idempotencyKey(byte[] canonical) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * Reads an upload; {@code source} names it in errors (e.g. {@code upload from 10.0.0.5}).
   *
   * @throws FeedFormatException naming the place and the reason when the document is not an upload
   */
  public static InventoryUpload read(InputStream in, String source) {
    JsonNode doc;
    try {
      doc = Json.mapper().readTree(new CappedInputStream(in, MAX_BYTES, source));
    } catch (JsonProcessingException e) {
      throw Json.malformed(source, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    if (doc == null || !doc.isObject()) {
      throw new FeedFormatException(source, "top level", "expected a JSON object");
    }
    if (!SCHEMA.equals(doc.path("schema").asText())) {
      throw new FeedFormatException(source, "schema", "expected '" + SCHEMA + "', got '" + doc.path("schema").asText() + "'");
    }
    String asset = text(doc, "asset", source, "asset", true);
    OsRelease os = null;
    JsonNode o = doc.path("os");
    if (o.isObject()) {
      os = new OsRelease(text(o, "id", source, "os.id", true), text(o, "version_id", source, "os.version_id", false),
          text(o, "codename", source, "os.codename", false), text(o, "id_like", source, "os.id_like", false));
    }
    JsonNode list = doc.path("packages");
    if (!list.isArray()) {
      throw new FeedFormatException(source, "packages", "expected an array");
    }
    if (list.size() > MAX_PACKAGES) {
      throw new FeedFormatException(source, "packages", list.size() + " packages, more than " + MAX_PACKAGES);
    }
    List<InstalledPackage> packages = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode p = list.get(i);
      String at = "packages[" + i + "]";
      packages.add(new InstalledPackage(text(p, "ecosystem", source, at + ".ecosystem", true),
          text(p, "name", source, at + ".name", true), text(p, "version", source, at + ".version", true),
          text(p, "source_name", source, at, false), text(p, "source_version", source, at, false),
          text(p, "architecture", source, at, false), text(p, "purl", source, at, false)));
    }
    return new InventoryUpload(asset, text(doc, "agent", source, "agent", false), os, packages);
  }

  private static String text(JsonNode node, String field, String source, String where, boolean required) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      if (required) {
        throw new FeedFormatException(source, where, "missing " + field);
      }
      return "";
    }
    if (!v.isTextual()) {
      throw new FeedFormatException(source, where, field + " must be a string");
    }
    if (required && v.asText().isBlank()) {
      throw new FeedFormatException(source, where, field + " is empty");
    }
    return v.asText();
  }
}
