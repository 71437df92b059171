package org.opensignup.mail;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import org.opensignup.support.TestApp;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server that answers every RCPT TO with a chosen reply (GreenMail accepts every
 * recipient), to show how the sender treats 5xx and 4xx refusals.
 */
final class FakeSmtp implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final NetServer server;
  final AtomicInteger recipientsTried = new AtomicInteger();
  /** The Message-ID of every mail whose data ended (the server has it from that moment), in arrival order. */
  final java.util.Queue<String> messageIds = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final long dataReplyDelayMs;

  FakeSmtp(String rcptReply) {
    this(rcptReply, 0);
  }

  /** {@code dataReplyDelayMs}: a slow relay that takes this long to acknowledge each mail's data. */
  FakeSmtp(String rcptReply, long dataReplyDelayMs) {
    this.dataReplyDelayMs = dataReplyDelayMs;
    server = vertx.createNetServer().connectHandler(socket -> serve(socket, rcptReply));
    TestApp.await(server.listen(0, "127.0.0.1"));
  }

  int port() {
    return server.actualPort();
  }

  private void serve(NetSocket socket, String rcptReply) {
    boolean[] inData = {false};
    socket.write("220 fake.test ESMTP\r\n");
    socket.handler(RecordParser.newDelimited("\r\n", line -> {
      String l = line.toString();
      if (inData[0]) {
        if (l.regionMatches(true, 0, "Message-ID:", 0, 11)) messageIds.add(l.substring(11).trim());
        if (l.equals(".")) {
          inData[0] = false;
          if (dataReplyDelayMs > 0) vertx.setTimer(dataReplyDelayMs, t -> socket.write("250 2.0.0 queued\r\n"));
          else socket.write("250 2.0.0 queued\r\n");
        }
        return;
      }
      String cmd = l.length() >= 4 ? l.substring(0, 4).toUpperCase(Locale.ROOT) : l.toUpperCase(Locale.ROOT);
      switch (cmd) {
        case "EHLO", "HELO" -> socket.write("250 fake.test\r\n");
        case "RCPT" -> {
          recipientsTried.incrementAndGet();
          socket.write(rcptReply + "\r\n");
        }
        case "DATA" -> {
          inData[0] = true;
          socket.write("354 go ahead\r\n");
        }
        case "QUIT" -> socket.write("221 bye\r\n").onComplete(v -> socket.close());
        default -> socket.write("250 OK\r\n");
      }
    }));
  }

  @Override
  public void close() {
    TestApp.await(vertx.close());
  }

}
