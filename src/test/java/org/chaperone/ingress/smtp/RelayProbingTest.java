package org.chaperone.ingress.smtp;

import org.bson.Document;
import org.chaperone.store.Schema;
import org.chaperone.testing.Await;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Relay addresses cannot be enumerated: a client guessing many unknown relay addresses is answered
 * 450 4.7.1 once it passes the threshold, on this connection and its next ones, and the probing is
 * written to {@code security_events}.
 */
class RelayProbingTest {

    @Test
    void guessingRelayAddressesIsSlowedAndRecorded() throws Exception {
        try (TestGateway gw = TestGateway.start()) {
            List<String> replies = new ArrayList<>();
            try (Socket s = new Socket("127.0.0.1", gw.gateway().smtpPort())) {
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                assertTrue(in.readLine().startsWith("220"));
                command(out, in, "EHLO prober.example");
                assertTrue(command(out, in, "MAIL FROM:<prober@example.org>").startsWith("250"));
                for (int i = 0; i < ProbeGuard.DEFAULT_MAX_REFUSALS + 5; i++) {
                    replies.add(command(out, in, "RCPT TO:<guess" + i + "aaaaaaaaaaaaaaaaaaaaa@relay.chaperone.test>"));
                }
                command(out, in, "QUIT");
            }
            for (int i = 0; i < ProbeGuard.DEFAULT_MAX_REFUSALS; i++) {
                assertTrue(replies.get(i).startsWith("550 5.1.1"), i + ": " + replies.get(i));
            }
            for (int i = ProbeGuard.DEFAULT_MAX_REFUSALS; i < replies.size(); i++) {
                assertTrue(replies.get(i).startsWith("450 4.7.1"), i + ": " + replies.get(i));
            }
            Document event = Await.until("the probing recorded", Duration.ofSeconds(10), () -> gw.gateway().store()
                    .collection(Schema.SECURITY_EVENTS).find(new Document("type", "relay_address_probing")).first());
            assertEquals("127.0.0.1", event.getString("client"));
            assertEquals(ProbeGuard.DEFAULT_MAX_REFUSALS, event.getInteger("refusedRecipients"));
        }
    }

    private static String command(OutputStream out, BufferedReader in, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String reply;
        do {
            reply = in.readLine();
        } while (reply != null && reply.length() > 3 && reply.charAt(3) == '-');
        return reply;
    }
}
