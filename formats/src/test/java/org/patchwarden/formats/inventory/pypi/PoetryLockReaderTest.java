package org.patchwarden.formats.inventory.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.Fixtures;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

class PoetryLockReaderTest {
  private final PoetryLockReader reader = new PoetryLockReader();

  private static InstalledPackage pypi(String name, String version) {
    return new InstalledPackage("pypi", name, version, "", "", "", "pkg:pypi/" + name + "@" + version);
  }

  @Test
  void readsEveryPackageTableWithPep503Names() {
    CollectedPackages read = Fixtures.read(reader, "pypi/poetry-2.0.lock");

    assertThat(read.packages()).containsExactly(
        pypi("certifi", "2022.12.7"),
        pypi("flask", "2.2.2"),
        pypi("typing-extensions", "4.5.0"),
        pypi("werkzeug", "2.2.2"));
  }

  @Test
  void warnsAboutLocalDirectoryPackagesInsteadOfMatchingThem() {
    CollectedPackages read = Fixtures.read(reader, "pypi/poetry-2.0.lock");

    assertThat(read.warnings()).containsExactly("[[package]] #3 (ledger-client): installed from the local directory"
        + " '../ledger-client'; the project's own code is not matched");
  }

  @Test
  void readsTheOlderLockFormatWithMetadataFiles() {
    CollectedPackages read = Fixtures.readText(reader, """
        [[package]]
        name = "urllib3"
        version = "1.26.4"
        description = "HTTP library with thread-safe connection pooling, file post, and more."
        category = "main"
        optional = false
        python-versions = ">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*, <4"

        [metadata]
        lock-version = "1.1"
        python-versions = "^3.8"
        content-hash = "0c8b3bd5a0b4b4b0c3c2a0d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3"

        [metadata.files]
        urllib3 = [
            {file = "urllib3-1.26.4-py2.py3-none-any.whl", hash = "sha256:2f4da4594db7e1e110a944bb1b551fdf4e6c136ad42e4234131391e21eb5b0df"},
        ]
        """, "poetry.lock");

    assertThat(read.packages()).containsExactly(pypi("urllib3", "1.26.4"));
  }

  @Test
  void readsALockWithoutPackages() {
    CollectedPackages read = Fixtures.readText(reader,
        "[metadata]\nlock-version = \"2.0\"\ncontent-hash = \"abc\"\n", "poetry.lock");

    assertThat(read.packages()).isEmpty();
  }

  @Test
  void refusesTomlThatIsNotAPoetryLock() {
    assertThatThrownBy(() -> Fixtures.readText(reader, "[tool.poetry]\nname = \"x\"\n", "pyproject.toml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("pyproject.toml at [[package]]: no package tables and no [metadata]; is this a poetry.lock?");
  }

  @Test
  void refusesAPackageWithoutVersion() {
    assertThatThrownBy(() -> Fixtures.readText(reader, "[[package]]\nname = \"flask\"\n", "poetry.lock"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("poetry.lock at [[package]] #1 (flask): missing name or version");
  }

  @Test
  void refusesMalformedTomlNamingTheLine() {
    String whole = Fixtures.text("pypi/poetry-2.0.lock");
    String cut = whole.substring(0, whole.indexOf("{file = \"Flask") + 20);

    assertThatThrownBy(() -> Fixtures.readText(reader, cut, "poetry.lock"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("poetry.lock at line 21, column 25")
        .hasMessageContaining("malformed TOML");
  }

  @Test
  void refusesJsonGivenAsALock() {
    String json = Fixtures.text("npm/package-lock-v3.json");

    assertThatThrownBy(() -> Fixtures.readText(reader, json, "package-lock.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("package-lock.json at line 1")
        .hasMessageContaining("malformed TOML");
  }

  @Test
  void refusesALockLargerThanTheByteCap() {
    assertThat(reader.limits().maxBytes()).isEqualTo(32L << 20);
    PoetryLockReader small = new PoetryLockReader(ReadLimits.DEFAULT.withMaxBytes(1024));

    assertThatThrownBy(() -> Fixtures.read(small, "pypi/poetry-2.0.lock"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("pypi/poetry-2.0.lock at byte 1024: larger than the limit of 1 KiB; refusing to read further");
  }
}
