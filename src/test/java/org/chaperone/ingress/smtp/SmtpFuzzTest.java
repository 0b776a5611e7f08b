package org.chaperone.ingress.smtp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.TestGateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The SMTP command stream, fuzzed against a started gateway over raw sockets: commands out of order,
 * oversized lines, binary bytes, bare line ends, pipelining, half-sent DATA. Every reply line is a
 * well-formed reply code, a session always ends when the client says QUIT, the listener keeps serving
 * other clients, and the HTTP side never answers 5xx. Slow senders holding many connections do not
 * stop a real client from delivering.
 */
class SmtpFuzzTest {
    private static final Pattern REPLY = Pattern.compile("[2-5][0-9][0-9]([ -].*)?");
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger REPLIES = new AtomicInteger();
    private static TestGateway gw;
    private static String samRelay;

    @BeforeContainer
    static void start() {
        gw = TestGateway.start();
        samRelay = RelayEndToEndTest.relay(Demo.pairingOf(gw.api(), Demo.token(gw.api(), "mentor.jo")), "mentee");
    }

    @AfterContainer
    static void stop() {
        System.out.printf("SMTP fuzz: %d sessions, %d reply lines, all well formed%n", CASES.get(), REPLIES.get());
        if (gw != null) gw.close();
    }

    @Property
    void anyCommandStreamGetsWellFormedRepliesAndEndsOnQuit(@ForAll("sessions") List<byte[]> chunks) throws IOException {
        CASES.incrementAndGet();
        try (Socket s = new Socket("127.0.0.1", gw.gateway().smtpPort())) {
            s.setSoTimeout(10_000);
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (byte[] c : chunks) {
                try {
                    s.getOutputStream().write(c);
                    sent.writeBytes(c);
                } catch (IOException closed) {
                    break;   // the server may close a session that broke its limits
                }
            }
            try {
                // Ends a DATA section if one is open, then leaves.
                s.getOutputStream().write("\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (IOException closed) {
                // already closed by the server: reading shows why
            }
            List<String> lines = readAll(s.getInputStream());
            assertTrue(!lines.isEmpty() && lines.getFirst().startsWith("220"), "greeting: " + lines);
            for (String line : lines) {
                REPLIES.incrementAndGet();
                assertTrue(REPLY.matcher(line).matches(), "malformed reply line '" + line + "' after sending "
                        + abbreviate(sent.toString(StandardCharsets.ISO_8859_1)));
            }
        }
        if (CASES.get() % 100 == 0) stillServing();
    }

    @Property(tries = 1)
    void slowSendersHoldingConnectionsDoNotStopOthers() throws IOException {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket("127.0.0.1", gw.gateway().smtpPort());
                s.getOutputStream().write("EHLO slow\r\nMAIL FROM:<a@b>\r\nRCPT TO:<".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            stillServing();
        } finally {
            for (Socket s : slow) s.close();
        }
    }

    /**
     * A real client still gets its mail accepted. It connects from 127.0.0.2: the fuzzing client's refused
     * recipients rightly slow 127.0.0.1 down as a prober (see ProbeGuard).
     */
    private static void stillServing() {
        String jo = Demo.email("mentor.jo");
        try {
            java.util.Properties p = new java.util.Properties();
            p.setProperty("mail.smtp.host", "127.0.0.1");
            p.setProperty("mail.smtp.port", String.valueOf(gw.gateway().smtpPort()));
            p.setProperty("mail.smtp.localaddress", "127.0.0.2");
            p.setProperty("mail.smtp.from", jo);
            p.setProperty("mail.smtp.timeout", "20000");
            jakarta.mail.Session session = jakarta.mail.Session.getInstance(p);
            jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(session);
            m.setFrom(jo);
            m.setRecipients(jakarta.mail.Message.RecipientType.TO, samRelay);
            m.setSubject("still here");
            m.setText("still serving");
            jakarta.mail.Transport.send(m);
        } catch (jakarta.mail.MessagingException e) {
            fail("a real client could not deliver while the fuzzer ran: " + e);
        }
        Api.Response health = gw.api().get("/ready", null);
        assertEquals(200, health.status(), health.toString());
    }

    private static List<String> readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        try {
            for (int n; (n = in.read(b)) >= 0; ) buf.write(b, 0, n);
        } catch (SocketTimeoutException e) {
            fail("the session did not end within 10 s of QUIT: " + abbreviate(buf.toString(StandardCharsets.ISO_8859_1)));
        } catch (java.net.SocketException reset) {
            // a connection reset after the server closed: what was read stands
        }
        List<String> lines = new ArrayList<>();
        for (String l : buf.toString(StandardCharsets.ISO_8859_1).split("\r\n", -1)) if (!l.isEmpty()) lines.add(l);
        return lines;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + " chars)" : s;
    }

    @Provide
    Arbitrary<List<byte[]>> sessions() {
        Arbitrary<String> commands = Arbitraries.oneOf(
                Arbitraries.of("HELO fuzz", "EHLO fuzz", "EHLO", "HELO", "MAIL FROM:<jo@example.org>", "MAIL FROM:<>",
                        "MAIL FROM:jo", "MAIL FROM:<a@b> SIZE=99999999999999", "MAIL FROM:<a@b> BODY=8BITMIME SMTPUTF8",
                        "RCPT TO:<postmaster>", "RCPT TO:<nobody@relay.chaperone.test>", "RCPT TO:<a@elsewhere.example>",
                        "RCPT TO:<" + "x".repeat(300) + "@relay.chaperone.test>", "DATA", "BDAT 100 LAST", "RSET", "NOOP",
                        "VRFY jo", "EXPN all", "HELP", "STARTTLS", "AUTH PLAIN AGFhAGI=", "TURN", "QUIT", "", " ", "\u0000",
                        "MAIL", "RCPT", "mail from:<lower@case.example>", "DATA extra", "EHLO " + "h".repeat(600)),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(100),
                Arbitraries.integers().between(4_000, 40_000).map("X"::repeat),
                Arbitraries.of("Subject: hi\r\n\r\nbody\r\n.", "..\r\n.\r\n", ".\r\n", "\r\n.\r\n"));
        Arbitrary<byte[]> chunk = Arbitraries.oneOf(
                commands.flatMap(c -> Arbitraries.of("\r\n", "\n", "\r", "").map(end -> (c + end).getBytes(StandardCharsets.ISO_8859_1))),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(512),
                Arbitraries.integers().between(1, 20).map(n -> "NOOP\r\n".repeat(n).getBytes(StandardCharsets.US_ASCII)));
        return chunk.list().ofMinSize(1).ofMaxSize(15);
    }
}
