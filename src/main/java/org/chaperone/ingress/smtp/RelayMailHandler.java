package org.chaperone.ingress.smtp;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.chaperone.concurrent.Blocking;
import org.chaperone.pipeline.Channel;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Pipeline;
import org.chaperone.pipeline.Refusal;
import org.chaperone.relay.RelayAddresses;
import org.chaperone.store.StorageUnavailableException;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's answers to SMTP: a recipient is accepted only if it is an active relay address whose
 * pairing admits this sender; the message is answered 250 only after the pipeline has stored it
 * durably, 451 4.3.0 when storage is unavailable (the sender retries), and the pipeline's refusal
 * otherwise. Mail to the gateway's own address (bounces of its notices) is accepted and dropped.
 */
public final class RelayMailHandler implements SmtpHandler {
    private static final Logger LOG = Logger.getLogger(RelayMailHandler.class.getName());
    static final SmtpReply TRY_LATER = SmtpReply.of(451, "4.3.0", "Temporary failure storing the message, please retry");

    private final Pipeline pipeline;
    private final RelayAddresses relay;
    private final Blocking blocking;
    private final Clock clock;
    private final String gatewayAddress;

    public RelayMailHandler(Pipeline pipeline, RelayAddresses relay, Blocking blocking, Clock clock, String gatewayAddress) {
        this.pipeline = pipeline;
        this.relay = relay;
        this.blocking = blocking;
        this.clock = clock;
        this.gatewayAddress = gatewayAddress.toLowerCase(Locale.ROOT);
    }

    @Override
    public Future<SmtpReply> mailFrom(Session session, String reversePath) {
        return Future.succeededFuture(SmtpReply.of(250, "2.1.0", "Sender OK"));
    }

    @Override
    public Future<SmtpReply> rcptTo(Session session, String reversePath, String recipient) {
        if (isGatewayAddress(recipient)) return Future.succeededFuture(SmtpReply.of(250, "2.1.5", "Recipient OK"));
        if (!relay.isRelayDomain(recipient)) {
            return Future.succeededFuture(SmtpReply.of(550, "5.7.1", "Relaying denied: this server accepts mail only for its relay addresses"));
        }
        return blocking.call(() -> {
            try {
                pipeline.admit(envelope(session, reversePath, recipient, null));
                return SmtpReply.of(250, "2.1.5", "Recipient OK");
            } catch (Refusal r) {
                return r.smtp();
            } catch (RuntimeException e) {
                return failure(session, e);
            }
        });
    }

    @Override
    public Future<SmtpReply> data(Session session, String reversePath, List<String> recipients, Buffer message) {
        byte[] raw = message.getBytes();
        return blocking.call(() -> {
            int stored = 0;
            SmtpReply firstRefusal = null;
            for (String recipient : recipients) {
                if (isGatewayAddress(recipient)) {
                    LOG.info("session " + session.id() + ": mail to the gateway's own address dropped (a bounce or auto-reply)");
                    stored++;
                    continue;
                }
                try {
                    pipeline.process(envelope(session, reversePath, recipient, raw));
                    stored++;
                } catch (Refusal r) {
                    if (firstRefusal == null) firstRefusal = r.smtp();
                } catch (RuntimeException e) {
                    // Nothing is acknowledged unless everything was stored: the sender retries the whole message.
                    return failure(session, e);
                }
            }
            if (stored == 0 && firstRefusal != null) return firstRefusal;
            return SmtpReply.of(250, "2.0.0", "Message accepted");
        });
    }

    private Envelope envelope(Session session, String reversePath, String recipient, byte[] raw) {
        return new Envelope(Channel.EMAIL, clock.instant(), reversePath, recipient.toLowerCase(Locale.ROOT), raw,
                session.remote() == null ? null : session.remote().getAddress().getHostAddress());
    }

    private boolean isGatewayAddress(String recipient) {
        String r = recipient.toLowerCase(Locale.ROOT);
        return r.equals(gatewayAddress) || r.equals("postmaster@" + relay.domain()) || r.equals("postmaster");
    }

    private static SmtpReply failure(Session session, RuntimeException e) {
        if (StorageUnavailableException.isUnavailable(e)) {
            LOG.warning("session " + session.id() + ": storage unavailable, answered 451: " + e.getMessage());
        } else {
            LOG.log(Level.SEVERE, "session " + session.id() + ": message could not be processed, answered 451", e);
        }
        return TRY_LATER;
    }
}
