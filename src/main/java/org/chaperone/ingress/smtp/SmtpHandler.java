package org.chaperone.ingress.smtp;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What the SMTP protocol engine asks the gateway. The engine owns the conversation (RFC 5321
 * syntax, sequence, limits, timeouts); the handler owns every decision about addresses and content.
 * Futures complete on the connection's context; the handler must not block event loops.
 */
public interface SmtpHandler {

    /** The client's session facts, passed to every call. */
    record Session(String id, InetSocketAddress remote, String heloName, boolean tls) {}

    /** MAIL FROM accepted syntactically; {@code reversePath} is "" for the null sender {@code <>}. */
    Future<SmtpReply> mailFrom(Session session, String reversePath);

    /** One RCPT TO: 250 to accept the recipient, or a refusal (550 5.1.1 unknown relay address…). */
    Future<SmtpReply> rcptTo(Session session, String reversePath, String recipient);

    /**
     * The whole message after DATA (dot-unstuffed, CRLF line ends, without the final ".").
     * Reply 250 only once it is durably stored; 451 4.3.0 when storage is unavailable.
     */
    Future<SmtpReply> data(Session session, String reversePath, List<String> recipients, Buffer message);
}
