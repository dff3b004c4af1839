package org.patchwarden.formats.inventory.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.Fixtures;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

class MavenDependencyListReaderTest {
  private final MavenDependencyListReader reader = new MavenDependencyListReader();

  private static InstalledPackage maven(String group, String artifact, String version, String purl) {
    return new InstalledPackage("maven", group + ":" + artifact, version, "", "", "", purl);
  }

  @Test
  void readsTheResolvedArtifactsOfABuildLogWithClassifiersModulesAndOptionalMarks() {
    CollectedPackages read = Fixtures.read(reader, "maven/dependency-list-build-log.txt");

    assertThat(read.packages()).containsExactly(
        maven("org.apache.logging.log4j", "log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"),
        maven("org.apache.logging.log4j", "log4j-api", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1"),
        maven("com.fasterxml.jackson.core", "jackson-databind", "2.13.2.1",
            "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.2.1"),
        maven("org.yaml", "snakeyaml", "1.30", "pkg:maven/org.yaml/snakeyaml@1.30"),
        maven("io.netty", "netty-transport-native-epoll", "4.1.77.Final",
            "pkg:maven/io.netty/netty-transport-native-epoll@4.1.77.Final?classifier=linux-x86_64"),
        maven("com.google.code.findbugs", "jsr305", "3.0.2", "pkg:maven/com.google.code.findbugs/jsr305@3.0.2"),
        maven("com.example", "legacy-codec", "1.0", "pkg:maven/com.example/legacy-codec@1.0"),
        maven("junit", "junit", "4.12", "pkg:maven/junit/junit@4.12"),
        maven("org.hamcrest", "hamcrest-core", "1.3", "pkg:maven/org.hamcrest/hamcrest-core@1.3"));
  }

  @Test
  void warnsAboutAMalformedEntryInTheResolvedSectionOnly() {
    CollectedPackages read = Fixtures.read(reader, "maven/dependency-list-build-log.txt");

    assertThat(read.warnings()).containsExactly(
        "line 21: 'com.example:broken-entry:jar:compile' is not group:artifact:type[:classifier]:version:scope; skipped");
  }

  @Test
  void readsTheOutputFileFormWithoutLogPrefixes() {
    CollectedPackages read = Fixtures.read(reader, "maven/dependency-list-output-file.txt");

    assertThat(read.packages()).hasSize(8).contains(
        maven("org.apache.commons", "commons-text", "1.9", "pkg:maven/org.apache.commons/commons-text@1.9"),
        maven("org.apache.logging.log4j", "log4j-core", "2.14.1",
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?classifier=tests&type=test-jar"));
    assertThat(read.warnings()).isEmpty();
  }

  @Test
  void readsColouredLogsTreeOutputAndAbsoluteFileNames() {
    String log = """
        [\u001B[1;34mINFO\u001B[m] com.example:orders-api:jar:2.4.0
        [\u001B[1;34mINFO\u001B[m] +- org.apache.commons:commons-text:jar:1.9:compile
        [\u001B[1;34mINFO\u001B[m] |  \\- org.apache.commons:commons-lang3:jar:3.11:compile
        [INFO]    com.h2database:h2:jar:2.1.210:runtime:/home/ci/.m2/repository/com/h2database/h2/2.1.210/h2-2.1.210.jar
        """;

    CollectedPackages read = Fixtures.readText(reader, log, "tree.log");

    assertThat(read.packages()).extracting(InstalledPackage::name, InstalledPackage::version).containsExactly(
        org.assertj.core.groups.Tuple.tuple("org.apache.commons:commons-text", "1.9"),
        org.assertj.core.groups.Tuple.tuple("org.apache.commons:commons-lang3", "3.11"),
        org.assertj.core.groups.Tuple.tuple("com.h2database:h2", "2.1.210"));
  }

  @Test
  void readsAnEmptyListing() {
    CollectedPackages read = Fixtures.readText(reader,
        "[INFO] The following files have been resolved:\n[INFO]    none\n", "deps.txt");

    assertThat(read.packages()).isEmpty();
    assertThat(read.warnings()).isEmpty();
  }

  @Test
  void refusesAFileThatIsNoDependencyListing() {
    String requirements = Fixtures.text("pypi/requirements-pip-compile.txt");

    assertThatThrownBy(() -> Fixtures.readText(reader, requirements, "requirements.txt"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("requirements.txt at end of input: no artifact coordinates and no 'The following files have been"
            + " resolved:' header; is this the output of mvn dependency:list?");
  }

  @Test
  void refusesAListingLargerThanTheByteCap() {
    MavenDependencyListReader small = new MavenDependencyListReader(ReadLimits.DEFAULT.withMaxBytes(1024));

    assertThatThrownBy(() -> Fixtures.read(small, "maven/dependency-list-build-log.txt"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("maven/dependency-list-build-log.txt at byte 1024: larger than the limit of 1 KiB;"
            + " refusing to read further");
  }

  @Test
  void refusesMoreArtifactsThanTheEntryCap() {
    MavenDependencyListReader few = new MavenDependencyListReader(ReadLimits.DEFAULT.withMaxPackages(3));

    assertThatThrownBy(() -> Fixtures.read(few, "maven/dependency-list-output-file.txt"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("maven/dependency-list-output-file.txt at line 6: more than 3 entries; refusing to read further");
  }
}
