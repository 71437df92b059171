package org.opensignup.mail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;
import org.opensignup.Application;
import org.opensignup.bus.Bus;
import org.opensignup.db.Database;
import org.opensignup.support.TestApp;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The whole application: a row written the way the signup feature writes it shows up at /dev/mails. */
class DevSinkMailTest {
  @Test
  void outboxRowArrivesInTheDevSinkAndViewer() throws Exception {
    try (Application app = TestApp.start(Map.of())) {
      try (Connection c = DriverManager.getConnection(Database.jdbcUrl(app.config()), "postgres", "");
           PreparedStatement st = c.prepareStatement("INSERT INTO mail_outbox (lane, kind, recipient, locale, payload) VALUES (?, ?, ?, ?, ?::jsonb)")) {
        st.setString(1, Outbox.Lane.TRANSACTIONAL.dbValue());
        st.setString(2, Outbox.Kind.CONFIRMED);
        st.setString(3, "ada@example.org");
        st.setString(4, "de");
        st.setString(5, new JsonObject().put("firstName", "Ada").put("lastName", "Lovelace")
          .put("course", new JsonObject().put("name", "Italienisch A2").put("language", "Italienisch")).put("feeCents", 6000)
          .put("statusUrl", app.config().publicUrl() + "/s/abc").encode());
        st.executeUpdate();
      }
      app.vertx().eventBus().publish(Bus.MAIL_WAKEUP, null);
      MailFixture.waitUntil(5_000, "mail in the sink", () -> org.opensignup.dev.DevServices.mailSink(app).count() == 1);

      WebClient web = WebClient.create(app.vertx());
      JsonArray mails = TestApp.await(web.get(app.config().httpPort(), "127.0.0.1", "/dev/mails.json").send()).bodyAsJsonObject().getJsonArray("mails");
      assertEquals(1, mails.size());
      assertEquals("Anmeldung bestätigt: Italienisch A2", mails.getJsonObject(0).getString("subject"));
      assertTrue(mails.getJsonObject(0).getString("text").contains("Kursgebühr: 60,00 €"), mails.encodePrettily());
      JsonObject stats = TestApp.await(app.vertx().eventBus().<JsonObject>request(Bus.MAIL_STATS, new JsonObject())).body();
      MailFixture.waitUntil(5_000, "marked sent", () -> TestApp.await(app.vertx().eventBus().<JsonObject>request(Bus.MAIL_STATS, new JsonObject())).body().getLong("sent") == 1);
      assertEquals(0, stats.getLong("failed"));
    }
  }
}
