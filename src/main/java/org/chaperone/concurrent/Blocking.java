package org.chaperone.concurrent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs blocking work (the sync MongoDB driver, Lucene, PBKDF2, jakarta.mail) on virtual threads and
 * hands the result back to the calling Vert.x context, so event loops never block and a slow
 * database holds a cheap virtual thread rather than one of a few workers.
 */
public final class Blocking implements AutoCloseable {
    private final Vertx vertx;
    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("chaperone-blocking-", 0).factory());

    public Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Future<T> call(Callable<T> work) {
        Context context = vertx.getOrCreateContext();
        Promise<T> promise = Promise.promise();
        try {
            executor.execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    context.runOnContext(v -> promise.fail(t));
                    return;
                }
                context.runOnContext(v -> promise.complete(result));
            });
        } catch (RejectedExecutionException e) {
            promise.fail(new IllegalStateException("the gateway is shutting down", e));
        }
        return promise.future();
    }

    public Future<Void> run(ThrowingRunnable work) {
        return call(() -> {
            work.run();
            return null;
        });
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
