package org.patchwarden.app.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.patchwarden.formats.notify.WebhookPayloads;
import org.patchwarden.notify.DeliveryFailure;
import org.patchwarden.notify.Notification;
import org.patchwarden.notify.NotificationChannel;

/** Email over SMTP (Angus Mail): one plain-text message per notification to the configured addresses. */
public final class SmtpChannel implements NotificationChannel {
  /**
   * Where and how to send.
   *
   * @param user null for an unauthenticated relay
   * @param startTls require STARTTLS before authenticating
   */
  public record Settings(String host, int port, String from, List<String> to, String user, String password,
      boolean startTls) {
    public Settings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(from, "from");
      to = List.copyOf(to);
    }
  }

  private final String name;
  private final Settings settings;

  public SmtpChannel(String name, Settings settings) {
    this.name = Objects.requireNonNull(name, "name");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification n) throws DeliveryFailure {
    Properties props = new Properties();
    props.put("mail.smtp.host", settings.host());
    props.put("mail.smtp.port", String.valueOf(settings.port()));
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "20000");
    props.put("mail.smtp.writetimeout", "20000");
    if (settings.startTls()) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
    }
    if (settings.user() != null) {
      props.put("mail.smtp.auth", "true");
    }
    Session session = Session.getInstance(props);
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(settings.from(), true));
      for (String to : settings.to()) {
        m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      }
      m.setSubject("[patchwarden] " + n.subject(), "UTF-8");
      m.setSentDate(Date.from(n.raisedAt()));
      m.setHeader("X-Patchwarden-Event", n.eventKey().replaceAll("[^\\x20-\\x7e]", "?"));
      m.setText(WebhookPayloads.emailText(n), "UTF-8");
      if (settings.user() != null) {
        Transport.send(m, settings.user(), settings.password());
      } else {
        Transport.send(m);
      }
    } catch (MessagingException e) {
      throw new DeliveryFailure("email " + name + " via " + settings.host() + ":" + settings.port() + ": "
          + e.getMessage(), e);
    }
  }
}
