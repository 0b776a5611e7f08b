package org.chaperone.ingress.smtp;

import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.chaperone.testing.Api;
import org.chaperone.testing.Await;
import org.chaperone.testing.Conversations;
import org.chaperone.testing.Demo;
import org.chaperone.testing.ExternalMongo;
import org.chaperone.testing.GatewayProcess;
import org.chaperone.testing.MailClient;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.Smarthost;
import org.chaperone.testing.TestGateway;
import org.chaperone.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What happens when parts fail: the smarthost, the database, the gateway process itself. */
class RelayReliabilityTest {

    @Test
    void mailQueuedWhileTheSmarthostIsDownIsDeliveredWhenItReturns() {
        try (Smarthost smarthost = new Smarthost()) {
            TestGateway.Builder b = TestGateway.builder();
            smarthost.env().forEach(b::env);
            try (TestGateway gw = b.start()) {
                JsonObject pairing = Demo.pairingOf(gw.api(), Demo.token(gw.api(), "mentor.jo"));
                String samRelay = RelayEndToEndTest.relay(pairing, "mentee");
                MailClient client = new MailClient(gw.gateway().smtpPort());
                String jo = Demo.email("mentor.jo");
                for (int i = 1; i <= 3; i++) {
                    assertTrue(client.sendRaw(jo, RelayEndToEndTest.simple(jo, samRelay, "Part " + i, "<p" + i + "@jo>", null, "part " + i), samRelay).accepted());
                }
                Await.condition("a failed attempt", Duration.ofSeconds(20), () -> gw.gateway().outbox().all().stream()
                        .anyMatch(d -> d.getInteger("attempts", 0) > 0));
                smarthost.start();
                var got = smarthost.await(Demo.email("mentee.sam"), 3);
                assertEquals("Part 1", RelayEndToEndTest.subject(got.get(0)), "in order per conversation");
                assertEquals("Part 2", RelayEndToEndTest.subject(got.get(1)));
                assertEquals("Part 3", RelayEndToEndTest.subject(got.get(2)));
            }
        }
    }

    @Test
    void whileTheDatabaseIsAwaySmtpAnswers451AndNothingIsLost(@TempDir Path dir) {
        try (ExternalMongo mongo = new ExternalMongo(dir.resolve("db.mv"));
             TestGateway gw = TestGateway.builder().env("CHAPERONE_MONGO_URI", mongo.uri())
                     .env("CHAPERONE_MONGO_TIMEOUT_MILLIS", "500").dataDir(dir.resolve("data")).start()) {
            Tenants.Tenant t = Tenants.create(gw.gateway(), gw.api(), "Outage Trust");
            JsonObject pairing = gw.api().get("/api/v1/pairings/" + t.pairingId(), t.adminToken()).json();
            String menteeRelay = RelayEndToEndTest.relay(pairing, "mentee");
            String mentor = "mentor@outagetrust.example";
            MailClient client = new MailClient(gw.gateway().smtpPort());

            mongo.down();
            MailClient.Outcome refused = client.sendRaw(mentor, RelayEndToEndTest.simple(mentor, menteeRelay, "During", "<d@m>", null, "sent during the outage"), menteeRelay);
            assertEquals(451, refused.code(), refused.toString());
            assertTrue(refused.text().contains("4.3.0"), refused.text());
            Api.Response ready = gw.api().get("/ready", null);
            assertEquals(503, ready.status());
            Api.Response api = gw.api().get("/api/v1/pairings", t.adminToken());
            assertEquals(503, api.status(), api.toString());
            assertEquals("storage_unavailable", api.json().getString("error"));

            mongo.up();
            Await.condition("the gateway to see the database again", Duration.ofSeconds(30),
                    () -> gw.api().get("/ready", null).status() == 200);
            // The sending MTA retries the same message, now accepted and delivered.
            assertTrue(client.sendRaw(mentor, RelayEndToEndTest.simple(mentor, menteeRelay, "During", "<d@m>", null, "sent during the outage"), menteeRelay).accepted());
            byte[] delivered = new Maildir(gw.dataDir()).await("mentee@outagetrust.example", 1).getFirst();
            assertTrue(new String(delivered).contains("sent during the outage"));
        }
    }

    @Test
    void aMessageAcceptedJustBeforeACrashIsDeliveredAfterTheRestart(@TempDir Path dir) {
        try (Smarthost smarthost = new Smarthost();
             GatewayProcess gateway = new GatewayProcess(dir.resolve("data"), smarthost.env()).start()) {
            Api api = gateway.api();
            Conversations.quietHoursOff(api); // the gateway runs on the real clock; Sam is under 18
            String samRelay = RelayEndToEndTest.relay(Demo.pairingOf(api, Demo.token(api, "mentor.jo")), "mentee");
            String jo = Demo.email("mentor.jo");
            MailClient client = new MailClient(gateway.smtpPort());
            assertTrue(client.sendRaw(jo, RelayEndToEndTest.simple(jo, samRelay, "Before the crash", "<c@jo>", null, "accepted, then the gateway died"), samRelay).accepted());
            gateway.kill();
            smarthost.start();
            gateway.start();
            MimeMessage got = smarthost.await(Demo.email("mentee.sam"), 1).getFirst();
            assertEquals("Before the crash", RelayEndToEndTest.subject(got));
        }
    }

    @Test
    void theManagerIsCopiedUpToTheDayBeforeTheEighteenthBirthdayAndNotFromIt() throws Exception {
        Instant noon = LocalDate.of(2026, 3, 10).atTime(12, 0).toInstant(ZoneOffset.UTC);
        try (TestGateway gw = TestGateway.builder().clock(Clock.fixed(noon, ZoneOffset.UTC)).start()) {
            Api api = gw.api();
            String admin = Demo.token(api, "admin");
            String programme = api.get("/api/v1/programmes", admin).items().getJsonObject(0).getString("id");
            LocalDate today = noon.atZone(ZoneId.of("Europe/London")).toLocalDate();
            record Case(String name, LocalDate dob, boolean copied) {}
            for (Case c : new Case[] {
                    new Case("eve", today.minusYears(18).plusDays(1), true),
                    new Case("day", today.minusYears(18), false),
                    new Case("after", today.minusYears(18).minusDays(1), false)}) {
                String mentor = Tenants.user(api, admin, "m-" + c.name() + "@example.org", "mentor", null);
                String mentee = Tenants.user(api, admin, "e-" + c.name() + "@example.org", "mentee", null);
                String pairing = api.post("/api/v1/pairings", admin, new JsonObject().put("programmeId", programme)
                        .put("mentorId", mentor).put("menteeId", mentee).put("menteeDateOfBirth", c.dob().toString()))
                        .json().getString("id");
                String token = api.signIn("m-" + c.name() + "@example.org", Tenants.PASSWORD);
                assertEquals(202, api.post("/api/v1/pairings/" + pairing + "/messages", token,
                        new JsonObject().put("text", "hello " + c.name())).status());
                MimeMessage m = Maildir.parse(new Maildir(gw.dataDir()).await("e-" + c.name() + "@example.org", 1).getFirst());
                if (c.copied()) {
                    assertEquals(Demo.email("manager"), ((jakarta.mail.internet.InternetAddress) m.getRecipients(Message.RecipientType.CC)[0]).getAddress(), c.name());
                } else {
                    assertNull(m.getRecipients(Message.RecipientType.CC), c.name() + ": an adult's mail is not copied");
                }
            }
        }
    }
}
