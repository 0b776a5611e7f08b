package org.chaperone.pipeline;

import org.chaperone.registry.Pairing;

import java.time.Instant;

/**
 * Resolves a text message to its pairing from the relay number written to and the number it came from
 * (implemented by {@code numbers.TextRouting}). Throws {@link Refusal} when the sender's number is not
 * approved for any pairing on that relay number, or when it could mean more than one.
 */
public interface TextRoutes {
    Route resolve(String relayNumber, String senderNumber, Instant at);

    /**
     * @param recipientNumber where the relayed text goes: the mentee's registered phone or the mentor's first
     *                        approved number; null when the recipient has none (the text is relayed by email)
     */
    record Route(Pairing pairing, String senderId, String recipientNumber) {}

    /** For a gateway without a text channel: every text is refused as sent to an unknown number. */
    TextRoutes NONE = (relayNumber, senderNumber, at) -> {
        throw Refusal.unknownAddress();
    };
}
