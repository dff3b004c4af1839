package org.patchwarden.formats.inventory.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.Fixtures;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

class CycloneDxXmlReaderTest {
  private final CycloneDxXmlReader reader = new CycloneDxXmlReader();

  @Test
  void readsTheDebianPackagesOfAn15ImageBomWithSourceArchitectureAndDistro() {
    CollectedPackages read = Fixtures.read(reader, "cyclonedx/debian-image-1.5.cdx.xml");

    assertThat(read.packages()).containsExactly(
        new InstalledPackage("deb", "libssl3", "3.0.19-1~deb12u2", "openssl", "", "amd64",
            "pkg:deb/debian/libssl3@3.0.19-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12"),
        new InstalledPackage("deb", "bash", "5.2.15-2+b8", "", "5.2.15-2", "amd64",
            "pkg:deb/debian/bash@5.2.15-2%2Bb8?arch=amd64&upstream=bash%405.2.15-2&distro=debian-12"),
        new InstalledPackage("deb", "zlib1g", "1:1.2.13.dfsg-1", "zlib", "", "amd64",
            "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&upstream=zlib&distro=debian-12"),
        new InstalledPackage("maven", "com.example:orders-api", "2.4.0", "", "", "",
            "pkg:maven/com.example/orders-api@2.4.0"),
        new InstalledPackage("maven", "org.springframework:spring-web", "5.3.17", "", "", "",
            "pkg:maven/org.springframework/spring-web@5.3.17"));
  }

  @Test
  void skipsPedigreeAncestorsAndTheSubjectsOwnComponents() {
    CollectedPackages read = Fixtures.read(reader, "cyclonedx/debian-image-1.5.cdx.xml");

    assertThat(read.packages()).extracting(InstalledPackage::name).doesNotContain("zlib", "left-pad");
    assertThat(read.subjectName()).isEqualTo("registry.example.com/orders/api");
    assertThat(read.subjectVersion()).startsWith("sha256:5b0bcabd");
  }

  @Test
  void warnsAboutTheOperatingSystemComponentWithItsPath() {
    CollectedPackages read = Fixtures.read(reader, "cyclonedx/debian-image-1.5.cdx.xml");

    assertThat(read.warnings()).singleElement().asString()
        .startsWith("/bom/components/component[1] (line 17) debian")
        .contains("operating-system 'debian' 12 has neither purl nor cpe");
  }

  @Test
  void readsTheSamePackagesAsTheJsonBindingOfTheSameBom() {
    String json = """
        {"bomFormat":"CycloneDX","specVersion":"1.5","components":[
          {"type":"library","name":"log4j-core","version":"2.14.1",
           "purl":"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
           "components":[{"type":"library","name":"django","version":"3.2","purl":"pkg:pypi/django@3.2"}]},
          {"type":"library","name":"openssl","cpe":"cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*"}]}""";
    String xml = """
        <bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components>
          <component type="library"><name>log4j-core</name><version>2.14.1</version>
            <purl>pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1</purl>
            <components><component type="library"><name>django</name><version>3.2</version>
              <purl>pkg:pypi/django@3.2</purl></component></components></component>
          <component type="library"><name>openssl</name>
            <cpe>cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*</cpe></component>
        </components></bom>""";

    assertThat(Fixtures.readText(reader, xml, "bom.xml").packages())
        .hasSize(3)
        .isEqualTo(Fixtures.readText(new CycloneDxJsonReader(), json, "bom.json").packages());
  }

  @Test
  void refusesAnExternalEntityWithoutReadingIt(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE bom [<!ENTITY xxe SYSTEM "%s">]>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components>
          <component type="library"><name>&xxe;</name><purl>pkg:npm/x@1.0.0</purl></component>
        </components></bom>""".formatted(secret.toUri());

    assertThatThrownBy(() -> Fixtures.readText(reader, xxe, "xxe.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("xxe.xml at line 2")
        .hasMessageContaining("document type declarations and entities are refused")
        .hasMessageNotContaining("TOP-SECRET");
  }

  @Test
  void refusesABillionLaughsEntityExpansion() {
    StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      entities.append("<!ENTITY lol").append(i).append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [" + entities + "]>\n"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components><component type=\"library\">"
        + "<name>&lol9;</name><purl>pkg:npm/x@1.0.0</purl></component></components></bom>";

    assertThatThrownBy(() -> Fixtures.readText(reader, bomb, "bomb.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("bomb.xml at line 2")
        .hasMessageContaining("refused");
  }

  @Test
  void refusesAnXmlDocumentThatIsNotACycloneDxBom() {
    String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><artifactId>x</artifactId></project>";

    assertThatThrownBy(() -> Fixtures.readText(reader, pom, "pom.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("pom.xml at line 1: root element <project> in namespace 'http://maven.apache.org/POM/4.0.0'"
            + " is not a CycloneDX <bom> (http://cyclonedx.org/schema/bom/1.x)");
  }

  @Test
  void refusesTruncatedXmlNamingTheSourceAndLine() {
    String whole = Fixtures.text("cyclonedx/debian-image-1.5.cdx.xml");
    String cut = whole.substring(0, whole.indexOf("<name>bash</name>"));

    assertThatThrownBy(() -> Fixtures.readText(reader, cut, "image.cdx.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("image.cdx.xml at line ")
        .hasMessageContaining("malformed XML");
  }

  @Test
  void refusesJsonGivenAsXml() {
    String json = Fixtures.text("cyclonedx/webapp-1.4.cdx.json");

    assertThatThrownBy(() -> Fixtures.readText(reader, json, "bom.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("bom.json at line 1, column 1: malformed XML");
  }

  @Test
  void refusesAnInputLargerThanTheByteCap() {
    CycloneDxXmlReader small = new CycloneDxXmlReader(ReadLimits.DEFAULT.withMaxBytes(2048));

    assertThatThrownBy(() -> Fixtures.read(small, "cyclonedx/debian-image-1.5.cdx.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("cyclonedx/debian-image-1.5.cdx.xml at byte 2048: larger than the limit of 2 KiB;"
            + " refusing to read further");
  }

  @Test
  void refusesComponentTextLongerThanTheLineCap() {
    String xml = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component type=\"library\">"
        + "<name>" + "x".repeat(70_000) + "</name></component></components></bom>";

    assertThatThrownBy(() -> Fixtures.readText(reader, xml, "long.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("long.xml at /bom/components/component[1] (line 1)/name: text longer than 65536 characters");
  }
}
