package org.chaperone.registry;

/**
 * Features that keep something per pairing (relay addresses, the planned session series) hear of
 * new and changed pairings here. Called on a blocking thread after the pairing is stored; must be
 * idempotent, because a retry may call it again.
 */
public interface PairingListener {
    void pairingSaved(Pairing pairing, Programme programme);
}
