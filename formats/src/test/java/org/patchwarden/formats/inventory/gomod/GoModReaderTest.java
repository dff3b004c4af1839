package org.patchwarden.formats.inventory.gomod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.Fixtures;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

class GoModReaderTest {
  private final GoModReader reader = new GoModReader();

  private static InstalledPackage go(String path, String version, String purl) {
    return new InstalledPackage("go", path, version, "", "", "", purl);
  }

  @Test
  void readsDirectAndIndirectRequirementsWithReplacementsApplied() {
    CollectedPackages read = Fixtures.read(reader, "gomod/go.mod");

    assertThat(read.packages()).containsExactly(
        go("github.com/gin-gonic/gin", "v1.9.0", "pkg:golang/github.com/gin-gonic/gin@v1.9.0"),
        go("golang.org/x/net", "v0.17.0", "pkg:golang/golang.org/x/net@v0.17.0"),
        go("github.com/Azure/go-autorest", "v14.2.0+incompatible",
            "pkg:golang/github.com/Azure/go-autorest@v14.2.0%2Bincompatible"),
        go("google.golang.org/grpc", "v1.53.0", "pkg:golang/google.golang.org/grpc@v1.53.0"),
        go("github.com/bytedance/sonic", "v1.8.0", "pkg:golang/github.com/bytedance/sonic@v1.8.0"),
        go("github.com/golang/protobuf", "v1.5.3", "pkg:golang/github.com/golang/protobuf@v1.5.3"),
        go("golang.org/x/sys", "v0.5.0", "pkg:golang/golang.org/x/sys@v0.5.0"),
        go("golang.org/x/text", "v0.7.0", "pkg:golang/golang.org/x/text@v0.7.0"),
        go("google.golang.org/genproto", "v0.0.0-20230110181048-76db0878b65f",
            "pkg:golang/google.golang.org/genproto@v0.0.0-20230110181048-76db0878b65f"),
        go("gopkg.in/yaml.v3", "v3.0.1", "pkg:golang/gopkg.in/yaml.v3@v3.0.1"),
        go("github.com/gorilla/websocket", "v1.4.2", "pkg:golang/github.com/gorilla/websocket@v1.4.2"));
    assertThat(read.subjectName()).isEqualTo("github.com/example/edge-gateway");
  }

  @Test
  void warnsAboutAModuleReplacedByALocalDirectory() {
    CollectedPackages read = Fixtures.read(reader, "gomod/go.mod");

    assertThat(read.warnings()).containsExactly("line 12: github.com/example/internal-auth v0.3.1 is replaced by the"
        + " local directory ../internal-auth (line 30); not matched");
  }

  @Test
  void appliesAVersionedReplacementOnlyToThatVersion() {
    CollectedPackages read = Fixtures.readText(reader, """
        module example.com/m
        require golang.org/x/net v0.8.0
        replace golang.org/x/net v0.7.0 => golang.org/x/net v0.17.0
        """, "go.mod");

    assertThat(read.packages()).extracting(InstalledPackage::version).containsExactly("v0.8.0");
  }

  @Test
  void refusesARequirementWithAVersionGoWouldRefuse() {
    assertThatThrownBy(() -> Fixtures.readText(reader, "module m\nrequire golang.org/x/net 0.7.0\n", "go.mod"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("go.mod at line 2: '0.7.0' is not a Go module version (vMAJOR.MINOR.PATCH…)");
  }

  @Test
  void refusesATruncatedBlock() {
    String whole = Fixtures.text("gomod/go.mod");
    String cut = whole.substring(0, whole.indexOf("\t\"gopkg.in"));

    assertThatThrownBy(() -> Fixtures.readText(reader, cut, "go.mod"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("go.mod at line 15: 'require (' block is never closed (truncated?)");
  }

  @Test
  void refusesAFileWithoutModuleDirective() {
    String requirements = Fixtures.text("pypi/requirements-pip-compile.txt");

    assertThatThrownBy(() -> Fixtures.readText(reader, requirements, "requirements.txt"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("requirements.txt at end of input: no module directive; is this a go.mod?");
    assertThatThrownBy(() -> Fixtures.readText(reader, "go 1.21\n", "go.mod"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("go.mod at end of input: no module directive; is this a go.mod?");
  }

  @Test
  void refusesAMalformedReplaceAndAnUnterminatedString() {
    assertThatThrownBy(() -> Fixtures.readText(reader, "module m\nreplace a => \n", "go.mod"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("go.mod at line 2: replace needs 'module [version] => target [version]', got a =>");
    assertThatThrownBy(() -> Fixtures.readText(reader, "module m\nrequire \"a v1.0.0\n", "go.mod"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("go.mod at line 2: unterminated quoted string");
  }

  @Test
  void refusesAGoModLargerThanTheByteCapOrWithMoreRequirementsThanTheEntryCap() {
    assertThatThrownBy(() -> Fixtures.read(new GoModReader(ReadLimits.DEFAULT.withMaxBytes(100)), "gomod/go.mod"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("gomod/go.mod at byte 100: larger than the limit of 100 bytes; refusing to read further");
    assertThatThrownBy(() -> Fixtures.read(new GoModReader(ReadLimits.DEFAULT.withMaxPackages(2)), "gomod/go.mod"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("gomod/go.mod at line 10: more than 2 entries; refusing to read further");
  }
}
