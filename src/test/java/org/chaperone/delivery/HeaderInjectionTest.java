package org.chaperone.delivery;

import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.chaperone.store.Schema;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.MailClient;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CR/LF in anything that reaches a header — names, display names, subjects, programme names, session
 * titles — never adds a header to delivered mail: the API refuses it with the field named, an encoded
 * subject or display name in relayed mail is flattened, and names already stored with line breaks (an
 * import, an old record) are cleaned where the mail is written.
 */
class HeaderInjectionTest {
    private static final String INJECT = "Hello\r\nBcc: victim@example.org\r\nX-Injected: yes";
    /** No address in it: a subject with an address would be held by contact screening rather than delivered. */
    private static final String INJECT_SUBJECT = "Hello\r\nX-Injected: yes\r\nContent-Type: text/html";

    @Test
    void everyApiFieldThatReachesAHeaderRefusesLineBreaks() {
        try (TestGateway gw = TestGateway.start()) {
            Api api = gw.api();
            String admin = Demo.token(api, "admin");
            String mentor = Demo.token(api, "mentor.jo");
            JsonObject pairing = Demo.pairingOf(api, mentor);
            String programme = api.get("/api/v1/programmes", admin).items().getJsonObject(0).getString("id");
            String org = api.get("/api/v1/me", admin).json().getString("organisationId");
            record Case(String method, String path, String token, JsonObject body, String field) {}
            List<Case> cases = List.of(
                    new Case("POST", "/api/v1/users", admin, new JsonObject().put("email", "x@example.org").put("name", INJECT)
                            .put("role", "mentee").put("password", "a-strong-passphrase-42"), "name"),
                    new Case("PATCH", "/api/v1/users/" + pairing.getString("menteeId"), admin, new JsonObject().put("name", INJECT), "name"),
                    new Case("POST", "/api/v1/programmes", admin, new JsonObject().put("name", INJECT), "name"),
                    new Case("PATCH", "/api/v1/programmes/" + programme, admin, new JsonObject().put("name", INJECT), "name"),
                    new Case("POST", "/api/v1/schools", admin, new JsonObject().put("name", INJECT), "name"),
                    new Case("PATCH", "/api/v1/organisations/" + org, admin, new JsonObject().put("name", INJECT), "name"),
                    new Case("POST", "/api/v1/pairings/" + pairing.getString("id") + "/messages", mentor,
                            new JsonObject().put("subject", INJECT).put("text", "hi"), "subject"));
            for (Case c : cases) {
                Api.Response r = c.method().equals("POST") ? api.post(c.path(), c.token(), c.body()) : api.patch(c.path(), c.token(), c.body());
                assertEquals(400, r.status(), c + " -> " + r);
                assertTrue(r.reasonFor(c.field()) != null && r.reasonFor(c.field()).contains("line breaks"), c + " -> " + r);
            }
        }
    }

    @Test
    void encodedLineBreaksInRelayedMailAndStoredNamesNeverBecomeHeaders() throws Exception {
        try (TestGateway gw = TestGateway.start()) {
            Api api = gw.api();
            // A name stored with line breaks (not through the API): the manager copied on Ruby's mail, and Alex.
            var users = gw.gateway().store().collection(Schema.USERS);
            users.updateOne(new Document("email", Demo.email("manager")), new Document("$set", new Document("name", INJECT)));
            users.updateOne(new Document("email", Demo.email("mentor.alex")), new Document("$set", new Document("name", INJECT)));
            gw.gateway().store().awaitDurable();
            String alex = Demo.email("mentor.alex");
            String rubyRelay = relay(Demo.pairingOf(api, Demo.token(api, "mentor.alex")), "mentee");
            String encodedSubject = "=?utf-8?B?" + Base64.getEncoder().encodeToString(INJECT_SUBJECT.getBytes(StandardCharsets.UTF_8)) + "?=";
            String encodedName = "=?utf-8?Q?Alex=0D=0ABcc:_victim@example.org?=";
            MailClient client = new MailClient(gw.gateway().smtpPort());
            // A display name that decodes to a line break makes the From header unreadable: refused, never relayed.
            String forgedName = "From: " + encodedName + " <" + alex + ">\r\nTo: " + rubyRelay + "\r\nSubject: hi\r\n"
                    + "Message-ID: <name@alex>\r\n\r\nsee you on Tuesday\r\n";
            MailClient.Outcome refused = client.sendRaw(alex, forgedName, rubyRelay);
            assertEquals(550, refused.code(), refused.toString());
            String raw = "From: Alex <" + alex + ">\r\nTo: " + rubyRelay + "\r\nSubject: " + encodedSubject
                    + "\r\nMessage-ID: <inject@alex>\r\n\r\nsee you on Tuesday\r\n";
            MailClient.Outcome sent = client.sendRaw(alex, raw, rubyRelay);
            assertTrue(sent.accepted(), sent.toString());

            for (String mailbox : List.of(Demo.email("mentee.ruby"), Demo.email("manager"))) {
                byte[] delivered = new Maildir(gw.dataDir()).await(mailbox, 1).getFirst();
                String text = new String(delivered, StandardCharsets.ISO_8859_1);
                String headers = text.substring(0, text.indexOf("\r\n\r\n"));
                assertFalse(headers.matches("(?s).*(^|\r\n)(Bcc|X-Injected|Content-Type: text/html).*"), mailbox + " got an injected header:\n" + headers);
                MimeMessage m = Maildir.parse(delivered);
                assertNull(m.getHeader("Bcc"));
                assertNull(m.getHeader("X-Injected"));
                assertEquals(1, m.getHeader("Subject").length);
                assertFalse(m.getSubject().contains("\n") || m.getSubject().contains("\r"), m.getSubject());
                assertTrue(m.getSubject().contains("X-Injected: yes"), "the text stays, on one line: " + m.getSubject());
                assertTrue(m.getContentType().startsWith("text/plain"), m.getContentType());
            }
        }
    }

    private static String relay(JsonObject pairing, String role) {
        for (Object o : pairing.getJsonArray("relayAddresses")) {
            JsonObject a = (JsonObject) o;
            if (a.getString("role").equals(role)) return a.getString("address");
        }
        throw new AssertionError("no " + role + " relay address");
    }
}
