package org.chaperone.delivery;

import java.util.List;

/**
 * The words of outgoing texts. A relayed text names its writer (the recipient sees only the relay number);
 * the gateway's own notices say they are from Chaperone, because they come from the same relay number.
 */
public final class SmsText {
    /** Twilio's limit for one (concatenated) message; inbound texts are no longer than this. */
    public static final int MAX_LENGTH = 1600;

    private SmsText() {}

    /** {@code redacted}: the contact details to replace, when the verdict says to remove them. */
    public static String relayed(String senderName, String text, List<String> redacted) {
        String body = redacted.isEmpty() ? text : Redaction.replaceAll(text, redacted);
        String named = senderName + ": " + body;
        return named.length() <= MAX_LENGTH ? named : body;
    }

    public static String notice(String subject) {
        return "Chaperone: " + subject + ".";
    }
}
