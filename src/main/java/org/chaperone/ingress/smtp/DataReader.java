package org.chaperone.ingress.smtp;

import io.vertx.core.buffer.Buffer;

/**
 * Assembles one message after 354 from its lines: removes the dot-stuffing (RFC 5321 4.5.2), stops at the
 * line "." that follows a CRLF, and never holds more than {@code maxBytes}. A message that breaks a limit
 * is read to its end all the same, so the reply lands where the client expects it and the session goes on.
 * <p>
 * Only CRLF "." CRLF ends the data, and a message with a bare CR or LF is refused: servers that read
 * those differently are what SMTP smuggling exploits, and the gateway must see exactly one message.
 */
final class DataReader {
    private static final byte[] CRLF = {'\r', '\n'};

    private final long maxBytes;
    private final int maxLineLength;
    private Buffer message = Buffer.buffer();
    private long size;
    private boolean afterCrlf = true; // the DATA command's own CRLF comes before the first line
    private boolean oversize;
    private boolean lineTooLong;
    private boolean bareLineEnd;

    DataReader(long maxBytes, int maxLineLength) {
        this.maxBytes = maxBytes;
        this.maxLineLength = maxLineLength;
    }

    /** Takes the next line; true when it was the end-of-data marker. */
    boolean accept(Line line) {
        boolean wasAfterCrlf = afterCrlf;
        afterCrlf = line.crlf();
        if (line.tooLong()) {
            lineTooLong = true;
            return false;
        }
        Buffer content = line.content();
        if (content.length() == 1 && content.getByte(0) == '.' && line.crlf() && wasAfterCrlf) return true;
        if (content.length() > 0 && content.getByte(0) == '.') content = content.slice(1, content.length());
        if (!line.crlf() || containsCr(content)) bareLineEnd = true;
        size += content.length() + CRLF.length;
        if (oversize) return false;
        if (size > maxBytes) {
            oversize = true;
            message = Buffer.buffer(0); // nothing of a refused message needs to stay in memory
            return false;
        }
        message.appendBuffer(content).appendBytes(CRLF);
        return false;
    }

    /** Why the message is refused, or null when it may go to the handler. */
    SmtpReply refusal() {
        if (oversize) {
            return SmtpReply.of(552, "5.3.4", "Message size exceeds fixed maximum message size of " + maxBytes + " bytes");
        }
        if (lineTooLong) {
            return SmtpReply.of(554, "5.6.0", "Message has a line longer than " + maxLineLength + " bytes");
        }
        if (bareLineEnd) {
            return SmtpReply.of(554, "5.6.0", "Message has a bare CR or LF; lines must end with CRLF");
        }
        return null;
    }

    Buffer message() {
        return message;
    }

    /** Bytes of the message after unstuffing, counted even past the limit. */
    long size() {
        return size;
    }

    /** What this reader holds in memory, never more than the limit. */
    int bufferedBytes() {
        return message.length();
    }

    private static boolean containsCr(Buffer b) {
        for (int i = 0; i < b.length(); i++) {
            if (b.getByte(i) == '\r') return true;
        }
        return false;
    }
}
