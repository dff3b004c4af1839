package org.patchwarden.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.version.OsvEvent;

class FleetGeneratorTest {
  private static final Path REAL_STATUS = Path.of("/var/lib/dpkg/status");

  private static final String STATUS = """
      Package: libssl3
      Status: install ok installed
      Priority: optional
      Architecture: amd64
      Source: openssl
      Version: 3.0.11-1~deb12u2
      Description: Secure Sockets Layer toolkit - shared libraries
       This package is part of the OpenSSL project's implementation.

      Package: libc6
      Status: install ok installed
      Architecture: amd64
      Source: glibc (2.36-9+deb12u4)
      Version: 2.36-9+deb12u4+b1

      Package: removed-one
      Status: deinstall ok config-files
      Version: 1.0-1
      """;

  @Test
  void theInstalledPackagesOfAStatusFileAreReadWithTheirSource(@TempDir Path dir) throws IOException {
    Path status = Files.writeString(dir.resolve("status"), STATUS);
    assertThat(FleetGenerator.readDpkgStatus(status)).containsExactly(
        new FleetGenerator.DpkgPackage("libssl3", "3.0.11-1~deb12u2", "openssl", "", "amd64"),
        new FleetGenerator.DpkgPackage("libc6", "2.36-9+deb12u4+b1", "glibc", "2.36-9+deb12u4", "amd64"));
  }

  @Test
  void thisMachinesDpkgDatabaseIsRead() {
    List<FleetGenerator.DpkgPackage> real = FleetGenerator.readDpkgStatus(REAL_STATUS);
    assertThat(real).hasSizeGreaterThan(100);
    assertThat(real).anySatisfy(p -> {
      assertThat(p.name()).isEqualTo("dpkg");
      assertThat(p.version()).isNotEmpty();
    });
  }

  @Test
  void aLineThatIsNeitherAFieldNorAContinuationIsRejectedWithItsPlace(@TempDir Path dir) throws IOException {
    Path status = Files.writeString(dir.resolve("status"), "Package: a\nStatus: install ok installed\ngarbage\n");
    assertThatThrownBy(() -> FleetGenerator.readDpkgStatus(status)).isInstanceOf(FeedFormatException.class)
        .hasMessageContaining(status.toString()).hasMessageContaining("line 3").hasMessageContaining("garbage");
  }

  @Test
  void aStatusFileThatIsNotUtf8IsRejected(@TempDir Path dir) throws IOException {
    Path status = Files.write(dir.resolve("status"), new byte[] {'P', 'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    assertThatThrownBy(() -> FleetGenerator.readDpkgStatus(status)).isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void hostsRunImagesAtTheFixedVersionsTheAdvisoriesNameWithDrift(@TempDir Path dir) throws IOException {
    FleetGenerator g = new FleetGenerator();
    AffectedPackage openssl = new AffectedPackage("Debian:11", "openssl", null, AffectedStatus.AFFECTED,
        List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
            new OsvEvent(OsvEvent.Kind.FIXED, "1.1.1n-0+deb11u2")))), List.of(), "");
    g.observe(new AdvisoryRecord("debian-dsa", "DSA-5139-1", Set.of(), "", "", null, null, false, List.of(openssl),
        List.of(), List.of(), List.of()));
    List<FleetGenerator.DpkgPackage> dpkg =
        FleetGenerator.readDpkgStatus(Files.writeString(dir.resolve("status"), STATUS));

    List<Inventory> fleet = g.generate(dpkg, 200, 2, 5, 1, 42L);
    assertThat(fleet).hasSize(200);
    assertThat(fleet.stream().filter(i -> i.os().versionId().equals("11")).count()).isBetween(140L, 180L);
    Inventory bullseye = fleet.stream().filter(i -> i.os().versionId().equals("11")).findFirst().orElseThrow();
    InstalledPackage libssl = bullseye.packages().stream().filter(p -> p.name().equals("libssl3")).findFirst()
        .orElseThrow();
    assertThat(libssl.version()).startsWith("1.1.1n-0+deb11u2");
    assertThat(libssl.effectiveSourceName()).isEqualTo("openssl");
    // the same seed, the same fleet
    assertThat(g.generate(dpkg, 200, 2, 5, 1, 42L)).isEqualTo(fleet);
  }

  @Test
  void aReleaseFleetPutsEveryHostOnThatReleaseAndItsStatusFilesReadBackAsWritten(@TempDir Path dir) throws IOException {
    FleetGenerator g = new FleetGenerator();
    AffectedPackage openssl = new AffectedPackage("Debian:11", "openssl", null, AffectedStatus.AFFECTED,
        List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
            new OsvEvent(OsvEvent.Kind.FIXED, "1.1.1n-0+deb11u2")))), List.of(), "");
    g.observe(new AdvisoryRecord("debian-dsa", "DSA-5139-1", Set.of(), "", "", null, null, false, List.of(openssl),
        List.of(), List.of(), List.of()));
    List<FleetGenerator.DpkgPackage> dpkg =
        FleetGenerator.readDpkgStatus(Files.writeString(dir.resolve("status"), STATUS));

    List<Inventory> fleet = g.generateRelease("Debian:11", dpkg, 30, 2, 3, 1, 7L);
    assertThat(fleet).hasSize(30).allSatisfy(i -> assertThat(i.os().codename()).isEqualTo("bullseye"));

    for (Inventory host : fleet.subList(0, 3)) {
      Path written = FleetGenerator.writeDpkgStatus(host, dir.resolve(host.assetName()));
      List<InstalledPackage> read;
      try (var in = Files.newInputStream(written)) {
        read = new org.patchwarden.formats.inventory.dpkg.DpkgStatusReader(in, written.toString()).read().packages();
      }
      assertThat(read).extracting(InstalledPackage::name, InstalledPackage::version,
          InstalledPackage::effectiveSourceName, InstalledPackage::effectiveSourceVersion)
          .containsExactlyElementsOf(host.packages().stream().map(p -> org.assertj.core.groups.Tuple.tuple(p.name(),
              p.version(), p.effectiveSourceName(), p.effectiveSourceVersion())).toList());
    }
    assertThatThrownBy(() -> g.generateRelease("Debian:12", dpkg, 1, 2, 1, 0, 1L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Debian:12");
  }

  @Test
  void listedFirstPutsSourcesTheListsNameAheadOfThisMachinesPackagesHalfwayDownTheirFixedVersions(@TempDir Path dir)
      throws IOException {
    FleetGenerator g = new FleetGenerator();
    for (String[] fix : new String[][] {{"DSA-5500-1", "zlib", "1:1.2.11.dfsg-2+deb11u3"},
        {"DSA-5300-1", "zlib", "1:1.2.11.dfsg-2+deb11u2"}, {"DSA-5200-1", "zlib", "1:1.2.11.dfsg-2+deb11u1"},
        {"DSA-5100-1", "bash", "5.1-2+deb11u1"}}) {
      AffectedPackage p = new AffectedPackage("Debian:11", fix[1], null, AffectedStatus.AFFECTED,
          List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
              new OsvEvent(OsvEvent.Kind.FIXED, fix[2])))), List.of(), "");
      g.observe(new AdvisoryRecord("debian-dsa", fix[0], Set.of(), "", "", null, null, false, List.of(p),
          List.of(), List.of(), List.of()));
    }
    List<FleetGenerator.DpkgPackage> dpkg =
        FleetGenerator.readDpkgStatus(Files.writeString(dir.resolve("status"), STATUS));

    List<Inventory> fleet = g.generateRelease("Debian:11", dpkg, 5, 2, 1, 2, 0, 3L);

    assertThat(fleet).allSatisfy(host -> assertThat(host.packages())
        .extracting(InstalledPackage::name, InstalledPackage::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("zlib", "1:1.2.11.dfsg-2+deb11u2"),
            org.assertj.core.groups.Tuple.tuple(dpkg.get(0).name(), dpkg.get(0).version())));
  }
}
