package org.patchwarden.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.patchwarden.app.collect.HostFiles;
import org.patchwarden.app.collect.UploadClient;
import org.patchwarden.app.inventory.CollectedInventory;
import org.patchwarden.app.inventory.LocalHost;
import org.patchwarden.formats.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden collect}: the collector agent; inventories this host and uploads it to a server. */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description = {
      "Collector agent: inventory this host with the same collectors as 'scan' (os-release; dpkg, apk,",
      "rpm) and upload it to a Patchwarden server, which matches, assesses and verifies it at once.",
      "The files go up raw (os-release, dpkg status, apk installed, rpm -qa) and the server reads them",
      "as 'scan FILE...' does. An Idempotency-Key (SHA-256 of the content) makes a retry harmless.",
      "5xx answers, 429, timeouts and refused connections are retried with doubling pauses.",
      "Run it from cron or a systemd timer; the server flags hosts that stop checking in as stale.",
      "Exit codes: 0 uploaded, 1 server or network failure, 2 refused token or request."
    })
final class CollectCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Option(names = "--server", required = true, paramLabel = "URL", description = "The server's base URL, e.g. https://patchwarden.example:7070.")
  String server;

  @Option(names = "--token", paramLabel = "TOKEN", description = "API token (default: $PATCHWARDEN_TOKEN, which keeps it out of the process list).")
  String token;

  @Option(names = "--asset", paramLabel = "NAME", description = "Asset name (default: the host name).")
  String asset;

  @Option(names = "--root", paramLabel = "DIR", defaultValue = "/", description = "Root of the host to inventory (default: /).")
  Path hostRoot;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Wait this long for each answer (default: 60).")
  int timeoutSeconds;

  @Option(names = "--attempts", paramLabel = "N", defaultValue = "5", description = "Attempts before giving up (default: 5).")
  int attempts;

  @Option(names = "--retry-pause", paramLabel = "MS", defaultValue = "1000",
      description = "Pause before the first retry, in milliseconds (default: 1000); it doubles each time.")
  long firstPauseMillis;

  private final UploadClient.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

  @Override
  public Integer call() {
    String t = token != null ? token : root.terminal().env().get("PATCHWARDEN_TOKEN");
    if (t == null || t.isBlank()) {
      throw new CliException(2, "no API token: give --token TOKEN or set PATCHWARDEN_TOKEN");
    }
    if (timeoutSeconds < 1 || attempts < 1 || attempts > 20) {
      throw new CliException(2, "--timeout must be at least 1 second and --attempts from 1 to 20");
    }
    if (!Files.isDirectory(hostRoot)) {
      throw new CliException(2, "no such directory: " + hostRoot);
    }
    URI base;
    try {
      base = URI.create(server.strip());
    } catch (IllegalArgumentException e) {
      throw new CliException(2, "--server '" + server + "' is not a URL: " + e.getMessage());
    }
    CollectedInventory collected;
    try {
      collected = LocalHost.collect(hostRoot);
    } catch (IllegalStateException e) {
      throw new CliException(1, e.getMessage());
    }
    String name = (asset != null ? asset : LocalHost.hostName()).strip();
    if (name.isEmpty()) {
      throw new CliException(2, "empty asset name (choose one with --asset)");
    }
    String agent = "patchwarden-collect/" + VersionProvider.version() + " (" + LocalHost.hostName() + ")";
    // The raw files go up, not our parse of them: the server reads them as 'scan FILE...' would.
    HostFiles files = HostFiles.of(hostRoot);
    String key = files.idempotencyKey(name);
    PrintWriter out = root.terminal().out();
    collected.notes().forEach(n -> root.terminal().err().println("note: " + n));
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(Math.min(timeoutSeconds, 30)))
        .followRedirects(HttpClient.Redirect.NEVER).build()) {
      UploadClient client;
      try {
        client = new UploadClient(http, base, t.strip(), Duration.ofSeconds(timeoutSeconds), attempts, Duration.ofMillis(Math.max(0, firstPauseMillis)),
            sleeper);
      } catch (IllegalArgumentException e) {
        throw new CliException(2, e.getMessage());
      }
      UploadClient.Answer answer;
      try {
        answer = client.upload(name, files, key, agent);
      } catch (UploadClient.UploadException e) {
        throw new CliException(e.exitCode(), e.getMessage());
      }
      out.printf("%s: uploaded %d packages to %s (%s)%s%s%n", name, collected.packages().size(), client.endpoint(),
          key.substring(0, 19), answer.replayed() ? ", already received: the first answer is repeated" : "",
          answer.attempts() > 1 ? " after " + answer.attempts() + " attempts" : "");
      summary(answer.body()).ifPresent(out::println);
    }
    return 0;
  }

  /** The server's summary of the upload, when it answered the documented JSON. */
  private static java.util.Optional<String> summary(String body) {
    try {
      JsonNode n = Json.mapper().readTree(body);
      if (n == null || !n.has("revision")) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(String.format("revision %d%s, %d findings: %d new, %d fixed; verification decided %d change(s)",
          n.path("revision").asInt(), n.path("unchanged").asBoolean() ? " (unchanged)" : "", n.path("findings").asInt(),
          n.path("opened").asInt(), n.path("closed").asInt(), n.path("verified_changes").size()));
    } catch (java.io.IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
