package org.patchwarden.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.patchwarden.formats.osv.OsvEventsJson;
import org.patchwarden.version.OsvRange;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.VersionRange;
import org.patchwarden.version.VersionScheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The version-comparison test protocol (see shared/data/versions/README.md): TAB-separated lines
 * on stdin, exactly one answer line per input line on stdout, in order; a line the ecosystem
 * rejects answers {@code err} and its reason goes to stderr.
 */
@Command(
    name = "vercmp",
    mixinStandardHelpOptions = true,
    description = {
      "Compare versions or test range membership with an ecosystem's real rules.",
      "Reads TAB-separated lines on stdin and prints one answer per line:",
      "  cmp:   A<TAB>B                                   -> -1, 0 or 1",
      "  range: VERSION<TAB>RANGE (native range syntax)   -> true or false",
      "  osv:   ECOSYSTEM<TAB>RANGE_TYPE<TAB>EVENTS_JSON<TAB>VERSION -> true (affected) or false",
      "An input the ecosystem rejects prints 'err' (the reason goes to stderr)."
    })
final class VercmpCommand implements Callable<Integer> {
  enum Mode { cmp, range, osv }

  @ParentCommand PatchwardenCommand root;

  @Option(names = {"-e", "--ecosystem"}, paramLabel = "ECO",
      description = "deb, rpm, apk, maven, npm, pypi, go, rubygems, nuget, pan-os, generic (or an OSV ecosystem name); ignored in osv mode.")
  String ecosystem;

  @Option(names = {"-m", "--mode"}, paramLabel = "MODE", defaultValue = "cmp", description = "cmp (default), range or osv.")
  Mode mode;

  @Override
  public Integer call() throws IOException {
    VersionScheme scheme = null;
    if (mode != Mode.osv) {
      if (ecosystem == null) {
        throw new CliException(2, "--ecosystem is required in " + mode + " mode (see 'patchwarden vercmp --help')");
      }
      scheme = Schemes.find(ecosystem).orElseThrow(() -> new CliException(2, "unknown ecosystem '" + ecosystem
          + "'; known: " + String.join(", ", Schemes.all().stream().map(VersionScheme::name).toList())));
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(root.terminal().in(), StandardCharsets.UTF_8), 1 << 16);
    // The answers are -1/0/1, true/false or err, never input: they skip the escaping writer.
    Writer out = root.rawOut();
    var err = root.terminal().err();
    long lineNo = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      String answer;
      try {
        answer = answer(scheme, line);
      } catch (IllegalArgumentException e) {
        // InvalidVersionException and InvalidRangeException are IllegalArgumentExceptions too.
        answer = "err";
        err.println("line " + lineNo + ": " + e.getMessage());
      }
      out.write(answer);
      out.write('\n');
      if (!in.ready()) {
        out.flush(); // an interactive caller waits for each answer
      }
    }
    out.flush();
    return 0;
  }

  private String answer(VersionScheme scheme, String line) {
    String[] f = line.split("\t", -1);
    switch (mode) {
      case cmp -> {
        need(f, 2, "A<TAB>B");
        return Integer.toString(Integer.signum(scheme.parse(f[0]).compareTo(scheme.parse(f[1]))));
      }
      case range -> {
        need(f, 2, "VERSION<TAB>RANGE");
        var version = scheme.parse(f[0]);
        VersionRange range = scheme.parseRange(f[1]);
        return Boolean.toString(range.contains(version));
      }
      case osv -> {
        need(f, 4, "ECOSYSTEM<TAB>RANGE_TYPE<TAB>EVENTS_JSON<TAB>VERSION");
        VersionScheme s = OsvRange.schemeFor(f[0], f[1]);
        VersionRange range = OsvRange.of(s, OsvEventsJson.parse(f[2]));
        return Boolean.toString(range.contains(s.parse(f[3])));
      }
      default -> throw new IllegalStateException(mode.toString());
    }
  }

  private static void need(String[] fields, int n, String shape) {
    if (fields.length != n) {
      throw new IllegalArgumentException("expected " + n + " TAB-separated fields (" + shape + "), got " + fields.length);
    }
  }
}
