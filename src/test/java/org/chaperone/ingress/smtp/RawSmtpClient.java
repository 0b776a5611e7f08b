package org.chaperone.ingress.smtp;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A byte-level SMTP client for the cases real clients never produce: pipelined writes, lines split
 * anywhere, junk. Every read has a deadline (the socket timeout), so a missing reply fails the test.
 */
final class RawSmtpClient implements AutoCloseable {
    private static final int DEADLINE_MILLIS = 15_000;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private RawSmtpClient(Socket socket) throws IOException {
        use(socket);
    }

    static RawSmtpClient connect(int port) {
        try {
            Socket s = new Socket("127.0.0.1", port);
            s.setTcpNoDelay(true);
            return new RawSmtpClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void use(Socket s) throws IOException {
        s.setSoTimeout(DEADLINE_MILLIS);
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    /** Sends the line with CRLF and returns the reply. */
    String command(String line) {
        send(line + "\r\n");
        return reply();
    }

    /** Sends the line and asserts the reply starts with {@code expected} (code, or code and enhanced code). */
    String expect(String line, String expected) {
        String reply = command(line);
        assertTrue(reply.startsWith(expected), "to '" + line + "' expected " + expected + " but got: " + reply);
        return reply;
    }

    String expectReply(String expected) {
        String reply = reply();
        assertTrue(reply.startsWith(expected), "expected " + expected + " but got: " + reply);
        return reply;
    }

    void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One reply, all its lines joined with "\n". */
    String reply() {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = line();
            if (line == null) fail("connection closed while waiting for a reply; got so far: " + reply);
            if (!reply.isEmpty()) reply.append('\n');
            reply.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') return reply.toString();
        }
    }

    /** Reads to the server's close and returns what came before it. */
    String awaitClose() {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) rest.write(b);
            return rest.toString(StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection; received: " + rest.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return rest.toString(StandardCharsets.ISO_8859_1); // a reset is a close too
        }
    }

    /** Continues the same TCP connection inside TLS, as after STARTTLS's 220. */
    void startTls(SSLContext context) {
        try {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
            tls.startHandshake();
            use(tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    String s = line.toString(StandardCharsets.ISO_8859_1);
                    assertTrue(s.endsWith("\r"), "reply line without CRLF: " + s);
                    return s.substring(0, s.length() - 1);
                }
                line.write(b);
            }
            return null;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within the deadline; got so far: " + line.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
