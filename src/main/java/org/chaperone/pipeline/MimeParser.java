package org.chaperone.pipeline;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Parses a MIME message with jakarta.mail into {@link MessageContent}, defensively: bounded depth
 * and part count, unknown or lying charsets fall back to UTF-8 then Latin-1, broken encodings yield
 * what could be decoded. Malformed input never throws out of {@link #parse}; only a message with
 * nothing readable at all is a {@link Refusal}.
 */
public final class MimeParser {
    public static final int MAX_DEPTH = 20;
    public static final int MAX_PARTS = 500;
    private static final Session SESSION;

    static {
        MailLibrary.configure();
        Properties p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.decodefilename", "true");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        p.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        p.setProperty("mail.mime.ignoreunknownencoding", "true");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        SESSION = Session.getInstance(p);
    }

    private MimeParser() {}

    public static MimeMessage mime(byte[] raw) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    public static Session session() {
        return SESSION;
    }

    public static MessageContent parse(byte[] raw) {
        MimeMessage m;
        try {
            m = mime(raw);
        } catch (MessagingException | RuntimeException e) {
            throw Refusal.malformed("the headers cannot be parsed");
        }
        List<String> plain = new ArrayList<>();
        List<String> html = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        int[] budget = {MAX_PARTS};
        try {
            walk(m, 0, plain, html, attachments, budget);
        } catch (RuntimeException e) {
            // Whatever was read before the damage is still screened; the rest is not delivered unread.
            plain.add("[part of this message could not be read]");
        }
        return new MessageContent(subject(m), plain, html, attachments, headers(m));
    }

    private static void walk(Part part, int depth, List<String> plain, List<String> html, List<Attachment> attachments,
                             int[] budget) {
        if (--budget[0] < 0 || depth > MAX_DEPTH) {
            plain.add("[the message has too many nested parts; the rest was not read]");
            return;
        }
        String type = contentType(part);
        String filename = filename(part);
        boolean attachment = filename != null || Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
        try {
            if (type.startsWith("multipart/")) {
                Object content = part.getContent();
                if (content instanceof Multipart mp) {
                    int count = mp.getCount();
                    for (int i = 0; i < count && budget[0] >= 0; i++) {
                        BodyPart child = mp.getBodyPart(i);
                        walk(child, depth + 1, plain, html, attachments, budget);
                    }
                    return;
                }
            }
            if (type.equals("message/rfc822") && !attachment) {
                Object content = part.getContent();
                if (content instanceof MimeMessage inner) {
                    String subject = subject(inner);
                    if (!subject.isEmpty()) plain.add(subject);
                    walk(inner, depth + 1, plain, html, attachments, budget);
                    return;
                }
            }
            if (!attachment && type.equals("text/plain")) {
                plain.add(text(part));
            } else if (!attachment && type.equals("text/html")) {
                html.add(text(part));
            } else {
                byte[] bytes = bytes(part);
                attachments.add(new Attachment(filename == null ? "" : filename, type, bytes.length, bytes));
            }
        } catch (MessagingException | IOException e) {
            plain.add("[a part of this message could not be read]");
        }
    }

    private static String contentType(Part part) {
        try {
            String raw = part.getContentType();
            if (raw == null) return "text/plain";
            return new ContentType(raw).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private static String charset(Part part) {
        try {
            String raw = part.getContentType();
            return raw == null ? null : new ContentType(raw).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String filename(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | IOException | RuntimeException e) {
            return "[unreadable file name]";
        }
    }

    static String text(Part part) throws MessagingException, IOException {
        byte[] bytes = bytes(part);
        return decode(bytes, charset(part));
    }

    /** Declared charset if it decodes cleanly; else UTF-8 if valid; else Latin-1, which never fails. */
    static String decode(byte[] bytes, String declared) {
        if (declared != null) {
            try {
                Charset cs = Charset.forName(MimeUtility.javaCharset(declared.trim()));
                return cs.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (Exception ignored) {
                // A lying or unknown charset: try the likely ones below.
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    private static String subject(MimeMessage m) {
        try {
            String s = m.getSubject();
            return s == null ? "" : s;
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    private static MessageContent.Headers headers(MimeMessage m) {
        return new MessageContent.Headers(addresses(m, "From"), addresses(m, "To"), addresses(m, "Cc"),
                header(m, "Message-ID"), header(m, "In-Reply-To"), ids(header(m, "References")),
                header(m, "Auto-Submitted"), header(m, "Precedence"));
    }

    /** Every address named in a header, lower-case; unparseable addresses are kept as written. */
    static List<String> addresses(MimeMessage m, String name) {
        List<String> out = new ArrayList<>();
        try {
            String[] values = m.getHeader(name);
            if (values == null) return out;
            for (String v : values) {
                try {
                    for (Address a : InternetAddress.parseHeader(MimeUtility.unfold(v), false)) {
                        if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                            out.add(ia.getAddress().trim().toLowerCase(Locale.ROOT));
                        }
                    }
                } catch (AddressException e) {
                    out.add(v.trim().toLowerCase(Locale.ROOT));
                }
            }
        } catch (MessagingException | RuntimeException e) {
            return out;
        }
        return out;
    }

    private static String header(MimeMessage m, String name) {
        try {
            String v = m.getHeader(name, " ");
            return v == null ? null : MimeUtility.unfold(v).trim();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    static List<String> ids(String references) {
        List<String> out = new ArrayList<>();
        if (references == null) return out;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<[^<>\\s]{1,250}>").matcher(references);
        while (m.find() && out.size() < 100) out.add(m.group());
        return out;
    }
}
