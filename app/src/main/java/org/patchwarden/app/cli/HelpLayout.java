package org.patchwarden.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The layout of every {@code --help}: descriptions are written as source lines of any length, so
 * picocli wrapping each line on its own would wrap them twice (short orphan lines) and its line
 * breaker splits words at {@code /} and {@code .}. Here the lines of a text are joined into
 * paragraphs and wrapped once, at spaces only; the command list shows each command's whole first
 * sentence rather than its first source line.
 */
final class HelpLayout {
  private static final String NL = System.lineSeparator();
  private static final int MAX_LABEL = 28;

  private HelpLayout() {}

  /** Installs the layout on {@code cl} and all its subcommands. */
  static void apply(CommandLine cl) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = cl.getHelpSectionMap();
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION,
        help -> text(help.commandSpec().usageMessage().description(), width(help.commandSpec()), ""));
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER,
        help -> text(help.commandSpec().usageMessage().footer(), width(help.commandSpec()), ""));
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> options(help.commandSpec()));
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> parameters(help.commandSpec()));
    sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> commands(help.commandSpec()));
    cl.setHelpSectionMap(sections);
    cl.getSubcommands().values().stream().distinct().forEach(HelpLayout::apply);
  }

  static int width(CommandSpec spec) {
    return spec.usageMessage().width();
  }

  /** The whole first sentence of a command's description: its summary in a command list. */
  static String summary(CommandSpec spec) {
    String all = String.join(" ", paragraphs(spec.usageMessage().description()));
    int end = all.length();
    for (String stop : List.of(". ", ": ")) {
      int i = all.indexOf(stop);
      if (i >= 0 && i + 1 < end) {
        end = i + 1;
      }
    }
    String first = all.substring(0, end).strip();
    return first.endsWith(":") ? first.substring(0, first.length() - 1) + "." : first;
  }

  private static String options(CommandSpec spec) {
    List<String[]> rows = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        String names = String.join(", ", o.names());
        rows.add(new String[] {(o.shortestName().startsWith("--") ? "    " : "") + names
            + (o.arity().max() > 0 ? "=" + o.paramLabel() : ""), String.join(" ", o.description())});
      }
    }
    rows.sort((a, b) -> a[0].strip().replaceFirst("^-+", "").compareToIgnoreCase(b[0].strip().replaceFirst("^-+", "")));
    return table(rows, width(spec));
  }

  private static String parameters(CommandSpec spec) {
    List<String[]> rows = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        rows.add(new String[] {"    " + p.paramLabel(), String.join(" ", p.description())});
      }
    }
    return table(rows, width(spec));
  }

  private static String commands(CommandSpec spec) {
    List<String[]> rows = new ArrayList<>();
    spec.subcommands().forEach((name, sub) -> {
      if (!sub.getCommandSpec().usageMessage().hidden() && name.equals(sub.getCommandName())) {
        rows.add(new String[] {name, summary(sub.getCommandSpec())});
      }
    });
    return table(rows, width(spec));
  }

  /** Two columns, labels indented by two; a label wider than the column puts its text on the next line. */
  private static String table(List<String[]> rows, int width) {
    int labelWidth = 0;
    for (String[] r : rows) {
      if (r[0].length() <= MAX_LABEL) {
        labelWidth = Math.max(labelWidth, r[0].length());
      }
    }
    String indent = " ".repeat(2 + labelWidth + 2);
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      List<String> lines = wrap(r[1], width - indent.length());
      String label = "  " + r[0];
      if (r[0].length() > labelWidth) {
        out.append(label).append(NL);
        label = "";
      }
      for (int i = 0; i < Math.max(1, lines.size()); i++) {
        String head = i == 0 ? label : "";
        String text = i < lines.size() ? lines.get(i) : "";
        out.append((head + " ".repeat(Math.max(0, indent.length() - head.length())) + text).stripTrailing()).append(NL);
      }
    }
    return out.toString();
  }

  private static String text(String[] lines, int width, String indent) {
    StringBuilder out = new StringBuilder();
    List<String> paragraphs = paragraphs(lines);
    for (String p : paragraphs) {
      if (p.isEmpty()) {
        out.append(NL);
        continue;
      }
      // An indented source line (a list item) keeps its indent on every wrapped line.
      String lead = indent + p.substring(0, p.length() - p.stripLeading().length());
      for (String line : wrap(p, width - lead.length())) {
        out.append(lead).append(line).append(NL);
      }
    }
    return out.toString();
  }

  /**
   * Source lines joined into paragraphs: a line ending a sentence ({@code .} or {@code :}) or an
   * empty line ends a paragraph, an indented line is a paragraph of its own (a list item) that keeps
   * its indent; {@code %n} is a line break, {@code %%} a percent sign.
   */
  static List<String> paragraphs(String[] lines) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : lines) {
      for (String line : raw.replace("%%", "%").split("%n", -1)) {
        String l = line.strip();
        if (l.isEmpty()) {
          flush(out, current);
          out.add("");
          continue;
        }
        if (Character.isWhitespace(line.charAt(0))) {
          flush(out, current);
          out.add(line.stripTrailing());
          continue;
        }
        current.append(current.isEmpty() ? "" : " ").append(l);
        if (l.endsWith(".") || l.endsWith(":")) {
          flush(out, current);
        }
      }
    }
    flush(out, current);
    return out;
  }

  private static void flush(List<String> out, StringBuilder current) {
    if (!current.isEmpty()) {
      out.add(current.toString());
      current.setLength(0);
    }
  }

  /** Wraps at spaces only; a word longer than the width gets a line of its own. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.isEmpty() ? "" : " ").append(word);
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}
