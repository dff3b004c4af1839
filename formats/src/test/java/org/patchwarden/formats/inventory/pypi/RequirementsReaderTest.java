package org.patchwarden.formats.inventory.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.Fixtures;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

class RequirementsReaderTest {
  private final RequirementsReader reader = new RequirementsReader();

  private static InstalledPackage pypi(String name, String version) {
    return new InstalledPackage("pypi", name, version, "", "", "", "pkg:pypi/" + name + "@" + version);
  }

  @Test
  void readsPipCompileOutputWithHashContinuationsAndViaComments() {
    CollectedPackages read = Fixtures.read(reader, "pypi/requirements-pip-compile.txt");

    assertThat(read.packages()).containsExactly(
        pypi("asgiref", "3.7.2"),
        pypi("django", "3.2"),
        pypi("pytz", "2023.3.post1"),
        pypi("pyyaml", "5.3.1"),
        pypi("sqlparse", "0.4.4"));
    assertThat(read.warnings()).isEmpty();
  }

  @Test
  void readsPinsWithExtrasMarkersSpacesAndArbitraryEquality() {
    CollectedPackages read = Fixtures.read(reader, "pypi/requirements-hand-edited.txt");

    assertThat(read.packages()).containsExactly(
        pypi("requests", "2.25.1"),
        pypi("importlib-metadata", "4.8.3"),
        pypi("jinja2", "2.11.2"),
        pypi("zope-interface", "5.4.0"),
        pypi("cryptography", "3.3.2"));
  }

  @Test
  void listsUnpinnedRequirementsAndIncludesAsWarningsWithTheirLines() {
    CollectedPackages read = Fixtures.read(reader, "pypi/requirements-hand-edited.txt");

    assertThat(read.warnings()).containsExactly(
        "line 2: includes 'base.txt', which is not followed: read it too",
        "line 3: constraints file 'constraints.txt' is not followed",
        "line 8: 'urllib3>=1.26,<2' is not pinned to one version (>=1.26,<2); not matched",
        "line 9: 'celery' is not pinned to one version (no version); not matched",
        "line 10: 'numpy==1.21.*' is not pinned to one version (==1.21.*); not matched",
        "line 12: editable install 'git+https://git.example.com/billing/ledger.git#egg=ledger' has no pinned"
            + " version; not matched",
        "line 13: 'internal-sdk @ https://files.example.com/internal_sdk-3.1.0-py3-none-any.whl' is a URL or path"
            + " requirement, not a pinned version; not matched");
  }

  @Test
  void readsGluedShortOptionsAndALastLineWithoutNewline() {
    CollectedPackages read = Fixtures.readText(reader,
        "-rbase.txt\nclick==8.1.3\t--hash=sha256:bb4d8133cb15a609f44e8213d9b391b0809795062913b383c62be0ee95b1db48\n"
            + "flask==2.2.2", "requirements.txt");

    assertThat(read.packages()).containsExactly(pypi("click", "8.1.3"), pypi("flask", "2.2.2"));
    assertThat(read.warnings()).containsExactly("line 1: includes 'base.txt', which is not followed: read it too");
  }

  @Test
  void warnsAboutLinesThatAreNoRequirementAtAll() {
    String json = Fixtures.text("npm/package-lock-v1.json");

    CollectedPackages read = Fixtures.readText(reader, json, "package-lock.json");

    assertThat(read.packages()).isEmpty();
    assertThat(read.warnings()).first().asString().isEqualTo("line 1: '{' is not a requirement pip understands; skipped");
  }

  @Test
  void refusesALineLongerThanTheLineCap() {
    assertThatThrownBy(() -> Fixtures.readText(reader, "flask==2.2.2\n" + "a".repeat(70_000), "requirements.txt"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("requirements.txt at line 2: longer than 65536 characters");
  }

  @Test
  void refusesAFileLargerThanTheByteCap() {
    RequirementsReader small = new RequirementsReader(ReadLimits.DEFAULT.withMaxBytes(256));

    assertThatThrownBy(() -> Fixtures.read(small, "pypi/requirements-pip-compile.txt"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("pypi/requirements-pip-compile.txt at byte 256: larger than the limit of 256 bytes;"
            + " refusing to read further");
  }

  @Test
  void refusesBinaryInput() {
    byte[] gzip = {0x1f, (byte) 0x8b, 0x08, 0x00, (byte) 0xff, (byte) 0xfe, 0x00, 0x0a};

    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(gzip), "requirements.txt.gz"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("requirements.txt.gz at line 1 (byte offset 1): not UTF-8 text");
  }

  @Test
  void refusesEndlessContinuations() {
    assertThatThrownBy(() -> Fixtures.readText(reader, "flask==2.2.2 \\\n".repeat(300), "requirements.txt"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("requirements.txt at line 1: more than 256 continuation lines");
  }
}
