package org.chaperone.delivery;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Sends texts through Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}).
 * Twilio's 400-class answers about the message (a bad or unreachable number) are permanent; 429, 5xx,
 * network failures and credential or account errors are temporary and the outbox retries them. Called from the delivery thread, so it may block.
 */
public final class TwilioSmsSender implements SmsSender {
    /** Rate limits, timeouts, and the gateway's own misconfiguration (credentials, account): retried, not lost. */
    private static final List<Integer> TEMPORARY = List.of(401, 403, 404, 408, 429);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String authorization;

    public TwilioSmsSender(String apiBase, String accountSid, String authToken) {
        this.endpoint = URI.create(apiBase + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void send(String from, String to, String body) throws DeliveryException {
        String form = "From=" + encode(from) + "&To=" + encode(to) + "&Body=" + encode(body);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw DeliveryException.temporary("Twilio could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.temporary("interrupted while sending a text", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) return;
        String why = "Twilio answered " + status + describe(response.body());
        if (status >= 500 || TEMPORARY.contains(status)) throw DeliveryException.temporary(why, null);
        throw DeliveryException.permanent(why, List.of(to), null);
    }

    private static String describe(String body) {
        try {
            JsonObject json = new JsonObject(body);
            return ": " + json.getValue("code", "") + " " + json.getString("message", "");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
