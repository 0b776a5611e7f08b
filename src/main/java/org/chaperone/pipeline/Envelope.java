package org.chaperone.pipeline;

import org.chaperone.registry.Pairing;
import org.chaperone.registry.Programme;
import org.chaperone.registry.User;
import org.chaperone.relay.RelayAddress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One message on its way through the pipeline. Ingress fills the inbound facts; each stage fills
 * in what it finds (resolved pairing and people, parsed content, findings, verdict, stored id).
 */
public final class Envelope {
    // Inbound, set by ingress.
    public final Channel channel;
    public final Instant receivedAt;
    public final String envelopeSender;     // SMTP reverse-path ("" for <>), or null for web/SMS
    public final String recipientAddress;   // the relay address or relay number written to
    public final byte[] raw;                // the MIME message as received (email), else null
    public final String remote;             // client address, for the record

    // Web and SMS: the authenticated or verified sender and the text.
    public String declaredSenderId;
    public MessageContent declaredContent;
    public String declaredPairingId;
    public String senderNumber;             // SMS: the number the text came from (E.164)

    // SMS: where the relayed text goes (the recipient's number, E.164); null means by email, like web messages.
    public String recipientNumber;

    // Resolved.
    public RelayAddress to;
    public Pairing pairing;
    public Programme programme;
    public User sender;
    public User recipient;
    public Direction direction;

    // Parsed.
    public MessageContent content;
    public List<TextPart> parts = List.of();

    // Findings and decision.
    public final List<Reason> reasons = new ArrayList<>();
    public final List<ContactHit> contacts = new ArrayList<>();
    public final List<ConcernHit> concerns = new ArrayList<>();
    public final List<Notice> notices = new ArrayList<>();
    public final List<IncidentNote> incidents = new ArrayList<>();
    public boolean redact;
    public boolean urgent;
    public boolean automatic;
    public Verdict verdict;
    public List<User> copies = List.of();
    public Instant deliverAfter;
    public String inReplyToMessageId;

    // Stored.
    public String messageId;
    /** The messages document as written, for listeners after the store (the search index); null before. */
    public org.bson.Document stored;

    public Envelope(Channel channel, Instant receivedAt, String envelopeSender, String recipientAddress, byte[] raw,
                    String remote) {
        this.channel = channel;
        this.receivedAt = receivedAt;
        this.envelopeSender = envelopeSender;
        this.recipientAddress = recipientAddress;
        this.raw = raw;
        this.remote = remote;
    }

    /** Something the sender is told through the relay (held, waiting for morning…). */
    public record Notice(String subject, String body) {}

    /** A boundary incident found while processing, written to the incident record with the message. */
    public record IncidentNote(String type, String summary) {}
}
