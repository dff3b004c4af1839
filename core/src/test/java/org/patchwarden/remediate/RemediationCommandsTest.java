package org.patchwarden.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemediationCommandsTest {

  private static String command(String ecosystem, String name, String target) {
    return RemediationCommands.forUpgrade(new PackageUpgrade("web-01", ecosystem, name, "", target)).text();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      deb      | openssl              | 3.0.13-1~deb12u1 | apt-get install --only-upgrade 'openssl=3.0.13-1~deb12u1'
      deb      | libc6                | 2.36-9+deb12u4   | apt-get install --only-upgrade 'libc6=2.36-9+deb12u4'
      deb      | bind9                | 1:9.18.24-1      | apt-get install --only-upgrade 'bind9=1:9.18.24-1'
      rpm      | openssl              | 1:3.0.7-27.el9   | dnf upgrade-minimal openssl-1:3.0.7-27.el9
      rpm      | bash                 | 0:5.1.8-9.el9    | dnf upgrade-minimal bash-5.1.8-9.el9
      rpm      | curl                 | 7.76.1-29.el9    | dnf upgrade-minimal curl-7.76.1-29.el9
      apk      | busybox              | 1.36.1-r19       | apk add --upgrade 'busybox>=1.36.1-r19'
      npm      | lodash               | 4.17.21          | npm install lodash@4.17.21
      npm      | @babel/traverse      | 7.23.2           | npm install @babel/traverse@7.23.2
      pypi     | jinja2               | 3.1.4            | pip install 'jinja2==3.1.4'
      go       | golang.org/x/net     | 0.23.0           | go get golang.org/x/net@v0.23.0
      go       | golang.org/x/net     | v0.23.0          | go get golang.org/x/net@v0.23.0
      cargo    | openssl              | 0.10.66          | cargo update --package openssl --precise 0.10.66
      nuget    | Newtonsoft.Json      | 13.0.1           | dotnet add package Newtonsoft.Json --version 13.0.1
      """)
  void rendersEachEcosystemsOwnCommand(String ecosystem, String name, String target, String expected) {
    assertThat(command(ecosystem, name, target)).isEqualTo(expected);
  }

  @Test
  void readsFeedSpellingsOfEcosystems() {
    assertThat(RemediationCommands.family("Debian:12")).isEqualTo("deb");
    assertThat(RemediationCommands.family("Ubuntu:22.04:LTS")).isEqualTo("deb");
    assertThat(RemediationCommands.family("AlmaLinux:9")).isEqualTo("rpm");
    assertThat(RemediationCommands.family("Red Hat:enterprise_linux:9::appstream")).isEqualTo("rpm");
    assertThat(RemediationCommands.family("Alpine:v3.20")).isEqualTo("apk");
    assertThat(RemediationCommands.family("PyPI")).isEqualTo("pypi");
    assertThat(RemediationCommands.family("crates.io")).isEqualTo("cargo");
    assertThat(command("Debian:12", "openssl", "3.0.13-1")).isEqualTo("apt-get install --only-upgrade 'openssl=3.0.13-1'");
  }

  @Test
  void aMavenUpgradeIsAnInstructionNotAShellCommand() {
    RemediationCommand c = RemediationCommands.forUpgrade(
        new PackageUpgrade("app", "maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "2.17.1"));

    assertThat(c.shell()).isFalse();
    assertThat(c.tool()).isEqualTo("manual");
    assertThat(c.text()).startsWith("set <version>2.17.1</version> for org.apache.logging.log4j:log4j-core");
  }

  @Test
  void anApplianceUpgradeIsAVendorUpdate() {
    RemediationCommand c = RemediationCommands.forUpgrade(
        new PackageUpgrade("fw-1", "cpe", "fortinet:fortios", "7.4.3", "7.4.4"));

    assertThat(c.shell()).isFalse();
    assertThat(c.text()).isEqualTo("update fortinet:fortios to 7.4.4 (vendor firmware or software update)");
  }

  @Test
  void quotesEveryWordAShellWouldInterpret() {
    assertThat(RemediationCommands.shellWord("plain-1.2_3+x:y@z/w,v")).isEqualTo("plain-1.2_3+x:y@z/w,v");
    assertThat(RemediationCommands.shellWord("a$(reboot)")).isEqualTo("'a$(reboot)'");
    assertThat(RemediationCommands.shellWord("it's")).isEqualTo("'it'\\''s'");
    assertThat(RemediationCommands.shellWord("~root")).isEqualTo("'~root'");
    assertThat(command("pypi", "x`id`", "1;reboot")).isEqualTo("pip install 'x`id`==1;reboot'");
  }

  @Test
  void combinesOneManagersUpgradesPerAssetIntoOneCommandLine() {
    List<RemediationCommand> commands = RemediationCommands.forUpgrades(List.of(
        new PackageUpgrade("web-01", "deb", "openssl", "3.0.11-1", "3.0.13-1"),
        new PackageUpgrade("db-01", "rpm", "openssl", "3.0.7-25.el9", "1:3.0.7-27.el9"),
        new PackageUpgrade("web-01", "deb", "libssl3", "3.0.11-1", "3.0.13-1"),
        new PackageUpgrade("web-01", "maven", "g:a", "1.0", "1.1"),
        new PackageUpgrade("web-01", "deb", "openssl", "3.0.11-1", "3.0.12-1")));

    assertThat(commands).extracting(RemediationCommand::asset, RemediationCommand::text).containsExactly(
        org.assertj.core.groups.Tuple.tuple("web-01", "apt-get install --only-upgrade 'openssl=3.0.13-1' 'libssl3=3.0.13-1'"),
        org.assertj.core.groups.Tuple.tuple("db-01", "dnf upgrade-minimal openssl-1:3.0.7-27.el9"),
        org.assertj.core.groups.Tuple.tuple("web-01", "set <version>1.1</version> for g:a (the dependency, or its"
            + " dependencyManagement entry)"));
    assertThat(commands.get(0).upgrades()).extracting(PackageUpgrade::packageName).containsExactly("openssl", "libssl3");
  }

  @Test
  void ofTwoTargetsForOnePackageTheHigherInItsSchemeWins() {
    List<RemediationCommand> commands = RemediationCommands.forUpgrades(List.of(
        new PackageUpgrade("web-01", "deb", "openssl", "", "3.0.13-1~deb12u1"),
        new PackageUpgrade("web-01", "deb", "openssl", "", "3.0.9-1")));

    assertThat(commands).singleElement().extracting(RemediationCommand::text)
        .isEqualTo("apt-get install --only-upgrade 'openssl=3.0.13-1~deb12u1'");
  }
}
