package org.patchwarden.formats.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchwarden.remediate.PackageUpgrade;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class AnsiblePlaybookWriterTest {

  /** Loads YAML as Ansible does: YAML 1.1 (SnakeYAML, like PyYAML), safe types only. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> load(String yaml) {
    return (List<Map<String, Object>>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> tasks(Map<String, Object> play) {
    return (List<Map<String, Object>>) play.get("tasks");
  }

  @Test
  void writesOnePlayPerAssetWithOneTaskPerPackageManager() {
    String yaml = AnsiblePlaybookWriter.toYaml(List.of(
        new PackageUpgrade("web-01", "deb", "openssl", "3.0.11-1~deb12u2", "3.0.13-1~deb12u1"),
        new PackageUpgrade("db-01", "rpm", "openssl", "1:3.0.7-25.el9", "1:3.0.7-27.el9"),
        new PackageUpgrade("web-01", "deb", "libssl3", "3.0.11-1~deb12u2", "3.0.13-1~deb12u1"),
        new PackageUpgrade("edge-01", "apk", "busybox", "1.36.1-r15", "1.36.1-r19")));

    List<Map<String, Object>> plays = load(yaml);

    assertThat(plays).extracting(p -> p.get("hosts")).containsExactly("web-01", "db-01", "edge-01");
    assertThat(plays.get(0)).containsEntry("become", true).containsEntry("gather_facts", false);
    assertThat(tasks(plays.get(0))).singleElement().satisfies(task -> {
      assertThat(task.get("name")).isEqualTo(
          "upgrade openssl 3.0.11-1~deb12u2 -> 3.0.13-1~deb12u1, libssl3 3.0.11-1~deb12u2 -> 3.0.13-1~deb12u1 (deb)");
      assertThat(task.get("ansible.builtin.apt")).isEqualTo(Map.of(
          "name", List.of("openssl=3.0.13-1~deb12u1", "libssl3=3.0.13-1~deb12u1"),
          "state", "present", "only_upgrade", true, "update_cache", true));
    });
    assertThat(tasks(plays.get(1))).singleElement().extracting(t -> t.get("ansible.builtin.dnf"))
        .isEqualTo(Map.of("name", List.of("openssl-1:3.0.7-27.el9"), "state", "present"));
    assertThat(tasks(plays.get(2))).singleElement().extracting(t -> t.get("community.general.apk"))
        .isEqualTo(Map.of("name", List.of("busybox>=1.36.1-r19"), "state", "present", "update_cache", true));
    assertThat(yaml).startsWith("# Written by Patchwarden").contains("\n---\n");
  }

  @Test
  void assetNamesThatYaml11WouldReadAsNumbersOrBooleansStayStrings() {
    List<String> tricky = List.of("1.10", "2", "yes", "on", "1e3", "0x1F", "08", "null", "no");
    List<PackageUpgrade> upgrades = tricky.stream().map(a -> new PackageUpgrade(a, "rpm", "bash", "", "5.2")).toList();

    List<Map<String, Object>> plays = load(AnsiblePlaybookWriter.toYaml(upgrades));

    assertThat(plays).extracting(p -> p.get("hosts")).containsExactlyElementsOf(tricky);
  }

  @Test
  void aTrickyVersionInAnAptTaskSurvivesTheRoundTrip() {
    Map<String, Object> task = tasks(load(AnsiblePlaybookWriter.toYaml(List.of(
        new PackageUpgrade("h", "deb", "yes", "", "1.10"),
        new PackageUpgrade("h", "deb", "on", "", "08")))).get(0)).get(0);

    assertThat(((Map<?, ?>) task.get("ansible.builtin.apt")).get("name")).isEqualTo(List.of("yes=1.10", "on=08"));
  }

  @Test
  void stepsNoPackageModuleAppliesAreListedAsManualSteps() {
    List<Map<String, Object>> plays = load(AnsiblePlaybookWriter.toYaml(List.of(
        new PackageUpgrade("app-01", "maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "2.17.1"),
        new PackageUpgrade("fw-01", "cpe", "fortinet:fortios", "7.4.3", "7.4.4"))));

    assertThat(tasks(plays.get(0))).singleElement().extracting(t -> t.get("ansible.builtin.debug"))
        .isEqualTo(Map.of("msg", "manual step, not applied by this playbook: set <version>2.17.1</version> for"
            + " org.apache.logging.log4j:log4j-core (the dependency, or its dependencyManagement entry)"));
    assertThat(tasks(plays.get(1))).singleElement().extracting(t -> t.get("name"))
        .isEqualTo("upgrade fortinet:fortios 7.4.3 -> 7.4.4 (cpe)");
  }

  @Test
  void refusesAnAssetNameAnsibleWouldReadAsAPatternOperator() {
    assertThatThrownBy(() -> AnsiblePlaybookWriter.toYaml(List.of(new PackageUpgrade("web:!db", "deb", "a", "", "1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("asset name 'web:!db' cannot be an Ansible host pattern");
  }

  @Test
  void refusesAnEmptyChange() {
    assertThatThrownBy(() -> AnsiblePlaybookWriter.toYaml(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no package upgrades to write a playbook for");
  }

  @Test
  void leavesTheWriterOpenForTheCaller() throws Exception {
    StringWriter out = new StringWriter();
    AnsiblePlaybookWriter.write(List.of(new PackageUpgrade("h", "deb", "a", "", "1")), out);
    out.write("# after\n");

    assertThat(out.toString()).endsWith("# after\n");
  }
}
