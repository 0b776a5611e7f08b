package org.chaperone.store;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the embedded H2 store: one thread commits on behalf of every writer waiting,
 * so durable acknowledgements cost one {@code commit()} per batch rather than one per write
 * (see STACK-NOTES: per-write commit halves throughput).
 *
 * <p>A writer takes a ticket after its write finished; the committer reads the newest ticket
 * before it starts a commit and releases every ticket up to it when the commit returns, so each
 * released writer's data was written before that commit began.
 */
public final class GroupCommitter implements DurabilityBarrier {
    private final Runnable commit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    private final Condition committed = lock.newCondition();
    private final Thread thread;
    private long lastTicket;
    private long committedTicket;
    private RuntimeException failure;
    private volatile boolean closed;

    public GroupCommitter(Runnable commit) {
        this.commit = commit;
        this.thread = Thread.ofPlatform().name("chaperone-group-commit").daemon(true).start(this::run);
    }

    @Override
    public long request() {
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("the store is closing");
            long ticket = ++lastTicket;
            requested.signal();
            return ticket;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void await(long ticket) throws InterruptedException {
        lock.lock();
        try {
            while (committedTicket < ticket) {
                if (failure != null) throw new StorageUnavailableException("the database could not commit", failure);
                if (closed) throw new IllegalStateException("the store closed before the write was committed");
                committed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            long upTo;
            lock.lock();
            try {
                while (lastTicket == committedTicket && !closed) {
                    requested.awaitUninterruptibly();
                }
                if (closed && lastTicket == committedTicket) return;
                upTo = lastTicket;
            } finally {
                lock.unlock();
            }
            RuntimeException error = null;
            try {
                commit.run();
            } catch (RuntimeException e) {
                error = e;
            }
            lock.lock();
            try {
                if (error == null) {
                    committedTicket = upTo;
                    failure = null;
                } else {
                    failure = error;
                }
                committed.signalAll();
            } finally {
                lock.unlock();
            }
            if (error != null) {
                // Back off briefly so a failing disk does not spin; waiters already saw the failure.
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                lock.lock();
                try {
                    failure = null;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Commits what is outstanding, then stops. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            requested.signalAll();
            committed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
