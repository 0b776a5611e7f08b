package org.chaperone.ingress.smtp;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * One line from the client without its line end. {@code crlf} says whether it ended in CRLF (rather than
 * a bare LF); a line longer than the limit keeps no content, only {@code tooLong}.
 */
record Line(Buffer content, boolean crlf, boolean tooLong) {
    private static final Buffer EMPTY = Buffer.buffer(0);

    static Line overlong(boolean crlf) {
        return new Line(EMPTY, crlf, true);
    }

    /** Bytes counted against the pause threshold while the line waits in the queue. */
    int weight() {
        return content.length() + 2;
    }

    /** Commands are ASCII; Latin-1 maps each byte to one char so non-ASCII bytes stay visible to the parser. */
    String text() {
        return content.toString(StandardCharsets.ISO_8859_1);
    }
}
