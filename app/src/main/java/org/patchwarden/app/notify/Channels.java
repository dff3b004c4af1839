package org.patchwarden.app.notify;

import java.util.ArrayList;
import java.util.List;
import org.patchwarden.app.config.NotifySettings;
import org.patchwarden.formats.notify.WebhookPayloads;
import org.patchwarden.notify.NotificationChannel;

/** The channels the configuration names, built. */
public final class Channels {
  private Channels() {}

  public static List<NotificationChannel> of(NotifySettings s) {
    List<NotificationChannel> out = new ArrayList<>();
    if (s.webhook() != null) {
      out.add(new WebhookChannel(NotifySettings.WEBHOOK, s.webhook(), WebhookPayloads.Flavour.JSON));
    }
    if (s.slack() != null) {
      out.add(new WebhookChannel(NotifySettings.SLACK, s.slack(), WebhookPayloads.Flavour.SLACK));
    }
    if (s.teams() != null) {
      out.add(new WebhookChannel(NotifySettings.TEAMS, s.teams(), WebhookPayloads.Flavour.TEAMS));
    }
    if (s.smtp() != null) {
      var m = s.smtp();
      out.add(new SmtpChannel(NotifySettings.EMAIL, new SmtpChannel.Settings(m.host(), m.port(), m.from(), m.to(),
          m.user(), m.password(), m.startTls())));
    }
    return out;
  }
}
