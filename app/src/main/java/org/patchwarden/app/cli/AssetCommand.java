package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.patchwarden.assess.AssetAssumptions;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden asset …}: show and state the context of known assets. */
@Command(name = "asset", mixinStandardHelpOptions = true,
    description = "Show or set an asset's context: environment, team, criticality, exposure, tags.",
    subcommands = {AssetCommand.SetContext.class, AssetCommand.Show.class, AssetCommand.ListAll.class})
final class AssetCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    root.terminal().err().println("patchwarden: missing subcommand: set, show or list (see 'patchwarden asset --help')");
    return 2;
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "State the context of an asset that a scan or import created. Only the options given change;"
          + " the rest keep their value. Later scans and imports keep what is set here unless they state it"
          + " themselves. Context nobody stated is assumed from the policy's 'assume' block at assessment.")
  static final class SetContext implements Callable<Integer> {
    @ParentCommand AssetCommand asset;

    @Parameters(paramLabel = "NAME", description = "The asset's name.")
    String name;

    @Mixin AssetContextOptions options;

    @Override
    public Integer call() {
      if (!options.any()) {
        throw new CliException(2, "asset set: nothing to set; give --env, --team, --criticality, --internet-facing"
            + " or --tags");
      }
      Asset stated = statedFor(name);
      Asset now;
      try {
        now = asset.root.app().assetContexts().state(stated);
      } catch (NoSuchElementException e) {
        throw unknown(name);
      }
      asset.show(now);
      return 0;
    }

    private Asset statedFor(String assetName) {
      try {
        return options.asset(assetName, AssetKind.HOST);
      } catch (IllegalArgumentException e) {
        throw unknown(assetName);
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show an asset's context, and what the policy assumes for the parts nobody stated.")
  static final class Show implements Callable<Integer> {
    @ParentCommand AssetCommand asset;

    @Parameters(paramLabel = "NAME", description = "The asset's name.")
    String name;

    @Override
    public Integer call() {
      asset.show(asset.root.app().assetContexts().find(name).orElseThrow(() -> unknown(name)));
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List every asset with its context ('unknown': not stated, assumed from the policy).")
  static final class ListAll implements Callable<Integer> {
    @ParentCommand AssetCommand asset;

    @Override
    public Integer call() {
      PrintWriter out = asset.root.terminal().out();
      var assets = asset.root.app().assetContexts().list();
      out.printf("%-32s %-16s %-12s %-16s %-11s %-15s %s%n", "ASSET", "KIND", "ENVIRONMENT", "TEAM", "CRITICALITY",
          "INTERNET-FACING", "TAGS");
      for (Asset a : assets) {
        out.printf("%-32s %-16s %-12s %-16s %-11s %-15s %s%n", a.name(), kind(a), orUnknown(a.environment()),
            orUnknown(a.ownerTeam()), orUnknown(a.criticality()),
            a.internetFacing() == null ? "unknown" : a.internetFacing() ? "yes" : "no",
            a.tags().isEmpty() ? "-" : String.join(",", new TreeSet<>(a.tags())));
      }
      out.printf("%d assets%n", assets.size());
      return 0;
    }
  }

  /** Prints one asset's context, with the policy's assumption beside each field nobody stated. */
  void show(Asset a) {
    AssetAssumptions assume = root.app().policy(null).assume();
    PrintWriter out = root.terminal().out();
    out.printf("%s (%s)%n", a.name(), kind(a));
    out.printf("  %-16s %s%n", "environment", a.environment() != null ? a.environment()
        : "not stated (assumed " + assume.environment() + ")");
    out.printf("  %-16s %s%n", "owner team", a.ownerTeam() != null ? a.ownerTeam() : "not stated");
    out.printf("  %-16s %s%n", "criticality", a.criticality() != null ? a.criticality()
        : "not stated (assumed " + assume.criticality() + ")");
    out.printf("  %-16s %s%n", "internet-facing", a.internetFacing() != null ? (a.internetFacing() ? "yes" : "no")
        : "not stated (assumed " + (assume.internetFacing() ? "yes" : "no") + ")");
    out.printf("  %-16s %s%n", "tags", a.tags().isEmpty() ? "-" : String.join(",", new TreeSet<>(a.tags())));
  }

  private static String kind(Asset a) {
    return a.kind().name().toLowerCase(Locale.ROOT);
  }

  private static String orUnknown(Object value) {
    return value == null ? "unknown" : value.toString();
  }

  private static CliException unknown(String name) {
    return new CliException(2, "unknown asset '" + name + "' (see 'patchwarden asset list'; 'scan' or 'inventory"
        + " import' creates assets)");
  }
}
