package org.chaperone.store;

/**
 * Waits until every write that finished before the call is durable. Called after the writes that
 * precede an acknowledgement (SMTP 250, HTTP 202) and before the acknowledgement is sent.
 */
public interface DurabilityBarrier extends AutoCloseable {

    /** Blocks until writes completed before this call survive a crash. */
    default void awaitDurable() throws InterruptedException {
        await(request());
    }

    /**
     * The first half of {@link #awaitDurable}: asks for the writes completed before this call to be made durable
     * and returns a ticket for {@link #await}. Work done between the two overlaps the commit.
     */
    long request();

    /** The second half of {@link #awaitDurable}: blocks until the writes before {@code ticket} was taken are durable. */
    void await(long ticket) throws InterruptedException;

    /** For a real MongoDB the write concern (w: majority, j: true) already is the barrier. */
    DurabilityBarrier WRITE_CONCERN = new DurabilityBarrier() {
        @Override
        public long request() {
            return 0;
        }

        @Override
        public void await(long ticket) {}

        @Override
        public void close() {}
    };

    @Override
    void close();
}
