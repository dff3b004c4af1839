package org.patchwarden.formats.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.io.InputStream;
import org.patchwarden.formats.inventory.apk.ApkInstalledReader;
import org.patchwarden.formats.inventory.dpkg.DpkgStatusReader;
import org.patchwarden.formats.inventory.rpm.RpmQueryReader;
import java.util.regex.Pattern;
import org.patchwarden.formats.inventory.cyclonedx.CycloneDxJsonReader;
import org.patchwarden.formats.inventory.cyclonedx.CycloneDxXmlReader;
import org.patchwarden.formats.inventory.gomod.GoModReader;
import org.patchwarden.formats.inventory.maven.MavenDependencyListReader;
import org.patchwarden.formats.inventory.npm.PackageLockReader;
import org.patchwarden.formats.inventory.pypi.PoetryLockReader;
import org.patchwarden.formats.inventory.pypi.RequirementsReader;
import org.patchwarden.formats.inventory.spdx.SpdxJsonReader;

/**
 * Tells which inventory format a file is, from its name and its first bytes, and gives the reader
 * for it. Content decides over the name where the two can disagree (a {@code bom.json} holding an
 * SPDX document is SPDX); names decide for the formats whose content says little ({@code status},
 * {@code installed}, {@code go.mod}).
 */
public final class InventoryFormats {
  /** How much of a file is looked at: the markers sit in the first lines of every format. */
  public static final int HEAD_BYTES = 8192;

  private static final Pattern REQUIREMENTS_NAME = Pattern.compile("(.*[-_.])?requirements([-_.].*)?\\.txt");
  private static final Pattern MAVEN_COORDINATES = Pattern.compile(
      "(?m)^(\\[INFO\\])?[ |+\\\\-]*[\\w.-]+:[\\w.-]+:[\\w.-]+(:[\\w.-]+)?:[\\w.+-]+:(compile|runtime|test|provided|system)\\b");
  private static final Pattern GO_MODULE = Pattern.compile("(?m)\\A(\\s*//[^\\n]*\\n|\\s*\\n)*\\s*module\\s+\\S");

  private InventoryFormats() {}

  /**
   * The format of a file, from its name and its first {@value #HEAD_BYTES} bytes.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Optional<InventoryFormat> detect(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Path name = file.getFileName();
    return detect(name == null ? "" : name.toString(), head);
  }

  /** The format of content named {@code fileName} whose first bytes are {@code head}. */
  public static Optional<InventoryFormat> detect(String fileName, byte[] head) {
    String name = fileName.toLowerCase(Locale.ROOT);
    // NB: a cut multi-byte character at the end of the head decodes to U+FFFD, which no marker uses.
    String text = new String(head, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String trimmed = text.stripLeading();
    switch (name) {
      case "package-lock.json", "npm-shrinkwrap.json" -> {
        return Optional.of(InventoryFormat.NPM_PACKAGE_LOCK);
      }
      case "poetry.lock" -> {
        return Optional.of(InventoryFormat.POETRY_LOCK);
      }
      case "go.mod" -> {
        return Optional.of(InventoryFormat.GO_MOD);
      }
      case "status" -> {
        return Optional.of(InventoryFormat.DPKG_STATUS);
      }
      case "installed" -> {
        return Optional.of(InventoryFormat.APK_INSTALLED);
      }
      case "rpm-qa.txt" -> {
        return Optional.of(InventoryFormat.RPM_QA);
      }
      case "assets.csv" -> {
        return Optional.of(InventoryFormat.ASSET_LIST_CSV);
      }
      case "assets.yaml", "assets.yml" -> {
        return Optional.of(InventoryFormat.ASSET_LIST_YAML);
      }
      default -> { }
    }
    if (name.endsWith(".rpmqa")) {
      return Optional.of(InventoryFormat.RPM_QA);
    }
    if (trimmed.startsWith("{")) {
      return json(name, trimmed);
    }
    if (trimmed.startsWith("<")) {
      if (trimmed.contains("cyclonedx.org/schema/bom") || name.equals("bom.xml") || name.endsWith(".cdx.xml")
          || name.endsWith(".cyclonedx.xml")) {
        return Optional.of(InventoryFormat.CYCLONEDX_XML);
      }
      return Optional.empty();
    }
    if (REQUIREMENTS_NAME.matcher(name).matches()) {
      return Optional.of(InventoryFormat.PIP_REQUIREMENTS);
    }
    if (text.contains("The following files have been resolved:") || MAVEN_COORDINATES.matcher(text).find()) {
      return Optional.of(InventoryFormat.MAVEN_DEPENDENCY_LIST);
    }
    if (GO_MODULE.matcher(text).lookingAt() && (text.contains("\nrequire") || text.contains("\ngo "))) {
      return Optional.of(InventoryFormat.GO_MOD);
    }
    if (name.endsWith(".lock") && text.contains("[[package]]")) {
      return Optional.of(InventoryFormat.POETRY_LOCK);
    }
    if (text.startsWith("Package: ") && text.contains("\nStatus: ")) {
      return Optional.of(InventoryFormat.DPKG_STATUS);
    }
    return Optional.empty();
  }

  private static Optional<InventoryFormat> json(String name, String head) {
    if (head.contains("\"bomFormat\"")) {
      return Optional.of(InventoryFormat.CYCLONEDX_JSON);
    }
    if (head.contains("\"spdxVersion\"")) {
      return Optional.of(InventoryFormat.SPDX_JSON);
    }
    if (head.contains("\"lockfileVersion\"")) {
      return Optional.of(InventoryFormat.NPM_PACKAGE_LOCK);
    }
    if (name.endsWith(".cdx.json") || name.endsWith(".cyclonedx.json") || name.equals("bom.json")) {
      return Optional.of(InventoryFormat.CYCLONEDX_JSON);
    }
    if (name.endsWith(".spdx.json")) {
      return Optional.of(InventoryFormat.SPDX_JSON);
    }
    return Optional.empty();
  }

  /** A package-database collector that reads a stream by itself, under its own caps. */
  @FunctionalInterface
  private interface DatabaseCollector {
    CollectedPackages read(InputStream in, String source);
  }

  private static InventoryReader database(DatabaseCollector collector) {
    return new InventoryReader() {
      @Override
      public ReadLimits limits() {
        return ReadLimits.DEFAULT;
      }

      @Override
      public CollectedPackages read(InputStream in, String source) {
        return collector.read(in, source);
      }
    };
  }

  /**
   * The reader for a format, with default limits; empty for asset lists, which describe assets
   * rather than packages ({@code AssetListReader}). An rpm list does not say its distribution: its
   * purls use the {@code redhat} namespace.
   */
  public static Optional<InventoryReader> reader(InventoryFormat format) {
    return Optional.ofNullable(switch (format) {
      case CYCLONEDX_JSON -> new CycloneDxJsonReader();
      case CYCLONEDX_XML -> new CycloneDxXmlReader();
      case SPDX_JSON -> new SpdxJsonReader();
      case NPM_PACKAGE_LOCK -> new PackageLockReader();
      case PIP_REQUIREMENTS -> new RequirementsReader();
      case POETRY_LOCK -> new PoetryLockReader();
      case MAVEN_DEPENDENCY_LIST -> new MavenDependencyListReader();
      case GO_MOD -> new GoModReader();
      case DPKG_STATUS -> database((in, source) -> new DpkgStatusReader(in, source).read());
      case RPM_QA -> database((in, source) -> new RpmQueryReader(in, source, "redhat").read());
      case APK_INSTALLED -> database((in, source) -> new ApkInstalledReader(in, source).read());
      case ASSET_LIST_CSV, ASSET_LIST_YAML -> null;
    });
  }
}
