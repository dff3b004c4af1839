package org.patchwarden.formats.inventory.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.Fixtures;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

class CycloneDxJsonReaderTest {
  private final CycloneDxJsonReader reader = new CycloneDxJsonReader();

  @Test
  void readsEveryComponentOfA14BomByItsPurlInOurEcosystems() {
    CollectedPackages read = Fixtures.read(reader, "cyclonedx/webapp-1.4.cdx.json");

    assertThat(read.packages()).containsExactly(
        new InstalledPackage("maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "", "", "",
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar"),
        new InstalledPackage("maven", "com.fasterxml.jackson.core:jackson-databind", "2.13.2.1", "", "", "",
            "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.2.1?type=jar"),
        new InstalledPackage("npm", "lodash", "4.17.20", "", "", "", "pkg:npm/lodash@4.17.20"),
        new InstalledPackage("npm", "@babel/traverse", "7.22.5", "", "", "", "pkg:npm/%40babel/traverse@7.22.5"),
        new InstalledPackage("pypi", "django", "3.2", "", "", "", "pkg:pypi/Django@3.2"),
        new InstalledPackage("go", "golang.org/x/net", "v0.7.0", "", "", "", "pkg:golang/golang.org/x/net@v0.7.0"),
        new InstalledPackage("rubygems", "rack", "2.2.3", "", "", "", "pkg:gem/rack"),
        new InstalledPackage("cargo", "rand", "0.7.2", "", "", "", "pkg:cargo/rand@0.7.2"),
        new InstalledPackage("cpe", "openssl:openssl", "1.1.1k", "", "", "",
            "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*"));
  }

  @Test
  void namesTheSubjectFromMetadataComponentWithoutCountingItAsInstalled() {
    CollectedPackages read = Fixtures.read(reader, "cyclonedx/webapp-1.4.cdx.json");

    assertThat(read.subjectName()).isEqualTo("orders-webapp");
    assertThat(read.subjectVersion()).isEqualTo("1.8.0");
    assertThat(read.packages()).noneMatch(p -> p.name().contains("orders-webapp"));
  }

  @Test
  void warnsAboutUnknownPurlTypesAndComponentsWithoutIdentifierButNotAboutFiles() {
    CollectedPackages read = Fixtures.read(reader, "cyclonedx/webapp-1.4.cdx.json");

    assertThat(read.warnings()).hasSize(2);
    assertThat(read.warnings().get(0)).startsWith("components[7] (rand)").contains("purl type 'cargo'");
    assertThat(read.warnings().get(1)).startsWith("components[9] (vendored-helpers)")
        .contains("neither purl nor cpe");
  }

  @Test
  void readsNestedComponentsParentFirstAndKeepsGoModuleCase() {
    CollectedPackages read = Fixtures.read(reader, "cyclonedx/firmware-nested-1.6.cdx.json");

    assertThat(read.packages()).extracting(InstalledPackage::ecosystem, InstalledPackage::name,
        InstalledPackage::version).containsExactly(
            org.assertj.core.groups.Tuple.tuple("go", "github.com/Azure/go-autorest", "v14.2.0+incompatible"),
            org.assertj.core.groups.Tuple.tuple("go", "golang.org/x/net", "v0.7.0"),
            org.assertj.core.groups.Tuple.tuple("go", "golang.org/x/text", "v0.7.0"),
            org.assertj.core.groups.Tuple.tuple("cpe", "busybox:busybox", "1.36.1"),
            org.assertj.core.groups.Tuple.tuple("apk", "busybox-binsh", "1.36.1-r2"),
            org.assertj.core.groups.Tuple.tuple("rpm", "openssl-libs", "1:3.0.7-24.el9"),
            org.assertj.core.groups.Tuple.tuple("nuget", "Newtonsoft.Json", "12.0.3"));
    assertThat(read.subjectName()).isEqualTo("edge-gateway");
  }

  @Test
  void takesSourcePackagesArchitectureAndEpochFromPurlQualifiers() {
    CollectedPackages read = Fixtures.read(reader, "cyclonedx/firmware-nested-1.6.cdx.json");

    assertThat(read.packages()).contains(
        new InstalledPackage("apk", "busybox-binsh", "1.36.1-r2", "busybox", "", "x86_64",
            "pkg:apk/alpine/busybox-binsh@1.36.1-r2?arch=x86_64&upstream=busybox&distro=alpine-3.18.4"),
        new InstalledPackage("rpm", "openssl-libs", "1:3.0.7-24.el9", "openssl", "3.0.7-24.el9", "x86_64",
            "pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1&upstream=openssl-3.0.7-24.el9.src.rpm"
                + "&distro=rhel-9.2"));
  }

  @Test
  void warnsAboutAMalformedPurlWithItsPlace() {
    CollectedPackages read = Fixtures.read(reader, "cyclonedx/firmware-nested-1.6.cdx.json");

    assertThat(read.warnings()).anySatisfy(w -> assertThat(w).startsWith("components[4] (broken)")
        .contains("'not a purl' is malformed"));
    assertThat(read.warnings()).anySatisfy(w -> assertThat(w).startsWith("components[0] (gateway-server)")
        .contains("application 'gateway-server'"));
  }

  @Test
  void refusesTruncatedJsonNamingTheSourceAndPosition() {
    byte[] whole = Fixtures.bytes("cyclonedx/webapp-1.4.cdx.json");
    String half = new String(Arrays.copyOf(whole, whole.length / 2), java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Fixtures.readText(reader, half, "bom.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("bom.json at line ")
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void refusesAnotherJsonFormatForLackOfBomFormat() {
    String lock = Fixtures.text("npm/package-lock-v3.json");

    assertThatThrownBy(() -> Fixtures.readText(reader, lock, "package-lock.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("package-lock.json at bomFormat: missing; is this a CycloneDX JSON BOM?");
  }

  @Test
  void refusesASpecVersionThatIsNotCycloneDx1() {
    assertThatThrownBy(() -> Fixtures.readText(reader,
        "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"2.0\",\"components\":[]}", "bom.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("bom.json at specVersion: specVersion '2.0' is not a CycloneDX 1.x version");
  }

  @Test
  void readsOlderAndNewer1xSpecVersionsWithAWarning() {
    CollectedPackages read = Fixtures.readText(reader, """
        {"bomFormat":"CycloneDX","specVersion":"1.3","components":[
          {"type":"library","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20"}]}""", "bom.json");

    assertThat(read.packages()).containsExactly(
        new InstalledPackage("npm", "lodash", "4.17.20", "", "", "", "pkg:npm/lodash@4.17.20"));
    assertThat(read.warnings()).containsExactly("specVersion: CycloneDX 1.3 is outside 1.4–1.6; components read as in 1.6");
  }

  @Test
  void refusesAComponentFieldOfTheWrongTypeNamingItsPath() {
    assertThatThrownBy(() -> Fixtures.readText(reader, """
        {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
          {"name":"ok","purl":"pkg:npm/ok@1.0.0","components":[{"name":"bad","purl":42}]}]}""", "bom.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("bom.json at components[0].components[0] (bad).purl: expected a string, got NUMBER");
  }

  @Test
  void refusesAnInputLargerThanTheByteCap() {
    CycloneDxJsonReader small = new CycloneDxJsonReader(ReadLimits.DEFAULT.withMaxBytes(1024));

    assertThatThrownBy(() -> Fixtures.read(small, "cyclonedx/webapp-1.4.cdx.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("cyclonedx/webapp-1.4.cdx.json at byte 1024: larger than the limit of 1 KiB; refusing to read further");
  }

  @Test
  void refusesAFileLargerThanTheByteCapBeforeReadingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bom.json");
    Files.write(file, Fixtures.bytes("cyclonedx/webapp-1.4.cdx.json"));
    long size = Files.size(file);

    assertThatThrownBy(() -> new CycloneDxJsonReader(ReadLimits.DEFAULT.withMaxBytes(100)).read(file))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage(file + " at size " + size + " bytes: larger than the limit of 100 bytes");
    assertThat(reader.read(file).packages()).hasSize(9);
  }

  @Test
  void capsADocumentAt64MiBByDefaultAndAGeneratedLargeOneEndsInAMessageNamingIt(@TempDir Path dir) throws Exception {
    assertThat(new CycloneDxJsonReader().limits().maxBytes()).isEqualTo(64L << 20);
    assertThat(new org.patchwarden.formats.inventory.npm.PackageLockReader().limits().maxBytes()).isEqualTo(64L << 20);
    assertThat(new org.patchwarden.formats.inventory.spdx.SpdxJsonReader().limits().maxBytes()).isEqualTo(64L << 20);
    StringBuilder bom = new StringBuilder("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[");
    for (int i = 0; i < 20_000; i++) {
      bom.append(i == 0 ? "" : ",").append("{\"type\":\"library\",\"name\":\"p").append(i)
          .append("\",\"purl\":\"pkg:npm/p").append(i).append("@1.0.0\"}");
    }
    Path file = dir.resolve("bom.json");
    Files.writeString(file, bom.append("]}"));
    try (var in = Files.newInputStream(file)) {
      assertThatThrownBy(() -> new CycloneDxJsonReader(ReadLimits.JSON_DOCUMENT.withMaxBytes(256 << 10))
          .read(in, file.toString()))
          .isInstanceOf(FeedFormatException.class)
          .hasMessage(file + " at byte 262144: larger than the limit of 256 KiB; refusing to read further");
    }
  }

  @Test
  void refusesMoreComponentsThanTheEntryCap() {
    CycloneDxJsonReader few = new CycloneDxJsonReader(ReadLimits.DEFAULT.withMaxPackages(3));

    assertThatThrownBy(() -> Fixtures.read(few, "cyclonedx/webapp-1.4.cdx.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("cyclonedx/webapp-1.4.cdx.json at components[3] (traverse): more than 3 entries; refusing to read further");
  }

  @Test
  void refusesXmlGivenAsJson() {
    String xml = Fixtures.text("cyclonedx/debian-image-1.5.cdx.xml");

    assertThatThrownBy(() -> Fixtures.readText(reader, xml, "bom.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("bom.xml at line 1, column 1: malformed JSON: Unexpected character ('<'");
  }
}
