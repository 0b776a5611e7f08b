package org.chaperone.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.bson.Document;
import org.chaperone.concurrent.Blocking;
import org.chaperone.pipeline.Channel;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.MessageContent;
import org.chaperone.pipeline.Messages;
import org.chaperone.pipeline.Pipeline;
import org.chaperone.pipeline.Refusal;
import org.chaperone.registry.Pairing;
import org.chaperone.registry.Registry;
import org.chaperone.registry.User;
import org.chaperone.registry.Visibility;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

/**
 * Web messages: a participant writes to the other through the same pipeline as email
 * ({@code 202 Accepted} once durably stored); participants and the pairing's staff read the conversation.
 * A participant sees what was delivered to them and what they sent (their own held messages marked held),
 * never the verdict details; staff see everything, and each read by staff is written to the audit log.
 */
public final class MessageRoutes implements RouteGroup {
    public static final int MAX_TEXT = 100_000;
    private final Registry registry;
    private final Messages messages;
    private final Pipeline pipeline;
    private final Blocking blocking;
    private final Clock clock;
    private final Consumer<ContentAccess> audit;

    /** A staff member read the content of a conversation's messages. */
    public record ContentAccess(User reader, Pairing pairing, List<String> messageIds) {}

    public MessageRoutes(Registry registry, Messages messages, Pipeline pipeline, Blocking blocking, Clock clock,
                         Consumer<ContentAccess> audit) {
        this.registry = registry;
        this.messages = messages;
        this.pipeline = pipeline;
        this.blocking = blocking;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public void mount(Router api) {
        api.post("/pairings/:id/messages").handler(this::send);
        api.get("/pairings/:id/messages").handler(this::conversation);
    }

    private void send(RoutingContext ctx) {
        User me = Me.of(ctx);
        String pairingId = ctx.pathParam("id");
        Body body = Body.of(ctx, "subject", "text");
        String subject = body.string("subject", false, 300);
        String text = body.text("text", true, MAX_TEXT);
        body.check();
        blocking.call(() -> {
                    Pairing pairing = registry.pairings.find(me.organisationId(), pairingId)
                            .filter(p -> Visibility.canSee(me, p)).orElseThrow(() -> ApiException.notFound("Pairing"));
                    if (!pairing.involves(me.id())) {
                        throw ApiException.forbidden("Only the mentor and mentee of a pairing write in it.");
                    }
                    Envelope e = new Envelope(Channel.WEB, clock.instant(), null, null, null,
                            ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress());
                    e.declaredSenderId = me.id();
                    e.declaredPairingId = pairing.id();
                    e.pairing = pairing;
                    e.declaredContent = MessageContent.text(subject, text);
                    try {
                        return pipeline.process(e);
                    } catch (Refusal r) {
                        throw new ApiException(r.httpStatus() == 410 ? 409 : r.httpStatus(), r.code(), r.getMessage(), null);
                    }
                })
                .onSuccess(e -> Replies.json(ctx, 202, new JsonObject()
                        .put("id", e.messageId)
                        .put("state", e.verdict.held() ? "held" : e.deliverAfter != null ? "waiting_for_morning" : "queued")
                        .put("reasons", reasonsForSender(e))))
                .onFailure(ctx::fail);
    }

    /** The sender learns why a message was held, in words, never the matched details. */
    private static JsonArray reasonsForSender(Envelope e) {
        JsonArray out = new JsonArray();
        e.verdict.reasons().stream().filter(r -> r.action() == org.chaperone.pipeline.Action.HOLD)
                .forEach(r -> out.add(r.detail()));
        return out;
    }

    private void conversation(RoutingContext ctx) {
        User me = Me.of(ctx);
        String pairingId = ctx.pathParam("id");
        blocking.call(() -> {
                    Pairing pairing = registry.pairings.find(me.organisationId(), pairingId)
                            .filter(p -> Visibility.canSee(me, p)).orElseThrow(() -> ApiException.notFound("Pairing"));
                    List<Document> all = messages.conversation(me.organisationId(), pairing.id(), 1000);
                    boolean staff = !pairing.involves(me.id());
                    JsonArray items = new JsonArray();
                    for (Document m : all) {
                        if (staff) {
                            items.add(staffView(m));
                        } else if (me.id().equals(m.getString("senderId"))) {
                            items.add(participantView(m, true));
                        } else if (!"held".equals(m.getString("state")) && !"rejected".equals(m.getString("state"))) {
                            items.add(participantView(m, false));
                        }
                    }
                    if (staff && !all.isEmpty()) {
                        audit.accept(new ContentAccess(me, pairing, all.stream().map(d -> d.getString("_id")).toList()));
                    }
                    return new JsonObject().put("items", items).put("count", items.size());
                })
                .onSuccess(r -> Replies.ok(ctx, r))
                .onFailure(ctx::fail);
    }

    private static JsonObject participantView(Document m, boolean mine) {
        Document verdict = m.get("verdict", Document.class);
        boolean redact = verdict != null && verdict.getBoolean("redact", false);
        String text = m.getString("text");
        String subject = m.getString("subject");
        if (redact && !mine) {
            List<String> details = verdict.getList("contacts", Document.class).stream().map(c -> c.getString("text")).toList();
            text = org.chaperone.delivery.Redaction.replaceAll(text, details);
            subject = org.chaperone.delivery.Redaction.replaceAll(subject, details);
        }
        return new JsonObject().put("id", m.getString("_id")).put("senderId", m.getString("senderId"))
                .put("channel", m.getString("channel")).put("subject", subject).put("text", text)
                .put("receivedAt", m.getDate("receivedAt").toInstant().toString())
                .put("state", mine ? m.getString("state") : "delivered");
    }

    static JsonObject staffView(Document m) {
        JsonObject json = new JsonObject(m.toJson(org.bson.json.JsonWriterSettings.builder()
                .outputMode(org.bson.json.JsonMode.RELAXED)
                .dateTimeConverter((value, writer) -> writer.writeString(new Date(value).toInstant().toString()))
                .build()));
        json.put("id", json.remove("_id"));
        return json;
    }
}
