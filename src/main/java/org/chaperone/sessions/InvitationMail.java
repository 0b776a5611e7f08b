package org.chaperone.sessions;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Clazz;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.chaperone.pipeline.MimeParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A session invitation (or cancellation) as mail: a readable text part, the iCalendar object as a
 * {@code text/calendar; method=...} alternative that calendar programs act on, and the same object as
 * an {@code .ics} attachment (RFC 5545/5546, built with ical4j). The event's organiser is the
 * programme (the gateway's sender address) and its attendees are the participants' relay addresses,
 * so no one's real address appears in it; attendees are not asked to reply (RSVP=FALSE), because
 * replies would go to the programme, not the other participant.
 */
public final class InvitationMail {
    public enum Kind { REQUEST, CANCEL }

    /** A person in the event, by relay address. */
    public record Party(String name, String relayAddress) {}

    public record Request(Kind kind, String uid, int sequence, Instant start, Instant end, Instant stamp, String summary,
                          String description, String joinLink, String programmeName, List<Party> attendees,
                          String toAddress, String toName, String subject, String text, String messageId) {}

    private final String fromAddress;
    private final String relayDomain;

    public InvitationMail(String fromAddress, String relayDomain) {
        this.fromAddress = fromAddress;
        this.relayDomain = relayDomain;
    }

    /** The iCalendar object alone (CRLF lines, folded), as calendar programs read it. */
    public String calendar(Request r) {
        VEvent event = new VEvent(r.start(), r.end(), r.summary());
        event.replace(new DtStamp(r.stamp()));
        event.add(new Uid(r.uid()));
        event.add(new Sequence(r.sequence()));
        Organizer organizer = new Organizer(URI.create("mailto:" + fromAddress));
        organizer.add(new Cn(r.programmeName()));
        event.add(organizer);
        for (Party p : r.attendees()) {
            Attendee a = new Attendee(URI.create("mailto:" + p.relayAddress()));
            a.add(new Cn(p.name()));
            a.add(CuType.INDIVIDUAL);
            a.add(Role.REQ_PARTICIPANT);
            a.add(PartStat.NEEDS_ACTION);
            a.add(Rsvp.FALSE);
            event.add(a);
        }
        if (r.description() != null) event.add(new Description(r.description()));
        if (r.joinLink() != null) {
            event.add(new Location(r.joinLink()));
            event.add(new Url(URI.create(r.joinLink())));
        }
        event.add(new Clazz(Clazz.VALUE_PRIVATE));
        event.add(new Transp(Transp.VALUE_OPAQUE));
        event.add(new Status(r.kind() == Kind.CANCEL ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Chaperone//Mentoring sessions//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Method(r.kind() == Kind.CANCEL ? Method.VALUE_CANCEL : Method.VALUE_REQUEST));
        calendar.add(event);
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException e) {
            throw new IllegalStateException("could not write the invitation", e);
        }
        return out.toString();
    }

    public byte[] mime(Request r) {
        String ics = calendar(r);
        String method = r.kind() == Kind.CANCEL ? "CANCEL" : "REQUEST";
        try {
            MimeMessage m = new FixedId(r.messageId() + "@" + relayDomain);
            // Names and titles come from stored records: cleaned here too, so no header can be injected whatever was stored.
            m.setFrom(new InternetAddress(fromAddress, org.chaperone.delivery.Headers.clean(r.programmeName()), StandardCharsets.UTF_8.name()));
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(r.toAddress(),
                    org.chaperone.delivery.Headers.clean(r.toName()), StandardCharsets.UTF_8.name()));
            m.setSubject(org.chaperone.delivery.Headers.clean(r.subject()), StandardCharsets.UTF_8.name());
            m.setSentDate(Date.from(r.stamp()));
            // The gateway's own mail: never answered by auto-responders, never a loop.
            m.setHeader("Auto-Submitted", "auto-generated");

            MimeBodyPart text = new MimeBodyPart();
            text.setText(r.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart inline = new MimeBodyPart();
            inline.setContent(ics, "text/calendar; method=" + method + "; charset=UTF-8");
            inline.setHeader("Content-Transfer-Encoding", "quoted-printable");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(inline);
            MimeBodyPart alternativePart = new MimeBodyPart();
            alternativePart.setContent(alternative);

            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setContent(ics, "application/ics; name=\"session.ics\"");
            attachment.setFileName(r.kind() == Kind.CANCEL ? "cancelled-session.ics" : "session.ics");
            attachment.setDisposition(MimeBodyPart.ATTACHMENT);
            attachment.setHeader("Content-Transfer-Encoding", "base64");

            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(alternativePart);
            mixed.addBodyPart(attachment);
            m.setContent(mixed);
            m.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not compose the invitation: " + e.getMessage(), e);
        }
    }

    private static final class FixedId extends MimeMessage {
        private final String id;

        FixedId(String id) {
            super(MimeParser.session());
            this.id = "<" + id + ">";
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

}
