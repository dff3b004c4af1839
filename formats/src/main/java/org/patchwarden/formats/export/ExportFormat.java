package org.patchwarden.formats.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The formats findings export to (docs/exports.md), by the name {@code --format} and {@code ?format=} take. */
public enum ExportFormat {
  JSON("json", "application/json", "json"),
  CSV("csv", "text/csv; charset=utf-8", "csv"),
  SARIF("sarif", "application/sarif+json", "sarif"),
  CYCLONEDX_VEX("cyclonedx-vex", "application/vnd.cyclonedx+json", "cdx.json"),
  CSAF("csaf", "application/json", "csaf.json");

  private final String label;
  private final String mediaType;
  private final String extension;

  ExportFormat(String label, String mediaType, String extension) {
    this.label = label;
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String label() {
    return label;
  }

  /** The HTTP content type of the output. */
  public String mediaType() {
    return mediaType;
  }

  /** The usual file name ending, without the dot. */
  public String extension() {
    return extension;
  }

  /** The format named {@code label} (any case). */
  public static Optional<ExportFormat> parse(String label) {
    String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.label.equals(l)).findFirst();
  }

  /** e.g. {@code json, csv, sarif, cyclonedx-vex, csaf}. */
  public static String labels() {
    return Arrays.stream(values()).map(ExportFormat::label).collect(Collectors.joining(", "));
  }

  /** A writer of this format naming {@code toolVersion} as the producing tool's version where the format records it. */
  public FindingExportWriter writer(String toolVersion) {
    return switch (this) {
      case JSON -> new FindingsJsonWriter(toolVersion);
      case CSV -> new FindingsCsvWriter();
      case SARIF -> new SarifWriter(toolVersion);
      case CYCLONEDX_VEX -> new CycloneDxVexWriter(toolVersion);
      case CSAF -> new CsafVexWriter(toolVersion);
    };
  }
}
