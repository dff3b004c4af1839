package org.patchwarden.formats.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.patchwarden.notify.Notification;

/**
 * The JSON bodies a webhook receives, one per flavour: Patchwarden's own ({@value #SCHEMA}), a Slack
 * incoming-webhook message (text plus a section block), and a Teams message carrying an Adaptive Card
 * (what Teams workflows and connectors accept).
 */
public final class WebhookPayloads {
  /** The schema name of the generic payload (docs/notifications.md). */
  public static final String SCHEMA = "patchwarden-notification/1";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The payload flavours. */
  public enum Flavour {
    JSON, SLACK, TEAMS;

    public static Flavour of(String name) {
      for (Flavour f : values()) {
        if (f.name().equalsIgnoreCase(name.strip())) {
          return f;
        }
      }
      throw new IllegalArgumentException("'" + name + "' is not a webhook format; expected json, slack or teams");
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private WebhookPayloads() {}

  public static String body(Flavour flavour, Notification n) {
    ObjectNode root = switch (flavour) {
      case JSON -> generic(n);
      case SLACK -> slack(n);
      case TEAMS -> teams(n);
    };
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("notification " + n.eventKey() + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode generic(Notification n) {
    ObjectNode o = JSON.createObjectNode();
    o.put("schema", SCHEMA);
    o.put("event_key", n.eventKey());
    o.put("kind", n.kind().id());
    o.put("subject", n.subject());
    o.put("text", n.text());
    o.put("raised_at", n.raisedAt().toString());
    ObjectNode facts = o.putObject("facts");
    n.facts().forEach(facts::put);
    return o;
  }

  private static ObjectNode slack(Notification n) {
    ObjectNode o = JSON.createObjectNode();
    o.put("text", n.subject());
    ArrayNode blocks = o.putArray("blocks");
    ObjectNode section = blocks.addObject();
    section.put("type", "section");
    ObjectNode text = section.putObject("text");
    text.put("type", "mrkdwn");
    text.put("text", "*" + slackEscape(n.subject()) + "*\n" + slackEscape(n.text()));
    ObjectNode context = blocks.addObject();
    context.put("type", "context");
    ObjectNode element = context.putArray("elements").addObject();
    element.put("type", "mrkdwn");
    element.put("text", slackEscape(n.kind().id() + " · " + n.eventKey()));
    return o;
  }

  /** Slack reads {@code &}, {@code <} and {@code >} as markup: an advisory title must not become a link. */
  private static String slackEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static ObjectNode teams(Notification n) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "message");
    o.put("summary", n.subject());
    ObjectNode attachment = o.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    ArrayNode body = card.putArray("body");
    ObjectNode title = body.addObject();
    title.put("type", "TextBlock");
    title.put("text", n.subject());
    title.put("weight", "Bolder");
    title.put("wrap", true);
    ObjectNode text = body.addObject();
    text.put("type", "TextBlock");
    text.put("text", n.text());
    text.put("wrap", true);
    ObjectNode factSet = body.addObject();
    factSet.put("type", "FactSet");
    ArrayNode facts = factSet.putArray("facts");
    n.facts().forEach((k, v) -> {
      ObjectNode f = facts.addObject();
      f.put("title", k);
      f.put("value", v);
    });
    return o;
  }

  /** The plain-text body of an email: the text, then the facts one per line. */
  public static String emailText(Notification n) {
    StringBuilder b = new StringBuilder(n.text()).append("\n\n");
    n.facts().forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
    b.append("\nevent: ").append(n.eventKey()).append("\n-- \nPatchwarden\n");
    return b.toString();
  }
}
