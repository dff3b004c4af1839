package org.patchwarden.formats.inventory.pypi;

import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.BoundedLines;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.InventoryReader;
import org.patchwarden.formats.inventory.PurlPackages;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

/**
 * Reads the pinned packages of a pip requirements file ({@code requirements.txt}, pip-compile or
 * {@code pip freeze} output), line by line.
 *
 * <p>Only {@code name==version} (or {@code ===}) pins name an installed version; any other
 * requirement (a range, a wildcard, a URL, an editable install) is listed as a warning, not a
 * package. Extras ({@code name[extra]==1}), environment markers ({@code ; python_version < "3.8"}),
 * per-requirement options ({@code --hash=…}), comments and {@code \} continuations are understood;
 * {@code -r}/{@code -c} includes are not followed (a warning names them), other pip options are
 * ignored.
 */
public final class RequirementsReader implements InventoryReader {
  /** PEP 508 name, optional extras, then the version specifiers. */
  private static final Pattern REQUIREMENT = Pattern.compile(
      "([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(\\[[^\\]]*\\])?\\s*(.*)");
  private static final Pattern PIN = Pattern.compile("===?\\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)");
  /** pip's comment rule: {@code #} at the start of a line or after white space. */
  private static final Pattern COMMENT = Pattern.compile("(^|\\s+)#.*$");
  /** Where the per-requirement options start: white space, then {@code --}. */
  private static final Pattern OPTION = Pattern.compile("\\s--");
  /** A logical line may join many physical lines (pip-compile puts each hash on its own). */
  private static final int CONTINUATIONS_PER_LINE = 256;

  private final ReadLimits limits;

  public RequirementsReader() {
    this(ReadLimits.DEFAULT);
  }

  public RequirementsReader(ReadLimits limits) {
    this.limits = limits;
  }

  @Override
  public ReadLimits limits() {
    return limits;
  }

  @Override
  public CollectedPackages read(InputStream in, String source) {
    CollectedPackages.Builder out = new CollectedPackages.Builder(source, limits);
    BoundedLines lines = limits.lines(in, source);
    StringBuilder logical = new StringBuilder();
    int first = 0;
    int joined = 0;
    for (String line = lines.next(); line != null; line = lines.next()) {
      if (logical.isEmpty()) {
        first = lines.number();
        joined = 0;
      }
      if (line.endsWith("\\")) {
        if (++joined > CONTINUATIONS_PER_LINE) {
          throw new FeedFormatException(source, "line " + first, "more than " + CONTINUATIONS_PER_LINE
              + " continuation lines");
        }
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      requirement(logical.toString(), "line " + first, out);
      logical.setLength(0);
    }
    if (!logical.isEmpty()) {
      requirement(logical.toString(), "line " + first, out);
    }
    return out.build();
  }

  private void requirement(String raw, String place, CollectedPackages.Builder out) {
    String line = COMMENT.matcher(raw).replaceFirst("").strip();
    if (line.isEmpty()) {
      return;
    }
    if (line.startsWith("-")) {
      option(line, place, out);
      return;
    }
    out.count(place);
    // Per-requirement options (--hash, --config-settings …) follow the requirement itself.
    Matcher optionStart = OPTION.matcher(line);
    String requirement = optionStart.find() ? line.substring(0, optionStart.start()).strip() : line;
    int marker = requirement.indexOf(';');
    if (marker >= 0) {
      requirement = requirement.substring(0, marker).strip();
    }
    if (requirement.contains("://") || requirement.startsWith(".") || requirement.startsWith("/")
        || requirement.contains(" @ ") || requirement.contains("@ ")) {
      out.warn(place, "'" + requirement + "' is a URL or path requirement, not a pinned version; not matched");
      return;
    }
    Matcher m = REQUIREMENT.matcher(requirement);
    if (!m.matches()) {
      out.warn(place, "'" + requirement + "' is not a requirement pip understands; skipped");
      return;
    }
    String specifiers = m.group(3).strip();
    Matcher pin = PIN.matcher(specifiers);
    if (!pin.matches() || pin.group(1).contains("*")) {
      out.warn(place, "'" + requirement + "' is not pinned to one version (" + (specifiers.isEmpty()
          ? "no version" : specifiers) + "); not matched");
      return;
    }
    String name = PurlPackages.pep503(m.group(1));
    String version = pin.group(1);
    out.add(new InstalledPackage("pypi", name, version, "", "", "", PurlPackages.purl("pypi", null, name, version)),
        place);
  }

  private static void option(String line, String place, CollectedPackages.Builder out) {
    String[] parts = line.split("[\\s=]+", 2);
    String name = parts[0];
    String value = parts.length > 1 ? parts[1].strip() : "";
    // NB: pip accepts the short forms glued to their value: -rbase.txt.
    if (name.startsWith("-r") && name.length() > 2 && !name.startsWith("--")) {
      value = name.substring(2);
      name = "-r";
    } else if (name.startsWith("-c") && name.length() > 2 && !name.startsWith("--")) {
      value = name.substring(2);
      name = "-c";
    } else if (name.startsWith("-e") && name.length() > 2 && !name.startsWith("--")) {
      value = name.substring(2);
      name = "-e";
    }
    switch (name) {
      case "-r", "--requirement" -> out.warn(place, "includes '" + value + "', which is not followed: read it too");
      case "-c", "--constraint" -> out.warn(place, "constraints file '" + value + "' is not followed");
      case "-e", "--editable" -> out.warn(place, "editable install '" + value + "' has no pinned version; not matched");
      default -> { } // index, find-links, hash-checking and build options do not name packages
    }
  }
}
