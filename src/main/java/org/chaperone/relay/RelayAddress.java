package org.chaperone.relay;

import org.chaperone.registry.Role;

/**
 * A participant's address on the relay domain for one pairing: {@code <token>@<relay domain>}. Mail
 * to it reaches that participant; mail from them arrives at the other side from it. The token is
 * random (at least 128 bits) and is the document id, so resolving an address is one key lookup.
 */
public record RelayAddress(String token, String organisationId, String pairingId, String participantId, Role role) {
    public String address(String domain) {
        return token + "@" + domain;
    }
}
