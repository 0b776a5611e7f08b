package org.chaperone.ingress.sms;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.chaperone.api.ApiException;
import org.chaperone.api.Body;
import org.chaperone.concurrent.Blocking;
import org.chaperone.config.GatewayConfig;
import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.Channel;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.MessageContent;
import org.chaperone.pipeline.Pipeline;
import org.chaperone.pipeline.Reason;
import org.chaperone.pipeline.Refusal;
import org.chaperone.registry.PhoneNumbers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Texts arrive here from the SMS provider and enter the same pipeline as email and web messages.
 * <ul>
 *   <li>{@code POST /webhooks/sms/twilio}: Twilio's form-encoded webhook; {@code X-Twilio-Signature} must verify
 *       against {@code sms.publicUrl} + the request URI, else 403 (logged).</li>
 *   <li>{@code POST /webhooks/sms/inbound}: a provider-neutral JSON webhook
 *       {@code {"from", "to", "text", "id"?, "mediaCount"?}} with {@code Authorization: Bearer <sms.webhookSecret>}.</li>
 * </ul>
 * A text is acknowledged (200 / 202) only once stored. A refused text (a number not approved for the
 * pairing) answers 403 and sends nothing back to the number; Twilio gets an empty TwiML {@code <Response/>}.
 */
public final class SmsWebhooks {
    public static final String TWILIO_PATH = "/webhooks/sms/twilio";
    public static final String JSON_PATH = "/webhooks/sms/inbound";
    public static final String SUBJECT = "Text message";
    private static final Logger LOG = Logger.getLogger(SmsWebhooks.class.getName());
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    private static final int MAX_BODY = 64 * 1024;

    private final GatewayConfig.Sms config;
    private final String region;
    private final Pipeline pipeline;
    private final InboundTexts seen;
    private final Blocking blocking;
    private final Clock clock;

    public SmsWebhooks(GatewayConfig.Sms config, String region, Pipeline pipeline, InboundTexts seen, Blocking blocking,
                       Clock clock) {
        this.config = config;
        this.region = region;
        this.pipeline = pipeline;
        this.seen = seen;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Mounted beside {@code /api/v1}, outside its bearer-token check: providers prove themselves here. */
    public void mount(Router root) {
        root.route("/webhooks/sms/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        root.post(TWILIO_PATH).handler(this::twilio);
        root.post(JSON_PATH).handler(this::json);
    }

    /** What became of one inbound text. */
    record Outcome(int status, String code, String message, String messageId, String state) {}

    private void twilio(RoutingContext ctx) {
        if (!config.twilio().webhookEnabled()) throw notConfigured("sms.twilio.authToken");
        String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            throw new ApiException(415, "unsupported_media_type", "Twilio webhooks are form-encoded (application/x-www-form-urlencoded).", null);
        }
        String raw = ctx.body() == null || ctx.body().asString() == null ? "" : ctx.body().asString();
        Map<String, List<String>> params = new QueryStringDecoder(raw, StandardCharsets.UTF_8, false).parameters();
        String url = config.publicUrl() + ctx.request().uri();
        if (!TwilioSignature.valid(config.twilio().authToken(), url, params, ctx.request().getHeader(TwilioSignature.HEADER))) {
            LOG.warning("refused a Twilio webhook from " + remote(ctx) + ": the X-Twilio-Signature header is "
                    + (ctx.request().getHeader(TwilioSignature.HEADER) == null ? "missing" : "wrong") + " for " + url);
            throw ApiException.forbidden("The request is not signed by Twilio for this URL.");
        }
        String from = first(params, "From");
        String to = first(params, "To");
        if (from == null || to == null) {
            throw ApiException.invalid(from == null ? "From" : "To", "is required");
        }
        int media = 0;
        try {
            media = Integer.parseInt(String.valueOf(first(params, "NumMedia")));
        } catch (NumberFormatException e) {
            media = 0; // absent: a plain text
        }
        InboundText text = new InboundText("twilio", first(params, "MessageSid"), from, to,
                first(params, "Body") == null ? "" : first(params, "Body"), media);
        blocking.call(() -> receive(text, remote(ctx)))
                .onSuccess(o -> ctx.response().setStatusCode(o.status() == 202 ? 200 : o.status())
                        .putHeader("Content-Type", "text/xml; charset=utf-8").end(EMPTY_TWIML))
                .onFailure(ctx::fail);
    }

    private void json(RoutingContext ctx) {
        if (!config.jsonWebhookEnabled()) throw notConfigured("sms.webhookSecret");
        String auth = ctx.request().getHeader("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            LOG.warning("refused the JSON SMS webhook from " + remote(ctx) + ": no bearer secret");
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "The webhook needs Authorization: Bearer <sms.webhookSecret>.", null);
        }
        byte[] given = auth.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, config.webhookSecret().getBytes(StandardCharsets.UTF_8))) {
            LOG.warning("refused the JSON SMS webhook from " + remote(ctx) + ": wrong bearer secret");
            throw ApiException.forbidden("The webhook secret is wrong.");
        }
        Body body = Body.of(ctx, "from", "to", "text", "id", "mediaCount");
        String from = body.string("from", true, 40);
        String to = body.string("to", true, 40);
        String text = body.text("text", false, org.chaperone.delivery.SmsText.MAX_LENGTH);
        String id = body.string("id", false, 200);
        Integer media = body.integer("mediaCount", false, 0, 100);
        body.check();
        InboundText inbound = new InboundText("json", id, from, to, text == null ? "" : text, media == null ? 0 : media);
        blocking.call(() -> receive(inbound, remote(ctx)))
                .onSuccess(o -> {
                    JsonObject reply = o.status() < 300
                            ? new JsonObject().put("id", o.messageId()).put("state", o.state())
                            : new JsonObject().put("error", o.code()).put("message", o.message());
                    ctx.response().setStatusCode(o.status()).putHeader("Content-Type", "application/json; charset=utf-8")
                            .end(reply.encode());
                })
                .onFailure(ctx::fail);
    }

    /** Runs on a virtual thread: numbers are checked, the text goes through the pipeline and is stored. */
    Outcome receive(InboundText t, String remote) {
        String from = e164(t.from(), t.provider().equals("twilio") ? "From" : "from");
        String to = e164(t.to(), t.provider().equals("twilio") ? "To" : "to");
        var before = seen.seen(t.provider(), t.providerId());
        if (before.isPresent()) return new Outcome(202, "duplicate", "already received", before.get(), "duplicate");
        if (t.body().isBlank() && t.mediaCount() == 0) {
            return new Outcome(202, "empty", "an empty text is not relayed", null, "ignored");
        }
        Envelope e = new Envelope(Channel.SMS, clock.instant(), null, to, null, remote);
        e.senderNumber = from;
        e.declaredContent = MessageContent.text(SUBJECT, t.body());
        if (t.mediaCount() > 0) {
            e.reasons.add(new Reason("media_not_relayed", "it came with " + t.mediaCount()
                    + " picture(s) or file(s), which texts through the programme do not carry; only the words were passed on",
                    Action.DELIVER_FLAGGED));
        }
        try {
            pipeline.process(e);
        } catch (Refusal r) {
            LOG.info("refused a text to " + to + " (" + r.code() + ")");
            return new Outcome(r.httpStatus(), r.code(), r.getMessage(), null, null);
        }
        seen.remember(t.provider(), t.providerId(), e.messageId, e.receivedAt);
        String state = e.verdict.held() ? "held" : e.deliverAfter != null ? "waiting_for_morning" : "queued";
        return new Outcome(202, "accepted", null, e.messageId, state);
    }

    private String e164(String number, String field) {
        try {
            return PhoneNumbers.toE164(number, region);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
    }

    private static ApiException notConfigured(String key) {
        return new ApiException(404, "not_configured", "This SMS webhook is off: set " + key + " to turn it on.", null);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    private static String remote(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    }
}
