package org.patchwarden.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.patchwarden.baseline.Baseline;
import org.patchwarden.baseline.BaselineRef;
import org.patchwarden.baseline.DriftPolicy;
import org.patchwarden.baseline.StagingEvidence;
import org.patchwarden.formats.baseline.SettingsFiles;
import org.patchwarden.usecase.CaptureBaseline;
import org.patchwarden.usecase.DiffBaselines;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden baseline …}: capture, list, show and diff baselines; record staging evidence. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
    description = {
      "Baselines: named, versioned snapshots of some assets' packages and settings, taken from their newest",
      "inventories. 'baseline diff TEST PRODUCTION' shows packages missing on either side, version differences",
      "(test older or newer), settings that differ and the vulnerabilities found on one side only, and judges",
      "the drift by a policy: exit code 0 within it, 1 past it, 2 for a usage error (docs/baselines.md)."
    },
    subcommands = {BaselineCommand.Capture.class, BaselineCommand.ListBaselines.class, BaselineCommand.Show.class,
        BaselineCommand.Diff.class, BaselineCommand.Evidence.class})
final class BaselineCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    root.terminal().err().println("patchwarden: missing subcommand: capture, list, show, diff or evidence "
        + "(see 'patchwarden baseline --help')");
    return 2;
  }

  /** Runs a step, turning refused input and unknown names into exit code 2. */
  static <T> T refused(String command, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException | NoSuchElementException e) {
      throw new CliException(2, command + ": " + e.getMessage());
    }
  }

  static BaselineRef ref(String command, String text) {
    return refused(command, () -> BaselineRef.parse(text));
  }

  DriftPolicy policy(Path file) {
    return root.app().driftPolicy(file);
  }

  @Command(name = "capture", mixinStandardHelpOptions = true,
      description = {"Capture the next version of baseline NAME from the newest inventories of --assets, or of the",
        "assets tagged --role (in --environment). Settings: the os-release keys of each inventory, and with",
        "--settings-from DIR the sshd_config, sysctl.conf and settings (KEY=VALUE) files of DIR/ASSET/."})
  static final class Capture implements Callable<Integer> {
    @ParentCommand BaselineCommand baseline;
    @Parameters(paramLabel = "NAME", description = "The baseline's name, e.g. production-web.") String name;
    @ArgGroup(exclusive = true, multiplicity = "1") Which which;
    @Option(names = "--environment", paramLabel = "ENV", description = "With --role: only assets of this environment.") String environment;
    @Option(names = "--settings-from", paramLabel = "DIR", description = "A fleet directory: settings files of DIR/ASSET/ are read.") Path settingsFrom;
    @Option(names = "--by", paramLabel = "NAME", description = "Who captures it (default: $USER).") String by;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    static final class Which {
      @Option(names = "--assets", paramLabel = "A,B", split = ",", required = true, description = "The assets, comma-separated.") List<String> assets;
      @Option(names = "--role", paramLabel = "ROLE", required = true, description = "Every asset tagged ROLE, e.g. web.") String role;
    }

    @Override
    public Integer call() {
      String who = ChangeText.who(baseline.root, by, "baseline capture");
      if (which.role == null && environment != null) {
        throw new CliException(2, "baseline capture: --environment goes with --role");
      }
      CaptureBaseline.Selection selection = refused("baseline capture", () -> which.role == null
          ? CaptureBaseline.Selection.named(which.assets) : CaptureBaseline.Selection.role(which.role, environment));
      Function<String, Map<String, String>> settings = settingsFrom == null ? asset -> Map.of() : settingsIn(settingsFrom);
      Baseline b = refused("baseline capture", () -> baseline.root.app().captureBaseline()
          .capture(name, selection, settings, who));
      PrintWriter out = baseline.root.terminal().out();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", BaselineText.BASELINE_SCHEMA);
        doc.put("baseline", BaselineText.json(b));
        FindingJson.print(out, doc);
      } else {
        out.printf("baseline %s captured: %d asset(s) (%s), %d package(s), %d setting(s)%n", b.label(),
            b.assets().size(), String.join(", ", b.assets().stream().map(a -> a.name()).toList()), b.packageCount(),
            b.assets().stream().mapToInt(a -> a.settings().size()).sum());
      }
      return 0;
    }

    /** Settings files of {@code dir}/ASSET/; a folder outside {@code dir} (a link, "..") is refused. */
    static Function<String, Map<String, String>> settingsIn(Path dir) {
      if (!Files.isDirectory(dir)) {
        throw new CliException(2, "baseline capture: --settings-from " + dir + " is not a directory");
      }
      Path root = real(dir);
      return asset -> {
        Path folder = dir.resolve(asset).normalize();
        if (!Files.isDirectory(folder)) {
          return Map.of();
        }
        if (!real(folder).startsWith(root)) {
          throw new CliException(2, "baseline capture: the folder of asset '" + asset
              + "' leads outside " + dir + " (a symbolic link?); refused");
        }
        return new TreeMap<>(SettingsFiles.readFolder(folder));
      };
    }

    private static Path real(Path p) {
      try {
        return p.toRealPath();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot resolve " + p, e);
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every baseline version.")
  static final class ListBaselines implements Callable<Integer> {
    @ParentCommand BaselineCommand baseline;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() {
      var all = baseline.root.app().diffBaselines().list();
      PrintWriter out = baseline.root.terminal().out();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", BaselineText.BASELINE_SCHEMA);
        doc.put("baselines", all.stream().map(BaselineText::json).toList());
        FindingJson.print(out, doc);
      } else {
        BaselineText.list(out, all);
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a baseline (its newest version, or NAME@VERSION): assets by role, OS, settings.")
  static final class Show implements Callable<Integer> {
    @ParentCommand BaselineCommand baseline;
    @Parameters(paramLabel = "NAME[@VERSION]", description = "The baseline.") String name;
    @Option(names = "--packages", description = "List every package too.") boolean packages;
    @Option(names = "--json", description = "Print JSON (packages included).") boolean json;

    @Override
    public Integer call() {
      BaselineRef r = ref("baseline show", name);
      Baseline b = refused("baseline show", () -> baseline.root.app().diffBaselines().find(r));
      PrintWriter out = baseline.root.terminal().out();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", BaselineText.BASELINE_SCHEMA);
        doc.put("baseline", BaselineText.json(b));
        FindingJson.print(out, doc);
      } else {
        BaselineText.show(out, b, packages);
      }
      return 0;
    }
  }

  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = {"Compare baseline A (test side) with B (production side): vulnerabilities found on one side",
        "only (the matcher over the stored advisories), packages missing on either side, version differences,",
        "settings. Exit code 0 within the drift policy, 1 past it, 2 for a usage error. Policy: --policy FILE,",
        "else $PATCHWARDEN_HOME/drift-policy.yaml, else strict (no drift at all)."})
  static final class Diff implements Callable<Integer> {
    @ParentCommand BaselineCommand baseline;
    @Parameters(index = "0", paramLabel = "A[@VERSION]", description = "The test-side baseline.") String a;
    @Parameters(index = "1", paramLabel = "B[@VERSION]", description = "The production-side baseline.") String b;
    @Option(names = "--policy", paramLabel = "FILE", description = "Drift policy YAML (docs/baselines.md).") Path policyFile;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() {
      BaselineRef ra = ref("baseline diff", a);
      BaselineRef rb = ref("baseline diff", b);
      DriftPolicy policy = baseline.policy(policyFile);
      DiffBaselines.Result r = refused("baseline diff", () -> baseline.root.app().diffBaselines().diff(ra, rb, policy));
      PrintWriter out = baseline.root.terminal().out();
      if (json) {
        FindingJson.print(out, BaselineText.json(r, policy));
      } else {
        BaselineText.diff(out, r);
      }
      return r.verdict().withinPolicy() ? 0 : 1;
    }
  }

  @Command(name = "evidence", mixinStandardHelpOptions = true,
      description = {"Check and record a change's staging evidence: the --test baseline's newest version (or",
        "NAME@VERSION) holds every package of the change at or above its target, and it or one of its nine",
        "earlier versions matched --production within the drift policy. 'change show' prints it; with",
        "remediation.require-staging-baseline a change on production assets needs it to be approved.",
        "With remediation.staging-evidence-approves, satisfied evidence approves a planned change of a tier in",
        "remediation.auto-approve-tiers. Exit code 0 when satisfied, 1 when not (recorded either way)."})
  static final class Evidence implements Callable<Integer> {
    @ParentCommand BaselineCommand baseline;
    @Parameters(paramLabel = "CHANGE", description = "The change's id.") long change;
    @Option(names = "--test", paramLabel = "NAME[@VERSION]", required = true, description = "The test environment's baseline, captured after the patch.") String test;
    @Option(names = "--production", paramLabel = "NAME[@VERSION]", required = true, description = "The production baseline.") String production;
    @Option(names = "--policy", paramLabel = "FILE", description = "Drift policy YAML (docs/baselines.md).") Path policyFile;
    @Option(names = "--by", paramLabel = "NAME", description = "Who records it (default: $USER).") String by;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() {
      String who = ChangeText.who(baseline.root, by, "baseline evidence");
      BaselineRef rt = ref("baseline evidence", test);
      BaselineRef rp = ref("baseline evidence", production);
      DriftPolicy policy = baseline.policy(policyFile);
      var result = refused("baseline evidence", () -> baseline.root.app().recordStagingEvidence()
          .record(change, rt, rp, policy, who));
      StagingEvidence e = result.evidence();
      PrintWriter out = baseline.root.terminal().out();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", BaselineText.EVIDENCE_SCHEMA);
        doc.put("evidence", BaselineText.json(e));
        doc.put("approvedByRule", result.approvedByRule());
        FindingJson.print(out, doc);
      } else {
        out.printf("change %d: staging evidence %s%n", e.changeId(), e.describe());
        if (result.approvedByRule()) {
          out.printf("change %d: %s (the staging-baseline auto-approve rule)%n", e.changeId(),
              ChangeText.state(result.change()));
        }
      }
      return e.satisfied() ? 0 : 1;
    }
  }
}
