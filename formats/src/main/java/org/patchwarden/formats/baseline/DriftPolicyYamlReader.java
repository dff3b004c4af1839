package org.patchwarden.formats.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.patchwarden.baseline.DriftPolicy;
import org.patchwarden.feed.FeedFormatException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a drift policy (docs/baselines.md): a flat YAML map of limits, each a number of 0 or more or
 * {@code unlimited}, and {@code settings-must-match}, a list of setting keys ({@code "*"} for all).
 * A key left out keeps the strict default ({@link DriftPolicy#strict()}). Bounded to {@value
 * #MAX_BYTES} bytes and {@value #MAX_KEYS} setting keys; anchors and aliases are refused. Errors are
 * {@link FeedFormatException}s naming the file, the line and the key.
 */
public final class DriftPolicyYamlReader {
  public static final int MAX_BYTES = 64 * 1024;
  public static final int MAX_KEYS = 1000;
  /** The limit keys, in the order of {@link DriftPolicy}'s components. */
  public static final List<String> LIMITS = List.of("max-missing-packages", "max-older-versions", "max-newer-versions",
      "max-vulnerabilities-only-in-test", "max-vulnerabilities-only-in-production");
  public static final String SETTINGS = "settings-must-match";

  private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

  private DriftPolicyYamlReader() {}

  private static LoaderOptions loaderOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(MAX_BYTES);
    o.setMaxAliasesForCollections(0);
    o.setNestingDepthLimit(8);
    o.setAllowDuplicateKeys(false);
    return o;
  }

  /** Reads a policy file. */
  public static DriftPolicy read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read drift policy " + file, e);
    }
  }

  /**
   * Reads a policy.
   *
   * @param source names the input in error messages
   */
  public static DriftPolicy read(InputStream in, String source) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read drift policy " + source, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new FeedFormatException(source, "file", "larger than " + MAX_BYTES + " bytes, the limit for a drift policy");
    }
    Map<String, Integer> limits = new LinkedHashMap<>();
    Set<String> settings = null;
    try (YAMLParser p = FACTORY.createParser(bytes)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return DriftPolicy.strict();
      }
      if (first != JsonToken.START_OBJECT) {
        throw new FeedFormatException(source, "line " + p.currentLocation().getLineNr(),
            "a drift policy is a map of limits (see docs/baselines.md)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int line = p.currentLocation().getLineNr();
        String where = "line " + line + " (" + key + ")";
        JsonToken value = p.nextToken();
        if (p.isCurrentAlias()) {
          throw new FeedFormatException(source, where, "YAML aliases are refused");
        }
        if (LIMITS.contains(key)) {
          if (!value.isScalarValue()) {
            throw new FeedFormatException(source, where, "expected a number of 0 or more, or 'unlimited'");
          }
          limits.put(key, limit(p.getText(), source, where));
        } else if (key.equals(SETTINGS)) {
          settings = new TreeSet<>();
          if (value == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (!p.currentToken().isScalarValue()) {
                throw new FeedFormatException(source, where, "expected a list of setting keys");
              }
              settings.add(p.getText().strip());
              if (settings.size() > MAX_KEYS) {
                throw new FeedFormatException(source, where, "more than " + MAX_KEYS + " setting keys");
              }
            }
          } else if (value == JsonToken.VALUE_STRING && p.getText().strip().equals(DriftPolicy.EVERY_SETTING)) {
            settings.add(DriftPolicy.EVERY_SETTING);
          } else {
            throw new FeedFormatException(source, where, "expected a list of setting keys, or \"*\" for every setting");
          }
        } else {
          throw new FeedFormatException(source, "line " + line, "unknown key '" + key + "'; known: "
              + String.join(", ", LIMITS) + ", " + SETTINGS);
        }
      }
      if (p.nextToken() != null) {
        throw new FeedFormatException(source, "line " + p.currentLocation().getLineNr(),
            "unexpected content after the policy (a second YAML document?)");
      }
    } catch (StreamConstraintsException e) {
      throw new FeedFormatException(source, "document", "over a limit: " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? "document" : "line " + e.getLocation().getLineNr();
      throw new FeedFormatException(source, at, "malformed YAML: " + e.getOriginalMessage(), e);
    } catch (YAMLException e) {
      throw new FeedFormatException(source, "document", "rejected YAML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read drift policy " + source, e);
    }
    DriftPolicy strict = DriftPolicy.strict();
    return new DriftPolicy(limits.getOrDefault(LIMITS.get(0), strict.maxMissingPackages()),
        limits.getOrDefault(LIMITS.get(1), strict.maxOlderVersions()),
        limits.getOrDefault(LIMITS.get(2), strict.maxNewerVersions()),
        limits.getOrDefault(LIMITS.get(3), strict.maxVulnerabilitiesOnlyInTest()),
        limits.getOrDefault(LIMITS.get(4), strict.maxVulnerabilitiesOnlyInProduction()),
        settings == null ? strict.settingsMustMatch() : settings);
  }

  private static int limit(String text, String source, String where) {
    String t = text.strip();
    if (t.equals("unlimited")) {
      return DriftPolicy.UNLIMITED;
    }
    if (!t.matches("[0-9]{1,9}")) {
      throw new FeedFormatException(source, where, "expected a number of 0 or more, or 'unlimited', got '"
          + org.patchwarden.feed.SafeText.escape(t) + "'");
    }
    return Integer.parseInt(t);
  }
}
