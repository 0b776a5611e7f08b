package org.chaperone.ingress.smtp;

/**
 * An SMTP reply: code, enhanced status code (RFC 3463) and text, e.g. 550 5.1.1 "No such relay address".
 */
public record SmtpReply(int code, String enhanced, String text) {
    public static final SmtpReply OK = new SmtpReply(250, "2.0.0", "OK");

    public static SmtpReply of(int code, String enhanced, String text) {
        return new SmtpReply(code, enhanced, text);
    }

    public boolean positive() {
        return code >= 200 && code < 400;
    }

    /** The line(s) as sent on the wire, without the final CRLF. */
    public String wire() {
        String[] lines = text.split("\r?\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            b.append(code).append(i == lines.length - 1 ? ' ' : '-');
            if (enhanced != null) b.append(enhanced).append(' ');
            b.append(lines[i]);
            if (i < lines.length - 1) b.append("\r\n");
        }
        return b.toString();
    }
}
