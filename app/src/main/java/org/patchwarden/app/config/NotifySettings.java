package org.patchwarden.app.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.patchwarden.notify.NotifyRules;
import org.patchwarden.notify.RetryPolicy;

/**
 * The {@code notify.*} keys of the configuration: the channels (each absent unless configured) and
 * the rules and retries of delivery.
 *
 * @param webhook {@code notify.webhook.url}: receives the generic JSON payload, or null
 * @param slack {@code notify.slack.url}: a Slack incoming webhook, or null
 * @param teams {@code notify.teams.url}: a Teams workflow or connector webhook, or null
 * @param smtp {@code notify.smtp.*}, or null when no SMTP host is set
 */
public record NotifySettings(URI webhook, URI slack, URI teams, Smtp smtp, NotifyRules rules, RetryPolicy retry) {
  /** The channel names, as the outbox records them. */
  public static final String WEBHOOK = "webhook";
  public static final String SLACK = "slack";
  public static final String TEAMS = "teams";
  public static final String EMAIL = "email";

  /** SMTP delivery: {@code notify.smtp.host}, {@code port} (25), {@code from}, {@code to}, {@code user}, {@code password}, {@code starttls}. */
  public record Smtp(String host, int port, String from, List<String> to, String user, String password,
      boolean startTls) {
    public Smtp {
      to = List.copyOf(to);
    }
  }

  public static NotifySettings defaults() {
    return new NotifySettings(null, null, null, null, NotifyRules.defaults(), RetryPolicy.defaults());
  }

  /** The names of the configured channels, in a fixed order. */
  public List<String> channels() {
    List<String> out = new ArrayList<>();
    if (webhook != null) {
      out.add(WEBHOOK);
    }
    if (slack != null) {
      out.add(SLACK);
    }
    if (teams != null) {
      out.add(TEAMS);
    }
    if (smtp != null) {
      out.add(EMAIL);
    }
    return out;
  }
}
