package org.patchwarden.formats.export;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.patchwarden.remediate.PackageUpgrade;
import org.patchwarden.remediate.RemediationCommand;
import org.patchwarden.remediate.RemediationCommands;

/**
 * Writes package upgrades as an Ansible playbook: one play per asset (its hosts pattern is the asset
 * name), one task per package manager on it: {@code ansible.builtin.apt} ({@code only_upgrade}, so a
 * package not installed is not installed by the fix), {@code ansible.builtin.dnf}, {@code
 * community.general.apk}, each with the fixed versions and {@code state: present}. What no package
 * module applies (a Maven version, firmware, language dependencies) becomes a {@code debug} task
 * naming the manual step, so the playbook lists the whole change and runs none of it blindly.
 */
public final class AnsiblePlaybookWriter {
  /** Asset names used as host patterns: Ansible reads {@code : , ! & * [ ~} in a pattern as operators. */
  private static final Pattern HOST_PATTERN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      // NB: every string stays quoted: Ansible reads YAML 1.1, where a bare yes, on, 1.10 or 08 is
      // not the string it looks like, and a version is never a number.
      .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the caller owns the writer
      .build());

  private AnsiblePlaybookWriter() {}

  /** The playbook as text. */
  public static String toYaml(List<PackageUpgrade> upgrades) {
    StringWriter out = new StringWriter();
    try {
      write(upgrades, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes the playbook to {@code out} (not closed).
   *
   * @throws IllegalArgumentException when there is nothing to upgrade, or an asset name cannot be a
   *     host pattern
   */
  public static void write(List<PackageUpgrade> upgrades, Writer out) throws IOException {
    if (upgrades.isEmpty()) {
      throw new IllegalArgumentException("no package upgrades to write a playbook for");
    }
    Map<String, List<Map<String, Object>>> tasksByAsset = new LinkedHashMap<>();
    for (RemediationCommand command : RemediationCommands.forUpgrades(upgrades)) {
      String asset = command.asset();
      if (!HOST_PATTERN.matcher(asset).matches()) {
        throw new IllegalArgumentException("asset name '" + asset + "' cannot be an Ansible host pattern (letters,"
            + " digits, '.', '_' and '-' only); rename the asset or write its inventory alias");
      }
      tasksByAsset.computeIfAbsent(asset, a -> new ArrayList<>()).add(task(command));
    }
    List<Map<String, Object>> plays = new ArrayList<>();
    tasksByAsset.forEach((asset, tasks) -> {
      Map<String, Object> play = new LinkedHashMap<>();
      play.put("name", "Patchwarden remediation on " + asset);
      play.put("hosts", asset);
      play.put("become", true);
      play.put("gather_facts", false);
      play.put("tasks", tasks);
      plays.add(play);
    });
    out.write("# Written by Patchwarden: package upgrades that fix open findings. Review it, then try it with\n"
        + "# ansible-playbook --check --diff before running it.\n");
    YAML.writeValue(out, plays);
  }

  private static Map<String, Object> task(RemediationCommand command) {
    List<String> specs = command.upgrades().stream().map(RemediationCommands::packageSpec).toList();
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("name", describe(command));
    Map<String, Object> args = new LinkedHashMap<>();
    switch (command.tool()) {
      case "apt-get" -> {
        args.put("name", specs);
        args.put("state", "present");
        args.put("only_upgrade", true);
        args.put("update_cache", true);
        task.put("ansible.builtin.apt", args);
      }
      case "dnf" -> {
        args.put("name", specs);
        args.put("state", "present");
        task.put("ansible.builtin.dnf", args);
      }
      case "apk" -> {
        args.put("name", specs);
        args.put("state", "present");
        args.put("update_cache", true);
        task.put("community.general.apk", args);
      }
      default -> {
        args.put("msg", "manual step, not applied by this playbook: " + command.text());
        task.put("ansible.builtin.debug", args);
      }
    }
    return task;
  }

  /** {@code upgrade openssl 3.0.11-1 -> 3.0.13-1, libssl3 -> 3.0.13-1 (deb)}. */
  private static String describe(RemediationCommand command) {
    StringBuilder b = new StringBuilder("upgrade ");
    String sep = "";
    for (PackageUpgrade u : command.upgrades()) {
      b.append(sep).append(u.packageName()).append(' ');
      if (!u.installedVersion().isEmpty()) {
        b.append(u.installedVersion()).append(' ');
      }
      b.append("-> ").append(u.targetVersion());
      sep = ", ";
    }
    return b.append(" (").append(RemediationCommands.family(command.upgrades().get(0).ecosystem())).append(')')
        .toString();
  }
}
