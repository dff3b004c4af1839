package org.patchwarden.app.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.patchwarden.formats.notify.WebhookPayloads;
import org.patchwarden.notify.DeliveryFailure;
import org.patchwarden.notify.Notification;
import org.patchwarden.notify.NotificationChannel;

/**
 * A webhook: POSTs the notification as JSON in one flavour. Any 2xx reply is delivered; anything
 * else fails the attempt. The URL is a secret (Slack and Teams put the key in it), so errors name
 * the channel, never the URL.
 */
public final class WebhookChannel implements NotificationChannel {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private final String name;
  private final URI url;
  private final WebhookPayloads.Flavour flavour;

  public WebhookChannel(String name, URI url, WebhookPayloads.Flavour flavour) {
    this.name = Objects.requireNonNull(name, "name");
    this.url = Objects.requireNonNull(url, "url");
    this.flavour = Objects.requireNonNull(flavour, "flavour");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification n) throws DeliveryFailure {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "patchwarden")
        .header("X-Patchwarden-Event", n.eventKey().replaceAll("[^\\x20-\\x7e]", "?"))
        .POST(HttpRequest.BodyPublishers.ofString(WebhookPayloads.body(flavour, n), StandardCharsets.UTF_8)).build();
    HttpResponse<String> response;
    try {
      response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeliveryFailure("webhook " + name + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailure("webhook " + name + ": interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      String body = response.body() == null ? "" : response.body().strip();
      throw new DeliveryFailure("webhook " + name + ": HTTP " + response.statusCode()
          + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)));
    }
  }
}
