package org.chaperone.ingress.smtp;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Puts a reply on the wire as printable ASCII (RFC 5321 4.2): a line break in a handler's text becomes a
 * multi-line reply, any other control or non-ASCII character becomes '?', and a malformed enhanced code is
 * left out, so no text can forge a reply line of its own.
 */
final class ReplyEncoder {
    private static final Pattern ENHANCED_CODE = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    private ReplyEncoder() {}

    static byte[] encode(SmtpReply reply) {
        StringBuilder text = new StringBuilder();
        String lines = reply.text().replace("\r\n", "\n");
        for (int i = 0; i < lines.length(); i++) {
            char c = lines.charAt(i);
            text.append(c == '\n' || (c >= 32 && c < 127) ? c : '?');
        }
        String enhanced = reply.enhanced() != null && ENHANCED_CODE.matcher(reply.enhanced()).matches() ? reply.enhanced() : null;
        SmtpReply clean = new SmtpReply(reply.code(), enhanced, text.toString());
        return (clean.wire() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
