package org.chaperone.delivery;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Twilio sender over real HTTP against a local server that answers as Twilio's Messages API does
 * (Twilio itself cannot be reached from here): the request it makes, and which answers are retried.
 */
class TwilioSmsSenderTest {
    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "twilio-auth-token-for-tests";
    static Vertx vertx;
    static HttpServer server;
    static final List<Map<String, List<String>>> forms = new CopyOnWriteArrayList<>();
    static final List<String> auths = new CopyOnWriteArrayList<>();
    static final AtomicInteger nextStatus = new AtomicInteger(201);

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(TwilioSmsSenderTest::answer).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    static void answer(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            if (!req.path().equals("/2010-04-01/Accounts/" + SID + "/Messages.json")) {
                req.response().setStatusCode(404).end();
                return;
            }
            forms.add(new QueryStringDecoder(body.toString(StandardCharsets.UTF_8), false).parameters());
            auths.add(req.getHeader("Authorization"));
            int status = nextStatus.get();
            String json = status < 300 ? "{\"sid\":\"SM123\",\"status\":\"queued\"}"
                    : "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":" + status + "}";
            req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
        });
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    TwilioSmsSender sender() {
        return new TwilioSmsSender("http://127.0.0.1:" + server.actualPort(), SID, TOKEN);
    }

    @Test
    void sendsFromTheRelayNumberWithTheAccountsCredentials() throws Exception {
        nextStatus.set(201);
        sender().send("+447700900100", "+447700900601", "Alex Morgan: see you at 4 & bring the form");
        Map<String, List<String>> form = forms.getLast();
        assertEquals(List.of("+447700900100"), form.get("From"));
        assertEquals(List.of("+447700900601"), form.get("To"));
        assertEquals(List.of("Alex Morgan: see you at 4 & bring the form"), form.get("Body"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)),
                auths.getLast());
    }

    @Test
    void aRefusedNumberIsPermanentAndAnOutageIsRetried() {
        nextStatus.set(400);
        DeliveryException bad = assertThrows(DeliveryException.class, () -> sender().send("+447700900100", "+44", "x"));
        assertTrue(bad.permanent());
        assertTrue(bad.getMessage().contains("21211"), bad.getMessage());
        nextStatus.set(503);
        assertFalse(assertThrows(DeliveryException.class, () -> sender().send("+447700900100", "+447700900601", "x")).permanent());
        nextStatus.set(429);
        assertFalse(assertThrows(DeliveryException.class, () -> sender().send("+447700900100", "+447700900601", "x")).permanent());
        nextStatus.set(401);
        assertFalse(assertThrows(DeliveryException.class, () -> sender().send("+447700900100", "+447700900601", "x")).permanent(),
                "wrong credentials are the operator's to fix; the text waits");
    }

    @Test
    void anUnreachableProviderIsRetried() {
        TwilioSmsSender nowhere = new TwilioSmsSender("http://127.0.0.1:1", SID, TOKEN);
        assertFalse(assertThrows(DeliveryException.class, () -> nowhere.send("+447700900100", "+447700900601", "x")).permanent());
    }
}
