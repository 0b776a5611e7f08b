package org.chaperone.sessions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.chaperone.demo.DemoSeed;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.Tenants;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh pairing in the demo programme per test, so tests do not share sessions; and invitation readers. */
final class SessionFixtures {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    record Pair(String id, String mentorId, String menteeId, String mentorEmail, String menteeEmail, String mentorName,
                String menteeName, String mentorToken, String menteeToken, String mentorRelay, String menteeRelay) {
        String sessions() {
            return "/api/v1/pairings/" + id + "/sessions";
        }
    }

    private SessionFixtures() {}

    /** A new mentor and mentee (of the given age on {@code today}) paired in the demo programme, managed by manager@. */
    static Pair pair(Api api, int menteeAge, LocalDate today) {
        String admin = Demo.token(api, "admin");
        int n = COUNTER.incrementAndGet();
        String mentorEmail = "mentor" + n + "-" + System.nanoTime() + "@" + DemoSeed.DOMAIN;
        String menteeEmail = "mentee" + n + "-" + System.nanoTime() + "@" + DemoSeed.DOMAIN;
        String mentorId = Tenants.user(api, admin, mentorEmail, "mentor", null);
        String menteeId = Tenants.user(api, admin, menteeEmail, "mentee", null);
        String programmeId = api.get("/api/v1/programmes", admin).items().getJsonObject(0).getString("id");
        Api.Response created = api.post("/api/v1/pairings", admin, new JsonObject().put("programmeId", programmeId)
                .put("mentorId", mentorId).put("menteeId", menteeId)
                .put("menteeDateOfBirth", today.minusYears(menteeAge).minusDays(30).toString()));
        if (created.status() != 201) throw new AssertionError("pairing: " + created);
        JsonObject p = created.json();
        return new Pair(p.getString("id"), mentorId, menteeId, mentorEmail, menteeEmail, mentorEmail.split("@")[0],
                menteeEmail.split("@")[0], api.signIn(mentorEmail, Tenants.PASSWORD), api.signIn(menteeEmail, Tenants.PASSWORD),
                relay(p, "mentor"), relay(p, "mentee"));
    }

    static String relay(JsonObject pairing, String role) {
        for (Object o : pairing.getJsonArray("relayAddresses")) {
            JsonObject a = (JsonObject) o;
            if (a.getString("role").equals(role)) return a.getString("address");
        }
        throw new AssertionError("no " + role + " relay address in " + pairing);
    }

    static JsonObject body(String start) {
        return new JsonObject().put("start", start);
    }

    static String programmeId(Api api) {
        return api.get("/api/v1/programmes", Demo.token(api, "admin")).items().getJsonObject(0).getString("id");
    }

    /** The calendar of every delivered invitation (or cancellation) of the given UID in this mailbox, oldest first. */
    static List<Calendar> invitations(Maildir maildir, String address, String uidPart) {
        List<Calendar> out = new ArrayList<>();
        for (byte[] raw : maildir.raw(address)) {
            String ics = calendarPart(Maildir.parse(raw));
            if (ics != null && ics.contains(uidPart)) out.add(parse(ics));
        }
        return out;
    }

    static Calendar parse(String ics) {
        try {
            return new CalendarBuilder().build(new StringReader(ics));
        } catch (Exception e) {
            throw new AssertionError("the invitation does not parse as iCalendar: " + e.getMessage() + "\n" + ics, e);
        }
    }

    static VEvent event(Calendar c) {
        return c.<VEvent>getComponents("VEVENT").getFirst();
    }

    static String prop(VEvent e, String name) {
        return e.getProperty(name).map(p -> p.getValue()).orElse(null);
    }

    /** The inline text/calendar alternative (what calendar programs act on). */
    static String calendarPart(Part part) {
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) part.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    String found = calendarPart(mp.getBodyPart(i));
                    if (found != null) return found;
                }
                return null;
            }
            if (part.isMimeType("text/calendar") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                try (InputStream in = part.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every attachment's file name and content type. */
    static List<String> attachments(MimeMessage m) {
        List<String> out = new ArrayList<>();
        try {
            collect(m, out);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static void collect(Part part, List<String> out) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) collect(mp.getBodyPart(i), out);
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            out.add(part.getFileName() + " " + part.getContentType().split(";")[0]);
        }
    }

    static String text(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }

    static JsonArray items(Api.Response r) {
        return r.json().getJsonArray("items");
    }

    static byte[] bytes(Part p) {
        try (InputStream in = p.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
