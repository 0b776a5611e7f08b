package org.chaperone.delivery;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.bson.Document;
import org.bson.types.Binary;
import org.chaperone.pipeline.Threading;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a stored message as the recipient receives it: From the sender's relay address, To the
 * recipient, Cc the copied programme managers, Reply-To the sender's relay address, a new
 * Message-ID, In-Reply-To and References as the recipient knows them, and only an allow-list of the
 * original headers (so Received, Return-Path, Sender, DKIM-Signature, X-Originating-IP, read-receipt
 * requests and anything unknown never pass). The participants' real addresses are replaced by their
 * relay addresses in the subject and in every text part, quoted replies included.
 */
public final class RelayRenderer {
    /** Original headers that are safe to keep; everything else is dropped. */
    private static final Set<String> KEEP = Set.of("subject", "date", "mime-version", "content-type",
            "content-transfer-encoding", "content-language", "content-disposition", "auto-submitted", "importance");

    private final Threading threading;
    private final String relayDomain;
    private final String displaySuffix;

    public RelayRenderer(Threading threading, String relayDomain, String displaySuffix) {
        this.threading = threading;
        this.relayDomain = relayDomain;
        this.displaySuffix = displaySuffix == null ? "" : displaySuffix;
    }

    /** Who is who in one delivery. {@code realToRelay} maps each participant's real address to their relay address. */
    public record Parties(String senderName, String senderRelay, String recipientName, String recipientEmail,
                          List<InternetAddress> copies, Map<String, String> realToRelay) {}

    public byte[] render(Document message, Parties parties, Document inReplyTo, List<Document> references,
                         String redactedText, String redactedSubject) {
        try {
            Binary raw = message.get("raw", Binary.class);
            boolean redacted = redactedText != null;
            MimeMessage m = raw != null && !redacted
                    ? new Composer.FixedIdMessage(raw.getData(), threading.relayId(message.getString("_id")))
                    : plain(message, redacted ? redactedText : message.getString("text"),
                    redacted ? redactedSubject : message.getString("subject"));
            keepOnlySafeHeaders(m);
            address(m, parties);
            String subject = scrub(Headers.clean(m.getSubject() == null ? "" : m.getSubject()), parties.realToRelay());
            m.setSubject(subject, StandardCharsets.UTF_8.name());
            if (m.getSentDate() == null) m.setSentDate(message.getDate("receivedAt"));
            String recipientId = null;
            if (inReplyTo != null) {
                m.setHeader("In-Reply-To", threading.idAsSeenBy(recipientOf(message), inReplyTo));
            }
            List<String> refs = new ArrayList<>();
            for (Document d : references) refs.add(threading.idAsSeenBy(recipientOf(message), d));
            if (!refs.isEmpty()) m.setHeader("References", String.join(" ", refs));
            if (raw != null && !redacted) scrubParts(m, parties.realToRelay());
            return Composer.bytes(m);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not render message " + message.getString("_id") + ": " + e.getMessage(), e);
        }
    }

    private static String recipientOf(Document message) {
        return message.getString("recipientId");
    }

    private MimeMessage plain(Document message, String text, String subject) throws MessagingException {
        MimeMessage m = new Composer.FixedIdMessage(threading.relayId(message.getString("_id")));
        m.setSubject(subject == null ? "" : subject, StandardCharsets.UTF_8.name());
        m.setText(text == null ? "" : text, StandardCharsets.UTF_8.name());
        m.setSentDate(message.getDate("receivedAt"));
        return m;
    }

    private static void keepOnlySafeHeaders(MimeMessage m) throws MessagingException {
        List<String> drop = new ArrayList<>();
        for (Enumeration<jakarta.mail.Header> e = m.getAllHeaders(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            if (!KEEP.contains(name.toLowerCase(Locale.ROOT))) drop.add(name);
        }
        for (String name : drop) m.removeHeader(name);
    }

    private void address(MimeMessage m, Parties p) throws MessagingException {
        try {
            InternetAddress from = new InternetAddress(p.senderRelay(), Headers.clean(p.senderName()) + displaySuffix,
                    StandardCharsets.UTF_8.name());
            m.setFrom(from);
            m.setReplyTo(new InternetAddress[] {from});
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(p.recipientEmail(),
                    Headers.clean(p.recipientName()), StandardCharsets.UTF_8.name()));
            if (!p.copies().isEmpty()) m.setRecipients(Message.RecipientType.CC, p.copies().toArray(new InternetAddress[0]));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 missing", e);
        }
    }

    /** Replaces real addresses in every text part, attachments included, re-encoding only what changed. */
    private static void scrubParts(Part part, Map<String, String> realToRelay) throws MessagingException, IOException {
        String type;
        try {
            type = new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (RuntimeException | MessagingException e) {
            return;
        }
        if (type.startsWith("multipart/")) {
            Object content = part.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) scrubParts(mp.getBodyPart(i), realToRelay);
                part.setContent(mp);
            }
        } else if (type.startsWith("text/")) {
            String text = textOf(part);
            String scrubbed = scrub(text, realToRelay);
            if (!scrubbed.equals(text)) {
                String disposition = part.getDisposition();
                String filename = part.getFileName();
                part.setContent(scrubbed, type + "; charset=UTF-8");
                part.removeHeader("Content-Transfer-Encoding");
                if (disposition != null) part.setDisposition(disposition);
                if (filename != null) part.setFileName(filename);
            }
        } else if (type.equals("message/rfc822")) {
            Object content = part.getContent();
            if (content instanceof MimeMessage inner) {
                for (String h : new String[] {"From", "To", "Cc", "Reply-To", "Sender", "Return-Path"}) {
                    String[] values = inner.getHeader(h);
                    if (values != null) inner.setHeader(h, scrub(String.join(", ", values), realToRelay));
                }
                scrubParts(inner, realToRelay);
                inner.saveChanges();
                part.setContent(inner, "message/rfc822");
            }
        }
    }

    private static String textOf(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String s) return s;
        try (var in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Case-insensitive replacement of each real address, also inside mailto: links and encoded words. */
    static String scrub(String text, Map<String, String> realToRelay) {
        String out = text;
        for (Map.Entry<String, String> e : realToRelay.entrySet()) {
            Matcher m = Pattern.compile(Pattern.quote(e.getKey()), Pattern.CASE_INSENSITIVE).matcher(out);
            out = m.replaceAll(Matcher.quoteReplacement(e.getValue()));
        }
        return out;
    }

    static String decodeHeader(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }

    public String relayDomain() {
        return relayDomain;
    }

    static Date date(Document d, String key) {
        return d.getDate(key);
    }
}
