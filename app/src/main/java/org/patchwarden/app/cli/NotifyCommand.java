package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwarden.notify.Delivery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden notify}: raise notifications from the current state, deliver them, list the outbox. */
@Command(name = "notify", mixinStandardHelpOptions = true,
    description = {
      "Tell people about new urgent (T0/T1) findings, KEV CVEs hitting the fleet, due dates near or passed and",
      "verification failures, over webhooks (generic JSON, Slack, Teams) and email (notify.* keys, docs/notifications.md).",
      "Each event is queued once per channel in the outbox; failed deliveries are retried with backoff and end as",
      "dead letters after notify.max-attempts."
    },
    subcommands = {NotifyCommand.Deliver.class, NotifyCommand.ListDeliveries.class, NotifyCommand.DeadLetters.class})
final class NotifyCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    root.terminal().err().println("patchwarden: missing subcommand: deliver, list or dead-letters "
        + "(see 'patchwarden notify --help')");
    return 2;
  }

  @Command(name = "deliver", mixinStandardHelpOptions = true,
      description = "Queue the events the current state holds, then send the deliveries that are due.")
  static final class Deliver implements Callable<Integer> {
    @ParentCommand NotifyCommand notify;
    @Option(names = "--limit", paramLabel = "N", description = "Send at most N deliveries (default ${DEFAULT-VALUE}).",
        defaultValue = "500") int limit;
    @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (default: $PATCHWARDEN_HOME/policy.yaml or the shipped one).") Path policy;

    @Override
    public Integer call() {
      var app = notify.root.app();
      List<String> channels = app.config().notifications().channels();
      PrintWriter out = notify.root.terminal().out();
      if (channels.isEmpty()) {
        throw new CliException(2, "notify deliver: no channel is configured; set notify.webhook.url, notify.slack.url,"
            + " notify.teams.url or notify.smtp.host (docs/notifications.md)");
      }
      if (limit < 1) {
        throw new CliException(2, "notify deliver: --limit must be at least 1, got " + limit);
      }
      DatabaseLine.print(notify.root);
      int queued = app.raiseNotifications(policy).raise();
      var run = app.deliverNotifications().deliver(limit);
      out.printf("queued %d new deliveries (channels: %s); sent %d, to retry %d, dead letters %d%n", queued,
          String.join(", ", channels), run.sent(), run.retried(), run.dead());
      return run.dead() > 0 ? 1 : 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Deliveries in the outbox, newest first.")
  static final class ListDeliveries implements Callable<Integer> {
    @ParentCommand NotifyCommand notify;
    @Option(names = "--status", paramLabel = "STATUS", description = "Only pending, sent or dead.") String status;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N (default ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() {
      Delivery.Status s = null;
      if (status != null) {
        try {
          s = Delivery.Status.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new CliException(2, "notify list: --status '" + status + "' is not a status; expected pending, sent or dead");
        }
      }
      print(notify.root, notify.root.app().deliverNotifications().list(s, limit), json, "no deliveries");
      return 0;
    }
  }

  @Command(name = "dead-letters", mixinStandardHelpOptions = true,
      description = "Deliveries given up after their last attempt, with the last error.")
  static final class DeadLetters implements Callable<Integer> {
    @ParentCommand NotifyCommand notify;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N (default ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() {
      print(notify.root, notify.root.app().deliverNotifications().list(true, limit), json, "no dead letters");
      return 0;
    }
  }

  private static void print(PatchwardenCommand root, List<Delivery> deliveries, boolean json, String none) {
    PrintWriter out = root.terminal().out();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", "patchwarden-deliveries/1");
      doc.put("deliveries", deliveries.stream().map(NotifyCommand::json).toList());
      FindingJson.print(out, doc);
      return;
    }
    if (deliveries.isEmpty()) {
      out.println(none);
      return;
    }
    for (Delivery d : deliveries) {
      out.printf("%-7s %-8s %-19s attempts %d  %s%n", d.status().name().toLowerCase(java.util.Locale.ROOT),
          d.channel(), d.notification().kind().id(), d.attempts(), d.notification().subject());
      if (!d.lastError().isEmpty()) {
        out.printf("        last error: %s%n", d.lastError());
      }
    }
  }

  private static Map<String, Object> json(Delivery d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event_key", d.eventKey());
    m.put("channel", d.channel());
    m.put("kind", d.notification().kind().id());
    m.put("status", d.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("attempts", d.attempts());
    m.put("subject", d.notification().subject());
    m.put("raised_at", d.notification().raisedAt().toString());
    m.put("next_attempt_at", d.nextAttemptAt().toString());
    m.put("done_at", d.doneAt() == null ? null : d.doneAt().toString());
    m.put("last_error", d.lastError());
    return m;
  }
}
