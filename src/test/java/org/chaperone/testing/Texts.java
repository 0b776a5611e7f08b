package org.chaperone.testing;

import io.vertx.core.json.JsonObject;
import org.chaperone.ingress.sms.TwilioSignature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Texts in and out of a test gateway: the provider's side of the webhooks (Twilio's signed form, the JSON
 * webhook with its bearer secret) and the texts the embedded sender wrote to {@code data/sms-outbox.jsonl}.
 */
public final class Texts {
    public static final String PUBLIC_URL = "https://chaperone.example.test";
    public static final String TWILIO_TOKEN = "test-twilio-auth-token-0123456789";
    public static final String JSON_SECRET = "test-json-webhook-secret-0123456789";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final TestGateway gw;

    public Texts(TestGateway gw) {
        this.gw = gw;
    }

    /** A gateway with both webhooks on. */
    public static TestGateway.Builder configure(TestGateway.Builder b) {
        return b.env("CHAPERONE_SMS_PUBLIC_URL", PUBLIC_URL)
                .env("CHAPERONE_SMS_TWILIO_AUTH_TOKEN", TWILIO_TOKEN)
                .env("CHAPERONE_SMS_WEBHOOK_SECRET", JSON_SECRET);
    }

    public record Reply(int status, String body) {
        public JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** Twilio's form webhook, signed as Twilio signs it (or with {@code signature} when not null). */
    public Reply twilio(String from, String to, String body, String messageSid, String signature) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ToCountry", "GB");
        form.put("SmsMessageSid", messageSid);
        form.put("NumMedia", "0");
        form.put("MessageSid", messageSid);
        form.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        form.put("From", from);
        form.put("To", to);
        form.put("Body", body);
        form.put("NumSegments", "1");
        String path = "/webhooks/sms/twilio";
        String sig = signature != null ? signature : sign(PUBLIC_URL + path, form);
        String encoded = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.api().base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(encoded));
        if (!sig.isEmpty()) b.header(TwilioSignature.HEADER, sig);
        return send(b);
    }

    public Reply twilio(String from, String to, String body) {
        return twilio(from, to, body, "SM" + java.util.UUID.randomUUID().toString().replace("-", ""), null);
    }

    public static String sign(String url, Map<String, String> form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        return TwilioSignature.compute(TWILIO_TOKEN, url, params);
    }

    /** The provider-neutral JSON webhook; {@code secret} null sends no Authorization header. */
    public Reply json(String secret, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.api().base() + "/webhooks/sms/inbound"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (secret != null) b.header("Authorization", "Bearer " + secret);
        return send(b);
    }

    public Reply json(String from, String to, String text) {
        return json(JSON_SECRET, new JsonObject().put("from", from).put("to", to).put("text", text));
    }

    /** Every text the embedded sender has written so far. */
    public List<JsonObject> sent() {
        Path file = gw.dataDir().resolve("sms-outbox.jsonl");
        if (!Files.exists(file)) return List.of();
        try {
            List<JsonObject> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) if (!line.isBlank()) out.add(new JsonObject(line));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<JsonObject> sentWhere(Predicate<JsonObject> which) {
        return sent().stream().filter(which).toList();
    }

    /** Waits for a text that satisfies {@code which}. */
    public JsonObject await(String what, Predicate<JsonObject> which) {
        return Await.until(what, Duration.ofSeconds(20), () -> sentWhere(which).stream().findFirst().orElse(null));
    }

    public static Predicate<JsonObject> containing(String text) {
        return j -> j.getString("body", "").contains(text);
    }

    private static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
