package org.chaperone.ingress.smtp;

import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * Splits the client's bytes into lines at LF, holding at most one line of {@code maxLineLength} bytes.
 * <p>
 * Not Vert.x's {@code RecordParser}: when no delimiter comes it grows its buffer without bound, and it
 * cannot skip past an over-long record, whereas SMTP must answer an over-long line (or finish reading
 * the message it is in) and carry on. Splitting at LF rather than CRLF lets commands end in a bare LF;
 * each line records whether its end was a proper CRLF, which the DATA reader insists on.
 */
final class LineFramer {
    private final int maxLineLength;
    private final Consumer<Line> output;
    private Buffer partial = Buffer.buffer();
    private boolean tooLong;
    private boolean lastByteWasCr;

    /** @param maxLineLength the longest line accepted, counting its CRLF (RFC 5321 4.5.3.1.6 counts 1000) */
    LineFramer(int maxLineLength, Consumer<Line> output) {
        if (maxLineLength < 3) throw new IllegalArgumentException("maxLineLength must leave room for CRLF");
        this.maxLineLength = maxLineLength;
        this.output = output;
    }

    void feed(Buffer chunk) {
        int start = 0;
        int length = chunk.length();
        for (int i = 0; i < length; i++) {
            if (chunk.getByte(i) == '\n') {
                append(chunk, start, i);
                emit();
                start = i + 1;
            }
        }
        append(chunk, start, length);
    }

    /** True when bytes of an unfinished line are waiting for their LF. */
    boolean holdsPartialLine() {
        return partial.length() > 0 || tooLong;
    }

    /** Forgets an unfinished line (used when the connection switches to TLS). */
    void reset() {
        partial = Buffer.buffer();
        tooLong = false;
        lastByteWasCr = false;
    }

    private void append(Buffer chunk, int from, int to) {
        if (from == to) return;
        lastByteWasCr = chunk.getByte(to - 1) == '\r';
        if (tooLong) return;
        // The LF is not stored, so a line of maxLineLength bytes with its CRLF leaves maxLineLength - 1 here.
        if (partial.length() + (to - from) > maxLineLength - 1) {
            tooLong = true;
            partial = Buffer.buffer();
            return;
        }
        partial.appendBuffer(chunk, from, to - from);
    }

    private void emit() {
        Line line;
        if (tooLong) {
            line = Line.overlong(lastByteWasCr);
        } else if (lastByteWasCr) {
            line = new Line(partial.slice(0, partial.length() - 1), true, false);
        } else {
            line = new Line(partial, false, false);
        }
        partial = Buffer.buffer();
        tooLong = false;
        lastByteWasCr = false;
        output.accept(line);
    }
}
