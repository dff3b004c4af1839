package org.patchwarden.formats.inventory.spdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.Fixtures;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

class SpdxJsonReaderTest {
  private final SpdxJsonReader reader = new SpdxJsonReader();

  @Test
  void readsEveryPackageByItsPurlReferenceAndCpeWhenItHasNoPurl() {
    CollectedPackages read = Fixtures.read(reader, "spdx/python-image-2.3.spdx.json");

    assertThat(read.packages()).containsExactly(
        new InstalledPackage("pypi", "django", "3.2", "", "", "", "pkg:pypi/django@3.2"),
        new InstalledPackage("pypi", "requests", "2.25.1", "", "", "", "pkg:pypi/requests"),
        new InstalledPackage("pypi", "pyyaml", "5.3.1", "", "", "", "pkg:pypi/PyYAML@5.3.1"),
        new InstalledPackage("deb", "libexpat1", "2.5.0-1+deb12u1", "expat", "", "amd64",
            "pkg:deb/debian/libexpat1@2.5.0-1%2Bdeb12u1?arch=amd64&upstream=expat&distro=debian-12"),
        new InstalledPackage("maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "", "", "",
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"),
        new InstalledPackage("cpe", "sqlite:sqlite", "3.40.1", "", "", "",
            "cpe:2.3:a:sqlite:sqlite:3.40.1:*:*:*:*:*:*:*"));
  }

  @Test
  void takesTheDescribedPackageAsSubjectAndNotAsInstalled() {
    CollectedPackages read = Fixtures.read(reader, "spdx/python-image-2.3.spdx.json");

    assertThat(read.subjectName()).isEqualTo("registry.example.com/billing/worker");
    assertThat(read.subjectVersion()).startsWith("sha256:8f1b7c0c");
    assertThat(read.packages()).noneMatch(p -> p.ecosystem().equals("oci"));
  }

  @Test
  void warnsAboutAPackageWithoutIdentifierAndTakesNoAssertionAsNoVersion() {
    CollectedPackages read = Fixtures.read(reader, "spdx/python-image-2.3.spdx.json");

    assertThat(read.warnings()).containsExactly("packages[7] (billing-worker-plugins): package"
        + " 'billing-worker-plugins' has neither purl nor CPE reference; it cannot be matched");
  }

  @Test
  void takesTheSubjectFromDocumentDescribesAndFallsBackToTheDocumentName() {
    String describes = """
        {"spdxVersion":"SPDX-2.2","SPDXID":"SPDXRef-DOCUMENT","name":"doc","documentDescribes":["SPDXRef-app"],
         "packages":[{"SPDXID":"SPDXRef-app","name":"app","versionInfo":"1.0"},
                     {"SPDXID":"SPDXRef-l","name":"lodash","versionInfo":"4.17.20","externalRefs":[
                       {"referenceCategory":"PACKAGE_MANAGER","referenceType":"purl","referenceLocator":"pkg:npm/lodash@4.17.20"}]}]}""";
    String none = "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"just-a-doc\",\"packages\":[]}";

    CollectedPackages app = Fixtures.readText(reader, describes, "app.spdx.json");
    assertThat(app.subjectName()).isEqualTo("app");
    assertThat(app.warnings()).isEmpty();
    assertThat(app.packages()).extracting(InstalledPackage::name).containsExactly("lodash");
    assertThat(Fixtures.readText(reader, none, "doc.spdx.json").subjectName()).isEqualTo("just-a-doc");
  }

  @Test
  void refusesAJsonFileThatIsNotSpdx() {
    String bom = Fixtures.text("cyclonedx/webapp-1.4.cdx.json");

    assertThatThrownBy(() -> Fixtures.readText(reader, bom, "bom.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("bom.json at spdxVersion: missing; is this an SPDX 2 JSON document?");
  }

  @Test
  void refusesSpdx3() {
    assertThatThrownBy(() -> Fixtures.readText(reader, "{\"spdxVersion\":\"SPDX-3.0\"}", "x.spdx.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("x.spdx.json at spdxVersion: 'SPDX-3.0' is not SPDX 2.x (SPDX 3 JSON-LD is a different format)");
  }

  @Test
  void refusesAnExternalReferenceOfTheWrongShapeNamingItsPath() {
    assertThatThrownBy(() -> Fixtures.readText(reader, """
        {"spdxVersion":"SPDX-2.3","packages":[{"name":"a","externalRefs":[{"referenceType":"purl","referenceLocator":7}]}]}""",
        "x.spdx.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("x.spdx.json at packages[0] (a).externalRefs[0].referenceLocator: expected a string, got NUMBER");
  }

  @Test
  void refusesATruncatedDocument() {
    String whole = Fixtures.text("spdx/python-image-2.3.spdx.json");

    assertThatThrownBy(() -> Fixtures.readText(reader, whole.substring(0, whole.indexOf("\"log4j-core\"")), "x.spdx.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("x.spdx.json at line ")
        .hasMessageContaining("malformed JSON: Unexpected end-of-input");
  }

  @Test
  void refusesADocumentLargerThanTheByteCap() {
    SpdxJsonReader small = new SpdxJsonReader(ReadLimits.DEFAULT.withMaxBytes(4096));

    assertThatThrownBy(() -> Fixtures.read(small, "spdx/python-image-2.3.spdx.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("spdx/python-image-2.3.spdx.json at byte 4096: larger than the limit of 4 KiB; refusing to read further");
  }

  @Test
  void refusesMorePackagesThanTheEntryCap() {
    SpdxJsonReader few = new SpdxJsonReader(ReadLimits.DEFAULT.withMaxPackages(4));

    assertThatThrownBy(() -> Fixtures.read(few, "spdx/python-image-2.3.spdx.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("spdx/python-image-2.3.spdx.json at packages[4] (libexpat1): more than 4 entries; refusing to read further");
  }
}
