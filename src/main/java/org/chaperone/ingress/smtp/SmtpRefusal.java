package org.chaperone.ingress.smtp;

/** A command the engine refuses before asking the handler; carries the reply the client gets. */
final class SmtpRefusal extends Exception {
    private final transient SmtpReply reply;

    SmtpRefusal(int code, String enhanced, String text) {
        super(text, null, false, false);
        this.reply = SmtpReply.of(code, enhanced, text);
    }

    SmtpReply reply() {
        return reply;
    }
}
