package org.patchwarden.formats.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InventoryFormatsTest {

  @ParameterizedTest(name = "{0} saved as {1} is {2}")
  @CsvSource({
      "cyclonedx/webapp-1.4.cdx.json,          bom.json,                      CYCLONEDX_JSON",
      "cyclonedx/webapp-1.4.cdx.json,          webapp.cdx.json,               CYCLONEDX_JSON",
      "cyclonedx/firmware-nested-1.6.cdx.json, sbom-export.json,              CYCLONEDX_JSON",
      "cyclonedx/debian-image-1.5.cdx.xml,     bom.xml,                       CYCLONEDX_XML",
      "cyclonedx/debian-image-1.5.cdx.xml,     image.xml,                     CYCLONEDX_XML",
      "spdx/python-image-2.3.spdx.json,        worker.spdx.json,              SPDX_JSON",
      "spdx/python-image-2.3.spdx.json,        bom.json,                      SPDX_JSON",
      "npm/package-lock-v3.json,               package-lock.json,             NPM_PACKAGE_LOCK",
      "npm/package-lock-v1.json,               npm-shrinkwrap.json,           NPM_PACKAGE_LOCK",
      "npm/package-lock-v1.json,               legacy-lock.json,              NPM_PACKAGE_LOCK",
      "pypi/requirements-pip-compile.txt,      requirements.txt,              PIP_REQUIREMENTS",
      "pypi/requirements-hand-edited.txt,      requirements-prod.txt,         PIP_REQUIREMENTS",
      "pypi/requirements-hand-edited.txt,      dev_requirements.txt,          PIP_REQUIREMENTS",
      "pypi/poetry-2.0.lock,                   poetry.lock,                   POETRY_LOCK",
      "pypi/poetry-2.0.lock,                   worker-poetry.lock,            POETRY_LOCK",
      "maven/dependency-list-build-log.txt,    build.log,                     MAVEN_DEPENDENCY_LIST",
      "maven/dependency-list-output-file.txt,  deps.txt,                      MAVEN_DEPENDENCY_LIST",
      "gomod/go.mod,                           go.mod,                        GO_MOD",
      "gomod/go.mod,                           gateway.mod,                   GO_MOD",
  })
  void recognizesEachFixtureByNameAndContent(String fixture, String savedAs, InventoryFormat expected) {
    assertThat(InventoryFormats.detect(savedAs, Fixtures.bytes(fixture))).contains(expected);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "status,            DPKG_STATUS",
      "installed,         APK_INSTALLED",
      "web-01.rpmqa,      RPM_QA",
      "rpm-qa.txt,        RPM_QA",
      "assets.csv,        ASSET_LIST_CSV",
      "assets.yaml,       ASSET_LIST_YAML",
      "assets.yml,        ASSET_LIST_YAML",
  })
  void recognizesTheSystemDatabasesAndAssetListsByName(String name, InventoryFormat expected) {
    assertThat(InventoryFormats.detect(name, new byte[0])).contains(expected);
    // package databases are read like any inventory file; an asset list describes assets, not packages
    boolean assetList = expected == InventoryFormat.ASSET_LIST_CSV || expected == InventoryFormat.ASSET_LIST_YAML;
    assertThat(InventoryFormats.reader(expected).isPresent()).isEqualTo(!assetList);
  }

  @Test
  void readsAPackageDatabaseThroughTheCommonReader() throws java.io.IOException {
    try (var in = getClass().getResourceAsStream("/inventory/dpkg/status-debian12-trimmed")) {
      var collected = InventoryFormats.reader(InventoryFormat.DPKG_STATUS).orElseThrow().read(in, "status");
      assertThat(collected.packages()).isNotEmpty().allSatisfy(p -> assertThat(p.ecosystem()).isEqualTo("deb"));
    }
  }

  @Test
  void recognizesARealDpkgStatusFile() throws java.net.URISyntaxException {
    // a real Debian 12 status file, trimmed (see inventory/dpkg/PROVENANCE.md)
    Path status = Path.of(getClass().getResource("/inventory/dpkg/status-debian12-trimmed").toURI());

    assertThat(InventoryFormats.detect(status)).contains(InventoryFormat.DPKG_STATUS);
    assertThat(InventoryFormats.detect("dpkg-status.txt", head(status))).contains(InventoryFormat.DPKG_STATUS);
  }

  @Test
  void recognizesNothingInFilesOfOtherKinds() {
    assertThat(InventoryFormats.detect("package.json",
        "{\"name\":\"x\",\"dependencies\":{\"lodash\":\"^4\"}}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(InventoryFormats.detect("pom.xml",
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(InventoryFormats.detect("README.md", "# Orders\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(InventoryFormats.detect("empty", new byte[0])).isEmpty();
  }

  @Test
  void givesAReaderThatReadsEveryRecognizedFixture(@TempDir Path dir) throws Exception {
    String[][] files = {
        {"cyclonedx/webapp-1.4.cdx.json", "bom.json"},
        {"cyclonedx/debian-image-1.5.cdx.xml", "bom.xml"},
        {"spdx/python-image-2.3.spdx.json", "sbom.spdx.json"},
        {"npm/package-lock-v3.json", "package-lock.json"},
        {"pypi/requirements-pip-compile.txt", "requirements.txt"},
        {"pypi/poetry-2.0.lock", "poetry.lock"},
        {"maven/dependency-list-output-file.txt", "dependencies.txt"},
        {"gomod/go.mod", "go.mod"}};
    for (String[] f : files) {
      Path file = dir.resolve(f[1]);
      Files.write(file, Fixtures.bytes(f[0]));
      Optional<InventoryReader> reader = InventoryFormats.detect(file).flatMap(InventoryFormats::reader);

      assertThat(reader).as(f[1]).isPresent();
      assertThat(reader.get().read(file).packages()).as(f[1]).isNotEmpty();
    }
  }

  @Test
  void failsWithTheFileNameWhenTheFileCannotBeRead(@TempDir Path dir) {
    Path missing = dir.resolve("bom.json");

    assertThatThrownBy(() -> InventoryFormats.detect(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + missing);
  }

  private static byte[] head(Path file) {
    try (var in = Files.newInputStream(file)) {
      return in.readNBytes(InventoryFormats.HEAD_BYTES);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
