package org.opensignup.dev;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The development SMTP sink (GreenMail on loopback), like maildev: it accepts every mail and keeps
 * it in memory for the /dev/mails viewer. Verticles find it through {@link org.opensignup.Shared}.
 */
public final class MailSink implements AutoCloseable {

  private final GreenMail greenMail;

  private MailSink(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  public static MailSink start(int port) {
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    if (port == 0) setup = setup.dynamicPort();
    GreenMail gm = new GreenMail(setup);
    gm.start();
    return new MailSink(gm);
  }

  public int port() {
    return greenMail.getSmtp().getPort();
  }

  public int count() {
    return greenMail.getReceivedMessages().length;
  }

  public GreenMail greenMail() {
    return greenMail;
  }

  /** A captured mail, decoded for display. Blocking (MIME parsing): call off the event loop. */
  public record Captured(int index, String messageId, String from, String to, String subject, Date sent, String text, String html) {}

  public List<Captured> mails() {
    MimeMessage[] messages = greenMail.getReceivedMessages();
    List<Captured> out = new ArrayList<>(messages.length);
    for (int i = messages.length - 1; i >= 0; i--) out.add(decode(i, messages[i]));
    return out;
  }

  private static Captured decode(int index, MimeMessage m) {
    try {
      String[] parts = new String[2];
      collect(m.getContent(), m.getContentType(), parts);
      return new Captured(index, m.getMessageID(), join(m.getFrom()), join(m.getAllRecipients()), m.getSubject(), m.getSentDate(), parts[0], parts[1]);
    } catch (MessagingException | IOException e) {
      return new Captured(index, null, "?", "?", "(unreadable: " + e.getMessage() + ")", null, "", null);
    }
  }

  private static void collect(Object content, String type, String[] parts) throws MessagingException, IOException {
    if (content instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart bp = mp.getBodyPart(i);
        collect(bp.getContent(), bp.getContentType(), parts);
      }
    } else if (content instanceof String s) {
      if (type != null && type.toLowerCase().startsWith("text/html")) {
        if (parts[1] == null) parts[1] = s;
      } else if (parts[0] == null) {
        parts[0] = s;
      }
    }
  }

  private static String join(Address[] addresses) {
    return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
