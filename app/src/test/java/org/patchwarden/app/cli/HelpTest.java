package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Every command's {@code --help}: each option and parameter described, wrapped once, no word split, whole summaries. */
class HelpTest {
  private static List<CommandLine> everyCommand() {
    Terminal t = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()), Map.of());
    List<CommandLine> all = new ArrayList<>();
    collect(PatchwardenCommand.commandLine(t), all);
    return all;
  }

  private static void collect(CommandLine cl, List<CommandLine> all) {
    all.add(cl);
    cl.getSubcommands().values().stream().distinct().forEach(c -> collect(c, all));
  }

  @Test
  void everyOptionAndParameterOfEveryCommandIsDescribed() {
    List<CommandLine> commands = everyCommand();
    assertThat(commands).extracting(c -> c.getCommandSpec().qualifiedName())
        .contains("patchwarden plan", "patchwarden findings", "patchwarden feeds load", "patchwarden scanner-report");
    for (CommandLine cl : commands) {
      CommandSpec spec = cl.getCommandSpec();
      assertThat(String.join(" ", spec.usageMessage().description()).strip())
          .as("description of %s", spec.qualifiedName()).isNotEmpty();
      for (OptionSpec o : spec.options()) {
        assertThat(String.join(" ", o.description()).strip()).as("%s %s", spec.qualifiedName(), o.longestName()).isNotEmpty();
      }
      for (PositionalParamSpec p : spec.positionalParameters()) {
        assertThat(String.join(" ", p.description()).strip()).as("%s %s", spec.qualifiedName(), p.paramLabel()).isNotEmpty();
      }
    }
  }

  @Test
  void helpLinesFitTheWidthAndNoWordIsSplitAcrossLines() {
    for (CommandLine cl : everyCommand()) {
      CommandSpec spec = cl.getCommandSpec();
      String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
      int width = spec.usageMessage().width();
      for (String line : usage.lines().toList()) {
        assertThat(line.length()).as("%s --help line '%s'", spec.qualifiedName(), line).isLessThanOrEqualTo(width);
      }
      // A text wrapped twice, or broken inside a word, no longer holds its words intact.
      String flat = usage.replaceAll("\\s+", " ");
      List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
      texts.addAll(List.of(spec.usageMessage().footer()));
      spec.options().forEach(o -> texts.addAll(List.of(o.description())));
      spec.positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
      for (String text : texts) {
        for (String word : text.strip().split("\\s+")) {
          assertThat(flat).as("%s --help keeps the word '%s' whole", spec.qualifiedName(), word).contains(word);
        }
      }
      assertThat(flat).as("%s --help states its texts as paragraphs", spec.qualifiedName())
          .contains(String.join(" ", HelpLayout.paragraphs(spec.usageMessage().description()).stream()
              .map(String::strip).filter(p -> !p.isEmpty()).toList()).replaceAll("\\s+", " "));
    }
  }

  @Test
  void theCommandListShowsEachCommandsWholeFirstSentence() {
    for (CommandLine cl : everyCommand()) {
      String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
      cl.getSubcommands().values().stream().distinct().forEach(sub -> {
        String summary = HelpLayout.summary(sub.getCommandSpec());
        assertThat(summary).as("summary of %s", sub.getCommandSpec().qualifiedName()).endsWith(".");
        assertThat(usage).contains(sub.getCommandName() + " " + summary);
      });
    }
  }

  @Test
  void thePlanHelpSummaryIsItsWholeFirstSentence() {
    String usage = PatchwardenCommand.commandLine(new Terminal(new ByteArrayInputStream(new byte[0]),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of()))
        .getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(usage).contains("  plan            Group open findings into the fixes that close them, most\n"
        .replace("\n", System.lineSeparator()));
    assertThat(usage).doesNotContain("which\nvulnerabilities".replace("\n", System.lineSeparator()));
  }
}
