package org.chaperone.pipeline;

import org.chaperone.ingress.smtp.SmtpReply;

/**
 * The message is not accepted at all (unknown relay address, unregistered sender, ended pairing).
 * Carries the answer for each channel: an SMTP reply and an HTTP status with the same reason.
 */
public final class Refusal extends RuntimeException {
    private final SmtpReply smtp;
    private final int httpStatus;
    private final String code;

    public Refusal(String code, SmtpReply smtp, int httpStatus) {
        super(smtp.text(), null, false, false);
        this.code = code;
        this.smtp = smtp;
        this.httpStatus = httpStatus;
    }

    public static Refusal unknownAddress() {
        return new Refusal("unknown_address", SmtpReply.of(550, "5.1.1", "No such relay address here"), 404);
    }

    public static Refusal unregisteredSender() {
        return new Refusal("unregistered_sender", SmtpReply.of(550, "5.7.1",
                "This relay address accepts mail only from the registered participant of its pairing"), 403);
    }

    public static Refusal pairingEnded() {
        return new Refusal("pairing_ended", SmtpReply.of(550, "5.7.1",
                "This mentoring pairing has ended; the relay address no longer forwards mail"), 410);
    }

    public static Refusal malformed(String why) {
        return new Refusal("malformed", SmtpReply.of(554, "5.6.0", "The message could not be read: " + why), 400);
    }

    public SmtpReply smtp() {
        return smtp;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }
}
