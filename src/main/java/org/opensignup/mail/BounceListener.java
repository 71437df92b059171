package org.opensignup.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small LMTP (RFC 2033) and SMTP listener for bounces, for the local MTA to hand over mail to
 * bounce+{id}@domain: it accepts only such return paths, reads the delivery status notification
 * and records failures through {@link BounceRecorder}. Anything else (vacation replies) is
 * accepted and dropped. Not an open relay: it never forwards anything.
 */
final class BounceListener {
  private static final Logger log = LoggerFactory.getLogger(BounceListener.class);
  private static final int MAX_LINE = 4096;
  private static final int MAX_MESSAGE = 1024 * 1024;
  private static final int MAX_RECIPIENTS = 20;

  private final Vertx vertx;
  private final BounceRecorder recorder;
  private NetServer server;

  BounceListener(Vertx vertx, BounceRecorder recorder) {
    this.vertx = vertx;
    this.recorder = recorder;
  }

  Future<Integer> listen(String host, int port) {
    server = vertx.createNetServer(new NetServerOptions().setIdleTimeout(120)).connectHandler(this::serve);
    return server.listen(port, host).map(NetServer::actualPort);
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void serve(NetSocket socket) {
    Session s = new Session(socket);
    socket.write("220 opensignup bounce receiver\r\n");
    RecordParser parser = RecordParser.newDelimited("\n", line -> s.line(stripCr(line.toString())));
    parser.maxRecordSize(MAX_LINE);
    parser.exceptionHandler(e -> {
      socket.write("500 5.5.2 line too long\r\n");
      socket.close();
    });
    socket.handler(parser);
  }

  private static String stripCr(String l) {
    return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
  }

  private final class Session {
    private final NetSocket socket;
    private boolean lmtp;
    private boolean inData;
    private final List<String> recipients = new ArrayList<>();
    private StringBuilder data = new StringBuilder();

    Session(NetSocket socket) {
      this.socket = socket;
    }

    void line(String l) {
      if (inData) {
        if (l.equals(".")) {
          inData = false;
          finish();
        } else if (data.length() < MAX_MESSAGE) {
          data.append(l.startsWith("..") ? l.substring(1) : l).append('\n');
        }
        return;
      }
      String upper = l.toUpperCase(Locale.ROOT);
      if (upper.startsWith("LHLO")) {
        lmtp = true;
        socket.write("250-opensignup\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n");
      } else if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
        socket.write("250-opensignup\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n");
      } else if (upper.startsWith("MAIL FROM:")) {
        recipients.clear();
        socket.write("250 2.1.0 OK\r\n");
      } else if (upper.startsWith("RCPT TO:")) {
        String to = path(l.substring(8));
        if (BounceRecorder.outboxIdOf(to) == null) {
          socket.write("550 5.1.1 no such mailbox here\r\n");
        } else if (recipients.size() >= MAX_RECIPIENTS) {
          socket.write("452 4.5.3 too many recipients\r\n");
        } else {
          recipients.add(to);
          socket.write("250 2.1.5 OK\r\n");
        }
      } else if (upper.equals("DATA")) {
        if (recipients.isEmpty()) {
          socket.write("554 5.5.1 no valid recipients\r\n");
        } else {
          inData = true;
          data = new StringBuilder();
          socket.write("354 end with <CRLF>.<CRLF>\r\n");
        }
      } else if (upper.equals("RSET")) {
        recipients.clear();
        socket.write("250 2.0.0 OK\r\n");
      } else if (upper.equals("NOOP")) {
        socket.write("250 2.0.0 OK\r\n");
      } else if (upper.equals("QUIT")) {
        socket.write("221 2.0.0 bye\r\n").onComplete(v -> socket.close());
      } else {
        socket.write("502 5.5.1 command not implemented\r\n");
      }
    }

    private void finish() {
      Dsn dsn = Dsn.parse(data.toString());
      List<String> to = new ArrayList<>(recipients);
      recipients.clear();
      List<Future<?>> recorded = new ArrayList<>();
      if (dsn != null && dsn.failed()) {
        for (String returnPath : to) {
          recorded.add(recorder.record(new JsonObject().put("returnPath", returnPath).put("recipient", dsn.finalRecipient())
            .put("reason", dsn.reason())).recover(e -> {
              // an outbox id that no longer exists: accept, there is nothing to mark; a database
              // failure stays a failure, so the MTA keeps the bounce and tries again
              if (!(e instanceof io.vertx.core.eventbus.ReplyException)) return Future.failedFuture(e);
              log.info("bounce for {} not recorded: {}", returnPath, e.getMessage());
              return Future.succeededFuture();
            }));
        }
      }
      Future.all(recorded).onComplete(ar -> {
        String reply = ar.succeeded() ? "250 2.0.0 OK\r\n" : "451 4.3.0 cannot record the bounce now\r\n";
        // LMTP answers once per recipient, SMTP once per message
        int replies = lmtp ? to.size() : 1;
        for (int i = 0; i < replies; i++) socket.write(reply);
      });
    }
  }

  /** "<bounce+1@example.org> SIZE=123" → "bounce+1@example.org". */
  private static String path(String arg) {
    String a = arg.trim();
    int end = a.indexOf('>');
    if (a.startsWith("<") && end > 0) return a.substring(1, end);
    int space = a.indexOf(' ');
    return space > 0 ? a.substring(0, space) : a;
  }
}
