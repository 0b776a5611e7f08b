package org.chaperone.pipeline;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.chaperone.pipeline.stages.ParseContent;
import org.chaperone.screening.attachments.RecordingFinder;
import org.chaperone.screening.contact.ContactContext;
import org.chaperone.screening.contact.ContactScreener;
import org.chaperone.screening.contact.ContactSettings;
import org.chaperone.screening.text.HtmlText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile mail through the parse-and-screen path (MIME parsing, text parts, contact screening,
 * attachment screening): malformed and huge headers, thousands of parts nested deep, broken base64 and
 * quoted-printable, lying charsets, zip bombs. Whatever arrives, nothing escapes but a refusal with a
 * reason, each case finishes in bounded time, and what is read is screened. Tries: jqwik's default from
 * junit-platform.properties ({@code scripts/soak} raises it with {@code -Djqwik.tries.default}).
 */
class MimeFuzzTest {
    private static final Duration PER_CASE = Duration.ofSeconds(10);
    private static final ContactScreener SCREENER = new ContactScreener(ContactSettings.defaults());
    private static final ParseContent PARSE = new ParseContent(HtmlText::allText);
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final byte[] ZIP_BOMB = zipBomb();
    private static final byte[] NESTED_ZIP_BOMB = nestedZips(ZIP_BOMB, 4);

    @Property
    void hostileMailIsParsedAndScreenedOrRefusedWithAReason(@ForAll("messages") byte[] raw) {
        CASES.incrementAndGet();
        long start = System.nanoTime();
        Envelope e = new Envelope(Channel.EMAIL, Instant.now(), "sender@example.org", "x@relay.chaperone.test", raw, "127.0.0.1");
        try {
            PARSE.apply(e);
        } catch (Refusal r) {
            REFUSED.incrementAndGet();
            assertTrue(r.smtp().code() >= 500 && r.smtp().text().contains("could not be read"), r.smtp().toString());
            return;
        }
        assertNotNull(e.content.subject());
        assertNotNull(e.content.readableText());
        for (TextPart part : e.parts) {
            assertNotNull(part.text(), part.source());
            ContactScreener.ContactScreen screen = SCREENER.screen(part.text(), ContactContext.underEighteen());
            assertNotNull(screen.findings());
        }
        for (Attachment a : e.content.attachments()) {
            assertEquals(a.size(), a.content().length);
            try {
                RecordingFinder.find(a.filename(), a.declaredType(), a.content());
            } catch (RecordingFinder.Uncheckable u) {
                assertTrue(u.getMessage() != null && !u.getMessage().isBlank(), "an uncheckable attachment says why");
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(PER_CASE) < 0, "one message took " + took.toMillis() + " ms");
    }

    /** Raw bytes, not MIME at all. */
    @Property
    void arbitraryBytesNeverEscapeTheParser(@ForAll("garbage") byte[] raw) {
        CASES.incrementAndGet();
        try {
            MessageContent c = MimeParser.parse(raw);
            assertNotNull(c.readableText());
        } catch (Refusal r) {
            REFUSED.incrementAndGet();
            assertTrue(r.smtp().code() >= 500);
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("MIME fuzz: %d cases, %d refused with a reason, none escaped%n", CASES.get(), REFUSED.get());
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    @Provide
    Arbitrary<byte[]> messages() {
        return Combinators.combine(headers(), body(), Arbitraries.integers().between(0, 3))
                .as((h, b, join) -> {
                    String sep = switch (join) {
                        case 0 -> "\r\n";
                        case 1 -> "\n";
                        case 2 -> "\r";
                        default -> "";
                    };
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
                    out.writeBytes(sep.getBytes(StandardCharsets.US_ASCII));
                    out.writeBytes(b);
                    return out.toByteArray();
                });
    }

    private Arbitrary<String> headers() {
        Arbitrary<String> one = Arbitraries.oneOf(
                Arbitraries.of("From: Jo <jo@example.org>", "To: x@relay.chaperone.test", "Subject: hello",
                        "Subject: =?utf-8?B?" + Base64.getEncoder().encodeToString("call me on 07700 900123".getBytes()) + "?=",
                        "Subject: =?x-unknown?Q?=FF=FE=00?=", "Subject: =?utf-7?B?K2ZvbyE=?=", "Subject: =?utf-8?B?!!!broken?=",
                        "Message-ID: <a@b>", "Message-ID: <<<>>>", "In-Reply-To: <", "References: " + "<r@x> ".repeat(2000),
                        "Content-Type: text/plain; charset=utf-16", "Content-Type: text/plain; charset=\"\"",
                        "Content-Type: text/html; charset=iso-2022-jp", "Content-Type: multipart/mixed",
                        "Content-Type: multipart/mixed; boundary=", "Content-Type: application/octet-stream; name=\"a\u0000b.zip\"",
                        "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable",
                        "Content-Transfer-Encoding: x-unheard-of", "Content-Transfer-Encoding: uuencode",
                        "Content-Disposition: attachment; filename*=utf-8''%FF%FE%00.mp4", "Auto-Submitted: auto-replied",
                        ": no name", "Bad Header With Spaces: x", "X-\u00ff\u00fe: eight bit", "Subject:", " folded without a header"),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(200).map(s -> "X-Fuzz: " + s),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40).map(s -> s + ": v"),
                Arbitraries.integers().between(1_000, 200_000).map(n -> "Subject: " + "a".repeat(n)),
                Arbitraries.integers().between(100, 3_000).map(n -> "Received: from x\r\n".repeat(n).stripTrailing()),
                Arbitraries.integers().between(10, 2_000).map(n -> "Subject: folded" + "\r\n continued".repeat(n)));
        return one.list().ofMinSize(0).ofMaxSize(12).map(l -> String.join("\r\n", l) + "\r\n");
    }

    private Arbitrary<byte[]> body() {
        return Arbitraries.oneOf(
                text().map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2048),
                Arbitraries.integers().between(1, 60).flatMap(depth -> Arbitraries.integers().between(1, 4)
                        .map(width -> nested(depth, width).getBytes(StandardCharsets.ISO_8859_1))),
                Arbitraries.integers().between(500, 4_000).map(n -> siblings(n).getBytes(StandardCharsets.ISO_8859_1)),
                Arbitraries.of(ZIP_BOMB, NESTED_ZIP_BOMB).flatMap(zip -> Arbitraries.of("bomb.zip", "call.mp4", "notes.txt", "")
                        .map(name -> attachment(name, zip).getBytes(StandardCharsets.ISO_8859_1))),
                brokenEncodings());
    }

    private Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(500),
                Arbitraries.of("call me on 07700 900123", "jake at gmail dot com", "oh seven seven double oh nine",
                        "<p style=display:none>snap: jake_99</p>", "\u0000\u0000\u0000", "=\r\n=ZZ=4", "\uFEFF\u202E\u200B07700\u200B900\u200B123"),
                Arbitraries.integers().between(10_000, 300_000).map(n -> "x".repeat(n)));
    }

    private Arbitrary<byte[]> brokenEncodings() {
        return Arbitraries.of(
                "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!====@@@@\r\nQUJD\r\n====\r\n",
                "Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nbroken =Z1 =\r\n=\r\n=4",
                "Content-Type: text/plain; charset=utf-8\r\n\r\n\u00ff\u00fe\u00c3\u0028 invalid utf-8",
                "Content-Type: text/plain; charset=no-such-charset\r\n\r\nhello",
                "Content-Type: text/plain; charset=utf-32\r\n\r\nodd",
                "Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n" + "A".repeat(9999),
                "Content-Type: message/rfc822\r\n\r\nContent-Type: message/rfc822\r\n\r\nContent-Type: message/rfc822\r\n\r\n",
                "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n--b\r\n--b--\r\n--b\r\n",
                "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n\r\n----\r\n")
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String nested(int depth, int width) {
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            b.append("Content-Type: multipart/mixed; boundary=\"b").append(d).append("\"\r\n\r\n");
            for (int w = 1; w < width; w++) {
                b.append("--b").append(d).append("\r\nContent-Type: text/plain\r\n\r\nleaf ").append(d).append('.').append(w).append("\r\n");
            }
            b.append("--b").append(d).append("\r\n");
        }
        b.append("Content-Type: text/plain\r\n\r\ninnermost: text me on 07700 900123\r\n");
        for (int d = depth - 1; d >= 0; d--) {
            if (d % 3 != 0) b.append("--b").append(d).append("--\r\n");   // some end boundaries missing
        }
        return b.toString();
    }

    private static String siblings(int n) {
        StringBuilder b = new StringBuilder("Content-Type: multipart/mixed; boundary=s\r\n\r\n");
        for (int i = 0; i < n; i++) b.append("--s\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
        return b.append("--s--\r\n").toString();
    }

    private static String attachment(String name, byte[] content) {
        return "Content-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--z\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename=\"" + name + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(content) + "\r\n--z--\r\n";
    }

    /** One entry of 16 MiB of zeros (about 16 KiB compressed). */
    private static byte[] zipBomb() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("session-recording.bin"));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 16; i++) zip.write(zeros);
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zips of three copies of the level below, {@code levels} deep (4 levels: 1.3 GB unpacked). */
    private static byte[] nestedZips(byte[] inner, int levels) {
        byte[] current = inner;
        try {
            for (int level = 0; level < levels; level++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ZipOutputStream zip = new ZipOutputStream(out)) {
                    for (int i = 0; i < 3; i++) {
                        zip.putNextEntry(new ZipEntry("level" + level + "-" + i + ".zip"));
                        zip.write(current);
                        zip.closeEntry();
                    }
                }
                current = out.toByteArray();
            }
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
