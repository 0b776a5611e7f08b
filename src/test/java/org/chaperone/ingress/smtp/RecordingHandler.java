package org.chaperone.ingress.smtp;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A stand-in for the gateway's handler: accepts recipients matching a pattern, keeps each message in a
 * list, and answers from another thread (as the real one does after a database write), so replies arrive
 * while later pipelined commands wait.
 */
final class RecordingHandler implements SmtpHandler, AutoCloseable {
    record Stored(Session session, String reversePath, List<String> recipients, byte[] message) {
        String text() {
            return new String(message, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final Pattern accepted;
    private final ExecutorService elsewhere = Executors.newSingleThreadExecutor();
    final List<Stored> stored = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicBoolean failData = new AtomicBoolean();
    /** When set, data() waits for this before storing: lets a test hold a reply back. */
    final AtomicReference<CompletableFuture<Void>> dataGate = new AtomicReference<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    RecordingHandler(String acceptedRecipients) {
        this.accepted = Pattern.compile(acceptedRecipients, Pattern.CASE_INSENSITIVE);
    }

    @Override
    public Future<SmtpReply> mailFrom(Session session, String reversePath) {
        return answer("MAIL " + reversePath, () -> reversePath.startsWith("banned@")
                ? SmtpReply.of(550, "5.7.1", "Sender refused")
                : SmtpReply.OK);
    }

    @Override
    public Future<SmtpReply> rcptTo(Session session, String reversePath, String recipient) {
        return answer("RCPT " + recipient, () -> accepted.matcher(recipient).matches()
                ? SmtpReply.OK
                : SmtpReply.of(550, "5.1.1", "No such relay address"));
    }

    @Override
    public Future<SmtpReply> data(Session session, String reversePath, List<String> recipients, Buffer message) {
        CompletableFuture<Void> gate = dataGate.get();
        return answer("DATA", () -> {
            if (gate != null) gate.join();
            if (failData.get()) throw new IllegalStateException("storage unavailable (test)");
            stored.add(new Stored(session, reversePath, recipients, message.getBytes()));
            return SmtpReply.of(250, "2.0.0", "Stored");
        });
    }

    Stored last() {
        return stored.getLast();
    }

    private Future<SmtpReply> answer(String call, java.util.function.Supplier<SmtpReply> decide) {
        calls.add(call);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Promise<SmtpReply> promise = Promise.promise();
        elsewhere.execute(() -> {
            try {
                SmtpReply reply = decide.get();
                inFlight.decrementAndGet();
                promise.complete(reply);
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                promise.fail(e);
            }
        });
        return promise.future();
    }

    @Override
    public void close() {
        elsewhere.shutdownNow();
    }
}
