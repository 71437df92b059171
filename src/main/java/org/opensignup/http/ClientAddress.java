package org.opensignup.http;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/** The client's address as far as we may believe it. */
final class ClientAddress {
  private ClientAddress() {}

  /**
   * Behind a trusted proxy (http.trust-proxy) the last X-Forwarded-For entry: the one our proxy
   * appended; earlier entries come from the client and can be anything. Otherwise the peer address.
   */
  static String of(RoutingContext ctx, boolean trustProxy) {
    if (trustProxy) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded != null) {
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        if (!last.isEmpty() && last.length() <= 64) return last;
      }
    }
    SocketAddress peer = ctx.request().remoteAddress();
    return peer == null || peer.host() == null ? "unknown" : peer.host();
  }

  static boolean isLoopback(String address) {
    return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
  }
}
