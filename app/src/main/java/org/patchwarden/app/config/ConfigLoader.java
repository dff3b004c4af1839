package org.patchwarden.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves configuration with the precedence flags &gt; environment &gt; {@code patchwarden.yaml} in
 * the home directory &gt; defaults, validating every value where it came from.
 */
public final class ConfigLoader {
  /** The name of the configuration file in the home directory. */
  public static final String FILE_NAME = "patchwarden.yaml";

  static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");
  private static final long MAX_FILE_BYTES = 1 << 20;

  /** Keys of the file, with the environment variable that overrides each. */
  private static final Map<String, String> KEYS = Map.ofEntries(
      Map.entry("remediation.approvals", "PATCHWARDEN_REMEDIATION_APPROVALS"),
      Map.entry("remediation.verify-hours", "PATCHWARDEN_REMEDIATION_VERIFY_HOURS"),
      Map.entry("remediation.auto-approve-tiers", "PATCHWARDEN_REMEDIATION_AUTO_APPROVE_TIERS"),
      Map.entry("feeds.sync-interval", "PATCHWARDEN_FEEDS_SYNC_INTERVAL"),
      Map.entry("agents.stale-after", "PATCHWARDEN_AGENTS_STALE_AFTER"),
      Map.entry("events.due-soon", "PATCHWARDEN_EVENTS_DUE_SOON"),
      Map.entry("scheduler.tick", "PATCHWARDEN_SCHEDULER_TICK"),
      Map.entry("notify.interval", "PATCHWARDEN_NOTIFY_INTERVAL"),
      Map.entry("remediation.require-staging-baseline", "PATCHWARDEN_REMEDIATION_REQUIRE_STAGING_BASELINE"),
      Map.entry("remediation.staging-evidence-approves", "PATCHWARDEN_REMEDIATION_STAGING_EVIDENCE_APPROVES"),
      Map.entry("db.url", "PATCHWARDEN_DB"),
      Map.entry("db.user", "PATCHWARDEN_DB_USER"),
      Map.entry("db.password", "PATCHWARDEN_DB_PASSWORD"),
      Map.entry("log.level", "PATCHWARDEN_LOG_LEVEL"),
      Map.entry("feeds.nvd.api-key", "PATCHWARDEN_NVD_API_KEY"),
      Map.entry("feeds.max-removal-share", "PATCHWARDEN_FEEDS_MAX_REMOVAL_SHARE"),
      Map.entry("notify.webhook.url", "PATCHWARDEN_NOTIFY_WEBHOOK_URL"),
      Map.entry("notify.slack.url", "PATCHWARDEN_NOTIFY_SLACK_URL"),
      Map.entry("notify.teams.url", "PATCHWARDEN_NOTIFY_TEAMS_URL"),
      Map.entry("notify.smtp.host", "PATCHWARDEN_NOTIFY_SMTP_HOST"),
      Map.entry("notify.smtp.port", "PATCHWARDEN_NOTIFY_SMTP_PORT"),
      Map.entry("notify.smtp.from", "PATCHWARDEN_NOTIFY_SMTP_FROM"),
      Map.entry("notify.smtp.to", "PATCHWARDEN_NOTIFY_SMTP_TO"),
      Map.entry("notify.smtp.user", "PATCHWARDEN_NOTIFY_SMTP_USER"),
      Map.entry("notify.smtp.password", "PATCHWARDEN_NOTIFY_SMTP_PASSWORD"),
      Map.entry("notify.smtp.starttls", "PATCHWARDEN_NOTIFY_SMTP_STARTTLS"),
      Map.entry("notify.urgent-tiers", "PATCHWARDEN_NOTIFY_URGENT_TIERS"),
      Map.entry("notify.due-soon-days", "PATCHWARDEN_NOTIFY_DUE_SOON_DAYS"),
      Map.entry("notify.lookback-days", "PATCHWARDEN_NOTIFY_LOOKBACK_DAYS"),
      Map.entry("notify.max-attempts", "PATCHWARDEN_NOTIFY_MAX_ATTEMPTS"),
      Map.entry("notify.retry-minutes", "PATCHWARDEN_NOTIFY_RETRY_MINUTES"));
  /** What NVD issues as API keys (UUIDs); checked so that a pasted line break or quote is caught here. */
  private static final java.util.regex.Pattern NVD_API_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9-]{8,128}");

  /** What was given on the command line; null where a flag was absent. */
  public record Flags(Path home, String dbUrl, String logLevel) {}

  private ConfigLoader() {}

  public static AppConfig load(Flags flags, Map<String, String> env) {
    Path home = flags.home() != null ? flags.home()
        : env.get("PATCHWARDEN_HOME") != null && !env.get("PATCHWARDEN_HOME").isBlank()
            ? Path.of(env.get("PATCHWARDEN_HOME")) : Path.of("patchwarden-data");
    Map<String, String> file = readFile(home.resolve(FILE_NAME));

    String dbUrl = pick(flags.dbUrl(), "--db", env, file, "db.url");
    String logLevel = pick(flags.logLevel(), "--log-level", env, file, "log.level");
    String user = pick(null, null, env, file, "db.user");
    String password = pick(null, null, env, file, "db.password");
    String nvdApiKey = pick(null, null, env, file, "feeds.nvd.api-key");

    if (dbUrl == null) {
      dbUrl = "jdbc:sqlite:" + home.toAbsolutePath().normalize().resolve("patchwarden.db");
    } else if (!dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(origin(flags.dbUrl(), "--db", env, "db.url", home) + ": '" + dbUrl
          + "' is not a supported database URL; expected jdbc:postgresql://HOST[:PORT]/DB or jdbc:sqlite:FILE");
    }
    if (logLevel == null) {
      logLevel = "warn";
    } else if (!LEVELS.contains(logLevel.toLowerCase(Locale.ROOT))) {
      throw new ConfigException(origin(flags.logLevel(), "--log-level", env, "log.level", home) + ": '" + logLevel
          + "' is not a log level; expected one of " + String.join(", ", LEVELS));
    }
    if (nvdApiKey != null && !NVD_API_KEY.matcher(nvdApiKey).matches()) {
      // The key is a secret: named by origin and shape, never echoed.
      throw new ConfigException(origin(null, null, env, "feeds.nvd.api-key", home)
          + ": not an NVD API key; expected 8 to 128 letters, digits and dashes (the UUID NVD sent you)");
    }
    String share = pick(null, null, env, file, "feeds.max-removal-share");
    double maxRemovalShare = org.patchwarden.usecase.UpdateFeed.DEFAULT_MAX_REMOVAL_SHARE;
    if (share != null) {
      maxRemovalShare = removalShare(share, origin(null, null, env, "feeds.max-removal-share", home));
    }
    return new AppConfig(home, dbUrl, user, password, logLevel.toLowerCase(Locale.ROOT),
        upstreams(file, home.resolve(FILE_NAME)), nvdApiKey, maxRemovalShare, remediation(env, file, home),
        ops(env, file, home), notify(env, file, home));
  }

  private static NotifySettings notify(Map<String, String> env, Map<String, String> file, Path home) {
    NotifySettings d = NotifySettings.defaults();
    NotifySettings.Smtp smtp = null;
    String host = pick(null, null, env, file, "notify.smtp.host");
    if (host != null && !host.isBlank()) {
      String from = pick(null, null, env, file, "notify.smtp.from");
      String to = pick(null, null, env, file, "notify.smtp.to");
      if (from == null || from.isBlank() || to == null || to.isBlank()) {
        throw new ConfigException(origin(null, null, env, "notify.smtp.host", home)
            + ": an SMTP host needs notify.smtp.from and notify.smtp.to (comma-separated addresses)");
      }
      String starttls = pick(null, null, env, file, "notify.smtp.starttls");
      if (starttls != null && !starttls.strip().matches("(?i)true|false")) {
        throw new ConfigException(origin(null, null, env, "notify.smtp.starttls", home) + ": '" + starttls
            + "' is not valid; expected true or false");
      }
      smtp = new NotifySettings.Smtp(host.strip(), integer(pick(null, null, env, file, "notify.smtp.port"), 25, 1,
          65535, origin(null, null, env, "notify.smtp.port", home), "a port from 1 to 65535"), from.strip(),
          java.util.Arrays.stream(to.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList(),
          pick(null, null, env, file, "notify.smtp.user"), pick(null, null, env, file, "notify.smtp.password"),
          starttls != null && Boolean.parseBoolean(starttls.strip()));
    }
    String tiers = pick(null, null, env, file, "notify.urgent-tiers");
    java.util.Set<String> urgent = tiers == null ? d.rules().urgentTiers()
        : java.util.Arrays.stream(tiers.split("[,\\s]+")).map(String::strip).filter(t -> !t.isEmpty())
            .collect(java.util.stream.Collectors.toSet());
    var rules = new org.patchwarden.notify.NotifyRules(urgent,
        integer(pick(null, null, env, file, "notify.due-soon-days"), d.rules().dueSoonDays(), 0, 365,
            origin(null, null, env, "notify.due-soon-days", home), "days from 0 to 365"),
        integer(pick(null, null, env, file, "notify.lookback-days"), d.rules().lookbackDays(), 0, 3650,
            origin(null, null, env, "notify.lookback-days", home), "days from 0 to 3650"));
    int attempts = integer(pick(null, null, env, file, "notify.max-attempts"), d.retry().maxAttempts(), 1, 100,
        origin(null, null, env, "notify.max-attempts", home), "attempts from 1 to 100");
    int minutes = integer(pick(null, null, env, file, "notify.retry-minutes"),
        (int) d.retry().firstDelay().toMinutes(), 0, 24 * 60, origin(null, null, env, "notify.retry-minutes", home),
        "minutes from 0 to 1440");
    var retry = new org.patchwarden.notify.RetryPolicy(attempts, java.time.Duration.ofMinutes(minutes),
        java.time.Duration.ofMinutes(Math.max(minutes, d.retry().maxDelay().toMinutes())));
    return new NotifySettings(url(env, file, home, "notify.webhook.url"), url(env, file, home, "notify.slack.url"),
        url(env, file, home, "notify.teams.url"), smtp, rules, retry);
  }

  /** A webhook URL: http or https with a host. It is a secret (Slack and Teams keep the key in it): never echoed. */
  private static java.net.URI url(Map<String, String> env, Map<String, String> file, Path home, String key) {
    String text = pick(null, null, env, file, key);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      java.net.URI uri = new java.net.URI(text.strip());
      if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new ConfigException(origin(null, null, env, key, home)
        + ": not a webhook URL; expected http(s)://HOST/PATH (the value is not shown: it may hold a secret)");
  }

  private static RemediationSettings remediation(Map<String, String> env, Map<String, String> file, Path home) {
    RemediationSettings d = RemediationSettings.defaults();
    int approvals = integer(pick(null, null, env, file, "remediation.approvals"), d.approvals(), 0, 2,
        origin(null, null, env, "remediation.approvals", home), "0, 1 or 2");
    int hours = integer(pick(null, null, env, file, "remediation.verify-hours"), d.verifyHours(), 1, 24 * 365,
        origin(null, null, env, "remediation.verify-hours", home), "hours from 1 to 8760");
    String tiers = pick(null, null, env, file, "remediation.auto-approve-tiers");
    java.util.Set<String> auto = tiers == null ? d.autoApproveTiers()
        : java.util.Arrays.stream(tiers.split("[,\\s]+")).map(String::strip).filter(t -> !t.isEmpty())
            .collect(java.util.stream.Collectors.toSet());
    boolean requireStaging = bool(env, file, home, "remediation.require-staging-baseline");
    if (requireStaging && approvals == 0) {
      // with no approval to wait for, a change is approved when planned and the evidence is never asked for
      throw new ConfigException(origin(null, null, env, "remediation.require-staging-baseline", home)
          + ": true needs remediation.approvals of 1 or 2, not 0");
    }
    return new RemediationSettings(approvals, hours, auto, requireStaging,
        bool(env, file, home, "remediation.staging-evidence-approves"));
  }

  /** A true/false key, false when absent. */
  private static boolean bool(Map<String, String> env, Map<String, String> file, Path home, String key) {
    String text = pick(null, null, env, file, key);
    if (text == null) {
      return false;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(origin(null, null, env, key, home) + ": '" + text
          + "' is not valid; expected true or false");
    };
  }

  private static OpsSettings ops(Map<String, String> env, Map<String, String> file, Path home) {
    OpsSettings d = OpsSettings.defaults();
    return new OpsSettings(duration(env, file, home, "feeds.sync-interval", d.feedSyncInterval()),
        duration(env, file, home, "agents.stale-after", d.staleAfter()),
        duration(env, file, home, "events.due-soon", d.dueSoon()),
        duration(env, file, home, "scheduler.tick", d.tick()),
        duration(env, file, home, "notify.interval", d.notifyInterval()));
  }

  private static java.time.Duration duration(Map<String, String> env, Map<String, String> file, Path home, String key,
      java.time.Duration fallback) {
    String text = pick(null, null, env, file, key);
    if (text == null) {
      return fallback;
    }
    try {
      return OpsSettings.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(origin(null, null, env, key, home) + ": " + e.getMessage());
    }
  }

  private static int integer(String text, int fallback, int min, int max, String origin, String expected) {
    if (text == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(text.strip());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(origin + ": '" + text + "' is not valid; expected " + expected);
  }

  /** A share written as 0.5 or 50%. */
  private static double removalShare(String text, String origin) {
    String t = text.strip();
    try {
      double share = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100
          : Double.parseDouble(t);
      if (share >= 0 && share <= 1) {
        return share;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(origin + ": '" + text + "' is not a share of records; expected 0 to 1 (0.5) or 0% to 100%");
  }

  /** The default upstreams with {@code feeds.<name>.url} / {@code feeds.<name>.enabled} applied. */
  private static java.util.List<Upstream> upstreams(Map<String, String> file, Path path) {
    java.util.List<Upstream> out = new java.util.ArrayList<>();
    for (Upstream u : Upstream.defaults()) {
      String url = file.getOrDefault("feeds." + u.name() + ".url", u.url());
      if (!url.startsWith("https://") && !url.startsWith("http://") && !url.startsWith("file:")) {
        throw new ConfigException(path + ": key feeds." + u.name() + ".url: '" + url
            + "' is not a URL; expected https://…, http://… or file:…");
      }
      String enabled = file.get("feeds." + u.name() + ".enabled");
      boolean on = u.enabled();
      if (enabled != null) {
        if (!enabled.equals("true") && !enabled.equals("false")) {
          throw new ConfigException(path + ": key feeds." + u.name() + ".enabled: '" + enabled + "' is not true or false");
        }
        on = Boolean.parseBoolean(enabled);
      }
      out.add(u.with(url, on));
    }
    return out;
  }

  private static boolean isFeedKey(String key) {
    for (Upstream u : Upstream.defaults()) {
      if (key.equals("feeds." + u.name() + ".url") || key.equals("feeds." + u.name() + ".enabled")) {
        return true;
      }
    }
    return false;
  }

  private static String pick(String flag, String flagName, Map<String, String> env, Map<String, String> file, String key) {
    if (flag != null) {
      return flag;
    }
    String fromEnv = env.get(KEYS.get(key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    return file.get(key);
  }

  private static String origin(String flag, String flagName, Map<String, String> env, String key, Path home) {
    if (flag != null) {
      return "option " + flagName;
    }
    String var = KEYS.get(key);
    if (env.get(var) != null && !env.get(var).isBlank()) {
      return "environment variable " + var;
    }
    return home.resolve(FILE_NAME) + ": key " + key;
  }

  private static Map<String, String> readFile(Path path) {
    if (!Files.isRegularFile(path)) {
      return Map.of();
    }
    JsonNode root;
    try {
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new ConfigException(path + ": larger than 1 MiB; is this really the configuration file?");
      }
      root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
    } catch (IOException e) {
      throw new ConfigException(path + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    Map<String, String> flat = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return flat;
    }
    if (!root.isObject()) {
      throw new ConfigException(path + ": expected a mapping of keys (db.url, log.level …) at the top level");
    }
    flatten(path, "", root, flat);
    for (String key : flat.keySet()) {
      if (!KEYS.containsKey(key) && !isFeedKey(key)) {
        throw new ConfigException(path + ": unknown key '" + key + "'; known keys: "
            + String.join(", ", KEYS.keySet().stream().sorted().toList())
            + ", feeds.<name>.url, feeds.<name>.enabled (names: "
            + String.join(", ", Upstream.defaults().stream().map(Upstream::name).toList()) + ")");
      }
    }
    return flat;
  }

  private static void flatten(Path path, String prefix, JsonNode node, Map<String, String> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
      JsonNode v = f.getValue();
      if (v.isObject()) {
        flatten(path, key, v, out);
      } else if (v.isValueNode() && !v.isNull()) {
        out.put(key, v.asText());
      } else {
        throw new ConfigException(path + ": key '" + key + "' must be a single value, got " + v.getNodeType().name().toLowerCase(Locale.ROOT));
      }
    }
  }
}
