package org.patchwarden.formats.inventory.gomod;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.BoundedLines;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.InventoryReader;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

/**
 * Reads the modules a Go module requires from its {@code go.mod}, line by line: {@code require}
 * lines and blocks, indirect requirements included, with the {@code replace} directives applied (a
 * module replaced by another module at a version is reported as that module; one replaced by a
 * local directory is listed as a warning). Versions are kept as Go writes them ({@code v1.2.3},
 * pseudo-versions, {@code +incompatible}).
 *
 * <p>NB: go.mod gives the minimum version of each requirement. Since Go 1.17 it lists every module
 * that provides a package to the main module's build, and {@code go mod tidy} raises each to the
 * version the build selects, so for a tidy module this is the build list; a binary's {@code go
 * version -m} is the authority when in doubt.
 */
public final class GoModReader implements InventoryReader {
  /** Semantic version with Go's v prefix; pseudo-versions are pre-releases, +incompatible is build metadata. */
  private static final Pattern VERSION = Pattern.compile(
      "v(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
  /** Module path characters Go allows (module.CheckPath), with the case Go keeps. */
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~/+-]*");

  private final ReadLimits limits;

  public GoModReader() {
    this(ReadLimits.DEFAULT);
  }

  public GoModReader(ReadLimits limits) {
    this.limits = limits;
  }

  @Override
  public ReadLimits limits() {
    return limits;
  }

  private record Require(String path, String version, String place) {}

  private record Replacement(String path, String version, String place) {}

  @Override
  public CollectedPackages read(InputStream in, String source) {
    CollectedPackages.Builder out = new CollectedPackages.Builder(source, limits);
    BoundedLines lines = limits.lines(in, source);
    List<Require> requires = new ArrayList<>();
    Map<String, Replacement> replaces = new HashMap<>();
    String module = null;
    String block = null;
    int blockLine = 0;
    for (String line = lines.next(); line != null; line = lines.next()) {
      String place = "line " + lines.number();
      List<String> tokens = tokens(line, source, place);
      if (tokens.isEmpty()) {
        continue;
      }
      if (block != null) {
        if (tokens.equals(List.of(")"))) {
          block = null;
          continue;
        }
        directive(block, tokens, place, source, requires, replaces, out);
        continue;
      }
      String verb = tokens.get(0);
      List<String> args = tokens.subList(1, tokens.size());
      if (args.equals(List.of("("))) {
        block = verb;
        blockLine = lines.number();
        continue;
      }
      if (verb.equals("module")) {
        if (args.size() != 1) {
          throw new FeedFormatException(source, place, "module directive needs exactly one module path");
        }
        module = args.get(0);
      } else {
        directive(verb, args, place, source, requires, replaces, out);
      }
    }
    if (block != null) {
      throw new FeedFormatException(source, "line " + blockLine, "'" + block + " (' block is never closed (truncated?)");
    }
    if (module == null) {
      throw new FeedFormatException(source, "end of input", "no module directive; is this a go.mod?");
    }
    for (Require r : requires) {
      add(r, replaces, out);
    }
    return out.subject(module, "").build();
  }

  private void directive(String verb, List<String> args, String place, String source, List<Require> requires,
      Map<String, Replacement> replaces, CollectedPackages.Builder out) {
    switch (verb) {
      case "require" -> {
        if (args.size() != 2) {
          throw new FeedFormatException(source, place, "require needs a module path and a version, got "
              + String.join(" ", args));
        }
        out.count(place);
        requires.add(new Require(path(args.get(0), source, place), version(args.get(1), source, place), place));
      }
      case "replace" -> {
        int arrow = args.indexOf("=>");
        if (arrow < 1 || arrow > 2 || args.size() - arrow - 1 < 1 || args.size() - arrow - 1 > 2) {
          throw new FeedFormatException(source, place, "replace needs 'module [version] => target [version]', got "
              + String.join(" ", args));
        }
        String old = path(args.get(0), source, place);
        String oldVersion = arrow == 2 ? version(args.get(1), source, place) : "";
        String target = args.get(arrow + 1);
        String targetVersion = args.size() - arrow - 1 == 2 ? version(args.get(arrow + 2), source, place) : "";
        if (!targetVersion.isEmpty()) {
          path(target, source, place);
        }
        replaces.put(old + "@" + oldVersion, new Replacement(target, targetVersion, place));
      }
      // The Go version, toolchain, exclusions and retractions name no installed module.
      case "go", "toolchain", "godebug", "exclude", "retract", "tool", "ignore" -> { }
      default -> out.warn(place, "unknown directive '" + verb + "' ignored");
    }
  }

  private void add(Require r, Map<String, Replacement> replaces, CollectedPackages.Builder out) {
    Replacement with = replaces.get(r.path() + "@" + r.version());
    if (with == null) {
      with = replaces.get(r.path() + "@");
    }
    String path = r.path();
    String version = r.version();
    if (with != null) {
      if (with.version().isEmpty()) {
        out.warn(r.place(), r.path() + " " + r.version() + " is replaced by the local directory " + with.path()
            + " (" + with.place() + "); not matched");
        return;
      }
      path = with.path();
      version = with.version();
    }
    // NB: not PurlPackages.purl: packageurl-java lower-cases golang namespaces, Go paths keep their case.
    String purl = "pkg:golang/" + path + "@" + version.replace("+", "%2B");
    out.add(new InstalledPackage("go", path, version, "", "", "", purl), r.place());
  }

  private static String path(String token, String source, String place) {
    if (!PATH.matcher(token).matches() || token.contains("//") || token.endsWith("/")) {
      throw new FeedFormatException(source, place, "'" + token + "' is not a Go module path");
    }
    return token;
  }

  private static String version(String token, String source, String place) {
    if (!VERSION.matcher(token).matches()) {
      throw new FeedFormatException(source, place, "'" + token + "' is not a Go module version (vMAJOR.MINOR.PATCH…)");
    }
    return token;
  }

  /** The tokens of one line: words, "quoted" and `raw` strings, without the // comment. */
  private static List<String> tokens(String line, String source, String place) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && i + 1 < n && line.charAt(i + 1) == '/') {
        break;
      } else if (c == '"' || c == '`') {
        int end = i + 1;
        StringBuilder sb = new StringBuilder();
        while (end < n && line.charAt(end) != c) {
          if (c == '"' && line.charAt(end) == '\\' && end + 1 < n) {
            end++;
          }
          sb.append(line.charAt(end++));
        }
        if (end >= n) {
          throw new FeedFormatException(source, place, "unterminated quoted string");
        }
        tokens.add(sb.toString());
        i = end + 1;
      } else if (c == '(' || c == ')') {
        tokens.add(String.valueOf(c));
        i++;
      } else {
        int end = i;
        while (end < n && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '"'
            && line.charAt(end) != '(' && line.charAt(end) != ')'
            && !(line.charAt(end) == '/' && end + 1 < n && line.charAt(end + 1) == '/')) {
          end++;
        }
        tokens.add(line.substring(i, end));
        i = end;
      }
    }
    return tokens;
  }
}
