package org.chaperone.pipeline;

import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A web message goes through the same pipeline and is delivered by email from the relay address. */
class WebMessageTest {
    static TestGateway gw;
    static Api api;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        api = gw.api();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void aMentorsWebMessageReachesTheUnder18MenteeWithTheManagerCopied() throws Exception {
        String mentor = Demo.token(api, "mentor.alex");
        JsonObject pairing = Demo.pairingOf(api, mentor);
        Api.Response sent = api.post("/api/v1/pairings/" + pairing.getString("id") + "/messages", mentor,
                new JsonObject().put("subject", "Week 2").put("text", "Hi Ruby, have a look at the apprenticeship pages before Thursday."));
        assertEquals(202, sent.status(), sent.toString());
        assertEquals("queued", sent.json().getString("state"));

        Maildir maildir = new Maildir(gw.dataDir());
        byte[] raw = maildir.await(Demo.email("mentee.ruby"), 1).getFirst();
        MimeMessage m = Maildir.parse(raw);
        String mentorRelay = relayOf(pairing, "mentor");
        assertEquals(mentorRelay, ((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals(mentorRelay, ((jakarta.mail.internet.InternetAddress) m.getReplyTo()[0]).getAddress());
        assertEquals(Demo.email("mentee.ruby"), ((jakarta.mail.internet.InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        assertEquals(Demo.email("manager"), ((jakarta.mail.internet.InternetAddress) m.getRecipients(Message.RecipientType.CC)[0]).getAddress());
        assertEquals("Week 2", m.getSubject());
        String all = new String(raw, StandardCharsets.UTF_8);
        assertFalse(all.contains(Demo.email("mentor.alex")), "the mentor's real address must not reach the mentee");
        assertEquals(1, maildir.await(Demo.email("manager"), 1).size(), "the manager receives the copy");

        String mentee = Demo.token(api, "mentee.ruby");
        Api.Response conversation = api.get("/api/v1/pairings/" + pairing.getString("id") + "/messages", mentee);
        assertEquals(1, conversation.items().size());
        assertTrue(conversation.items().getJsonObject(0).getString("text").contains("apprenticeship"));
    }

    @Test
    void anAdultMenteesMessagesAreNotCopied() {
        String mentee = Demo.token(api, "mentee.sam");
        JsonObject pairing = Demo.pairingOf(api, mentee);
        assertEquals(202, api.post("/api/v1/pairings/" + pairing.getString("id") + "/messages", mentee,
                new JsonObject().put("text", "Thanks Jo, see you next week")).status());
        Maildir maildir = new Maildir(gw.dataDir());
        MimeMessage m = Maildir.parse(maildir.await(Demo.email("mentor.jo"), 1).getFirst());
        try {
            assertEquals(null, m.getRecipients(Message.RecipientType.CC));
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void staffCannotWriteInAPairingAndStrangersCannotReadIt() {
        String manager = Demo.token(api, "manager");
        JsonObject pairing = Demo.pairingOf(api, Demo.token(api, "mentor.alex"));
        assertEquals(403, api.post("/api/v1/pairings/" + pairing.getString("id") + "/messages", manager,
                new JsonObject().put("text", "hello")).status());
        assertEquals(200, api.get("/api/v1/pairings/" + pairing.getString("id") + "/messages", manager).status());
        assertEquals(404, api.get("/api/v1/pairings/" + pairing.getString("id") + "/messages",
                Demo.token(api, "mentor.jo")).status());
    }

    static String relayOf(JsonObject pairing, String role) {
        for (Object o : pairing.getJsonArray("relayAddresses")) {
            JsonObject a = (JsonObject) o;
            if (a.getString("role").equals(role)) return a.getString("address");
        }
        throw new AssertionError("no " + role + " relay address in " + pairing);
    }
}
