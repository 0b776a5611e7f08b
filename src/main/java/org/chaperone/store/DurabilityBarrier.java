package org.chaperone.store;

/**
 * Waits until every write that finished before the call is durable. Called after the writes that
 * precede an acknowledgement (SMTP 250, HTTP 202) and before the acknowledgement is sent.
 */
public interface DurabilityBarrier extends AutoCloseable {

    /** Blocks until writes completed before this call survive a crash. */
    void awaitDurable() throws InterruptedException;

    /** For a real MongoDB the write concern (w: majority, j: true) already is the barrier. */
    DurabilityBarrier WRITE_CONCERN = new DurabilityBarrier() {
        @Override
        public void awaitDurable() {}

        @Override
        public void close() {}
    };

    @Override
    void close();
}
