package org.opensignup.mail;

import io.vertx.core.json.JsonObject;

/** A claimed outbox row; {@code attempts} already counts the attempt this claim is for. */
record OutboxRow(long id, Outbox.Lane lane, String kind, String recipient, String locale, JsonObject payload, int attempts) {}
