package org.patchwarden.formats.export;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;

/**
 * The official JSON Schemas of the export formats, read from test resources (src/test/resources/schemas,
 * origins in its README.md) with every $ref mapped to a local copy: validation never reaches the network.
 */
public final class OfficialSchemas {
  private static final Map<String, String> LOCAL = Map.of(
      "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json?strict", "classpath:schemas/csaf_json_schema_strict.json",
      "http://cyclonedx.org/schema/bom-1.6.schema.json", "classpath:schemas/bom-1.6.schema.json",
      "http://cyclonedx.org/schema/spdx.schema.json", "classpath:schemas/spdx.schema.json",
      "http://cyclonedx.org/schema/jsf-0.82.schema.json", "classpath:schemas/jsf-0.82.schema.json",
      "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", "classpath:schemas/csaf_json_schema.json",
      "https://www.first.org/cvss/cvss-v2.0.json", "classpath:schemas/cvss-v2.0.json",
      "https://www.first.org/cvss/cvss-v3.0.json", "classpath:schemas/cvss-v3.0.json",
      "https://www.first.org/cvss/cvss-v3.1.json", "classpath:schemas/cvss-v3.1.json");
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
          .schemaLoader(l -> l.fetchRemoteResources(false).schemaIdResolvers(r -> r.mappings(LOCAL))));
  private static final Schema SARIF = load("classpath:schemas/sarif-schema-2.1.0.json");
  private static final Schema CYCLONEDX = load("http://cyclonedx.org/schema/bom-1.6.schema.json");
  private static final Schema CSAF = load("https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json");
  private static final Schema CSAF_STRICT = load("https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json?strict");
  private static final Schema EXPORT = load("classpath:" + FindingsJsonWriter.SCHEMA_RESOURCE.substring(1));

  private OfficialSchemas() {}

  private static Schema load(String iri) {
    Schema s = REGISTRY.getSchema(SchemaLocation.of(iri));
    s.initializeValidators();
    return s;
  }

  /** Where {@code json} breaks the OASIS SARIF 2.1.0 schema; empty when valid. */
  public static List<String> sarifErrors(String json) {
    return errors(SARIF, json);
  }

  /** Where {@code json} breaks the CycloneDX 1.6 JSON schema (with its SPDX and JSF references). */
  public static List<String> cycloneDxErrors(String json) {
    return errors(CYCLONEDX, json);
  }

  /**
   * Where {@code json} breaks the OASIS CSAF 2.0 schema (with FIRST's CVSS schemas), or its strict
   * variant, which refuses properties the standard does not define.
   */
  public static List<String> csafErrors(String json) {
    List<String> out = new java.util.ArrayList<>(errors(CSAF, json));
    out.addAll(errors(CSAF_STRICT, json));
    return out;
  }

  /** Where {@code json} breaks Patchwarden's own export schema (patchwarden.export/1). */
  public static List<String> exportErrors(String json) {
    return errors(EXPORT, json);
  }

  private static List<String> errors(Schema schema, String json) {
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }
}
