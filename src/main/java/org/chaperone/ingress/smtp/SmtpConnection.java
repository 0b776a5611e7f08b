package org.chaperone.ingress.smtp;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import org.chaperone.config.GatewayConfig;
import org.chaperone.store.Ids;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One SMTP session (RFC 5321) on its socket's event loop. Input is split into lines and queued; commands run
 * strictly one after another, so a pipelining client gets its replies in order even while the handler is
 * still deciding about an earlier command. Reading pauses when the queue or the unsent replies grow.
 */
final class SmtpConnection {
    private static final Logger LOG = Logger.getLogger(SmtpConnection.class.getName());
    /** Syntax and sequence errors allowed before the connection is closed: scanners and junk stop here. */
    static final int MAX_ERRORS = 10;
    /** Longest wait for a last reply to be written before the socket is closed anyway. */
    private static final long CLOSE_GRACE_MILLIS = 10_000;

    private static final SmtpReply OK = SmtpReply.of(250, "2.0.0", "OK");
    private static final SmtpReply TEMPORARY_FAILURE = SmtpReply.of(451, "4.3.0", "Temporary failure, please retry");

    private enum TlsStage { NONE, FLUSHING, HANDSHAKE }

    /** Sender and recipients of the mail transaction in progress. */
    private static final class Transaction {
        final String sender;
        final List<String> recipients = new ArrayList<>();
        int attempts;

        Transaction(String sender) {
            this.sender = sender;
        }
    }

    private final NetSocket socket;
    private final Context context;
    private final Vertx vertx;
    private final GatewayConfig.Smtp config;
    private final boolean tlsOffered;
    private final SmtpHandler handler;
    private final ProbeGuard probeGuard;
    private final String client;
    private final String id = Ids.hexToken(6);
    private final InetSocketAddress remote;
    private final LineFramer framer;
    private final InputQueue input;
    private boolean busy;
    private boolean finished;
    private boolean shutdownRequested;
    private TlsStage tlsStage = TlsStage.NONE;
    private boolean tls;
    private String heloName;
    private Transaction transaction;
    private DataReader data;
    private int errors;
    private long idleTimer = -1;
    private long dataTimer = -1;
    private Future<Void> lastWrite = Future.succeededFuture();

    SmtpConnection(NetSocket socket, Context context, GatewayConfig.Smtp config, boolean tlsOffered,
                   SmtpHandler handler, ProbeGuard probeGuard, String client) {
        this.socket = socket;
        this.context = context;
        this.vertx = context.owner();
        this.config = config;
        this.tlsOffered = tlsOffered;
        this.handler = handler;
        this.probeGuard = probeGuard;
        this.client = client;
        InetAddress address = ClientAddress.literal(socket.remoteAddress().hostAddress());
        this.remote = address != null
                ? new InetSocketAddress(address, socket.remoteAddress().port())
                : InetSocketAddress.createUnresolved(String.valueOf(socket.remoteAddress().host()), socket.remoteAddress().port());
        this.input = new InputQueue(socket);
        this.framer = new LineFramer(config.maxLineLength(), input::add);
    }

    /** Greets the client; {@code onClose} runs once when the socket closes, for whatever reason. */
    void start(Runnable onClose) {
        socket.handler(this::received);
        socket.exceptionHandler(e -> {
            LOG.fine(() -> "smtp " + id + " " + remoteText() + " socket error: " + e);
            finish();
            socket.close();
        });
        socket.closeHandler(v -> {
            finish();
            LOG.fine(() -> "smtp " + id + " " + remoteText() + " closed");
            onClose.run();
        });
        socket.shutdownHandler(v -> shutdown());
        LOG.fine(() -> "smtp " + id + " " + remoteText() + " connected");
        write(SmtpReply.of(220, null, config.hostname() + " ESMTP ready"));
        armIdleTimer();
    }

    /** Ends the session politely: at once when idle, after the pending reply when the handler is deciding. */
    void shutdown() {
        onContext(() -> {
            if (finished) return;
            shutdownRequested = true;
            if (!busy) closeWith(shuttingDown());
        });
    }

    // ---- input ----

    private void received(Buffer chunk) {
        if (finished) return;
        if (tlsStage == TlsStage.FLUSHING) {
            // Bytes after STARTTLS and before our 220 can only be plaintext meant to pass as encrypted commands.
            LOG.warning(() -> "smtp " + id + " " + remoteText() + " sent data after STARTTLS before its reply; closing");
            finish();
            socket.close();
            return;
        }
        framer.feed(chunk);
        pump();
    }

    /** Runs queued lines until one needs the handler, the replies back up, or the queue is empty. */
    private void pump() {
        while (!busy && !finished && !input.isEmpty()) {
            if (input.repliesBackedUp(this::pump)) {
                // A client that does not read its replies is as idle as one that sends nothing.
                if (idleTimer < 0) armIdleTimer();
                return;
            }
            Line line = input.poll();
            if (data != null) {
                dataLine(line);
            } else {
                command(line);
            }
        }
        if (finished) return;
        input.updateReading();
        if (!busy && data == null && input.isEmpty() && idleTimer < 0) armIdleTimer();
    }

    // ---- commands ----

    private void command(Line line) {
        cancelIdleTimer();
        try {
            if (line.tooLong()) throw new SmtpRefusal(500, "5.5.2", "Line too long");
            SmtpCommand command = SmtpCommand.parse(line.text());
            switch (command.verb()) {
                case "EHLO" -> hello(command, true);
                case "HELO" -> hello(command, false);
                case "MAIL" -> mail(command);
                case "RCPT" -> rcpt(command);
                case "DATA" -> data(command);
                case "RSET" -> rset(command);
                case "NOOP" -> write(OK);
                case "QUIT" -> closeWith(SmtpReply.of(221, "2.0.0", "Bye"));
                case "HELP" -> write(SmtpReply.of(214, "2.0.0", "See RFC 5321"));
                // Give nothing away about which addresses exist.
                case "VRFY" -> write(SmtpReply.of(252, "2.5.2", "Cannot verify; send the message and we will try"));
                case "EXPN" -> throw new SmtpRefusal(502, "5.5.1", "EXPN not available");
                case "STARTTLS" -> startTls(command);
                case "AUTH", "BDAT", "ETRN", "ATRN", "TURN", "SEND", "SOML", "SAML" ->
                        throw new SmtpRefusal(502, "5.5.1", "Command not implemented");
                // A browser or proxy made to talk to the SMTP port (cross-protocol attacks): stop at once.
                case "GET", "POST", "PUT", "HEAD", "CONNECT", "OPTIONS" ->
                        closeWith(SmtpReply.of(221, "2.7.0", "This is an SMTP server; closing"));
                default -> throw new SmtpRefusal(500, "5.5.2", "Command not recognized");
            }
        } catch (SmtpRefusal refusal) {
            refuse(refusal.reply());
        }
    }

    private void hello(SmtpCommand command, boolean extended) throws SmtpRefusal {
        if (!isHeloName(command.argument())) {
            throw new SmtpRefusal(501, "5.5.4", "Syntax: " + command.verb() + " hostname");
        }
        heloName = command.argument();
        transaction = null;
        if (!extended) {
            write(SmtpReply.of(250, null, config.hostname()));
            return;
        }
        List<String> lines = new ArrayList<>(List.of(config.hostname(), "PIPELINING", "SIZE " + config.maxMessageBytes(),
                "8BITMIME", "ENHANCEDSTATUSCODES"));
        if (tlsOffered && !tls) lines.add("STARTTLS");
        write(SmtpReply.of(250, null, String.join("\n", lines)));
    }

    private void mail(SmtpCommand command) throws SmtpRefusal {
        if (heloName == null) throw new SmtpRefusal(503, "5.5.1", "Send EHLO or HELO first");
        if (transaction != null) throw new SmtpRefusal(503, "5.5.1", "Sender already given; send RSET to start again");
        PathArgument path = PathArgument.mailFrom(command.argument());
        MailParameters.check(path.parameters(), config.maxMessageBytes());
        String sender = path.address();
        ask(() -> handler.mailFrom(session(), sender), reply -> {
            if (reply.code() / 100 == 2) transaction = new Transaction(sender);
            respond(reply);
        });
    }

    private void rcpt(SmtpCommand command) throws SmtpRefusal {
        if (transaction == null) throw new SmtpRefusal(503, "5.5.1", "Send MAIL first");
        PathArgument path = PathArgument.rcptTo(command.argument());
        if (!path.parameters().isEmpty()) throw new SmtpRefusal(555, "5.5.4", "RCPT parameters not supported");
        Transaction t = transaction;
        t.attempts++;
        if (t.recipients.size() >= config.maxRecipients()) {
            write(SmtpReply.of(452, "4.5.3", "Too many recipients"));
            return;
        }
        if (probeGuard.blocked(client)) {
            write(SmtpReply.of(450, "4.7.1", "Too many refused recipients from your address; try again later"));
            return;
        }
        String recipient = path.address();
        ask(() -> handler.rcptTo(session(), t.sender, recipient), reply -> {
            if (reply.code() / 100 == 2 && !t.recipients.contains(recipient)) t.recipients.add(recipient);
            if (reply.code() / 100 == 5) probeGuard.refused(client, id);
            respond(reply);
        });
    }

    private void data(SmtpCommand command) throws SmtpRefusal {
        if (command.hasArgument()) throw new SmtpRefusal(501, "5.5.4", "Syntax: DATA");
        if (transaction == null) throw new SmtpRefusal(503, "5.5.1", "Send MAIL first");
        if (transaction.recipients.isEmpty()) {
            if (transaction.attempts == 0) throw new SmtpRefusal(503, "5.5.1", "Send RCPT first");
            write(SmtpReply.of(554, "5.5.1", "No valid recipients"));
            return;
        }
        data = new DataReader(config.maxMessageBytes(), config.maxLineLength());
        write(SmtpReply.of(354, null, "End data with <CR><LF>.<CR><LF>"));
        dataTimer = vertx.setTimer(config.dataTimeoutSeconds() * 1000L, t -> {
            dataTimer = -1;
            timedOut("Timeout during DATA");
        });
    }

    private void dataLine(Line line) {
        if (!data.accept(line)) return;
        cancelDataTimer();
        DataReader message = data;
        Transaction t = transaction;
        data = null;
        transaction = null; // whatever the outcome, the next MAIL starts a new transaction
        SmtpReply refusal = message.refusal();
        if (refusal != null) {
            logMessage(t, message.size(), refusal);
            write(refusal);
            return;
        }
        List<String> recipients = List.copyOf(t.recipients);
        ask(() -> handler.data(session(), t.sender, recipients, message.message()), reply -> {
            logMessage(t, message.size(), reply);
            respond(reply);
        });
    }

    private void rset(SmtpCommand command) throws SmtpRefusal {
        if (command.hasArgument()) throw new SmtpRefusal(501, "5.5.4", "Syntax: RSET");
        transaction = null;
        write(OK);
    }

    private void startTls(SmtpCommand command) throws SmtpRefusal {
        if (!tlsOffered) throw new SmtpRefusal(502, "5.5.1", "STARTTLS not available");
        if (tls) throw new SmtpRefusal(503, "5.5.1", "TLS already active");
        if (command.hasArgument()) throw new SmtpRefusal(501, "5.5.4", "Syntax: STARTTLS");
        if (!input.isEmpty() || framer.holdsPartialLine()) {
            // RFC 3207: the client waits for the 220. Commands sent with STARTTLS would otherwise be
            // read as if they had come over TLS (the CVE-2011-0411 command injection).
            LOG.warning(() -> "smtp " + id + " " + remoteText() + " pipelined commands after STARTTLS; closing");
            closeWith(SmtpReply.of(421, "4.7.0", config.hostname() + " Commands after STARTTLS must wait for its reply; closing"));
            return;
        }
        busy = true;
        tlsStage = TlsStage.FLUSHING;
        armIdleTimer(); // a client that does not read its replies would otherwise hold this for ever
        // Send the 220 only once earlier replies are out: Vert.x then writes it and installs TLS in one step,
        // so no plaintext can be read in between.
        lastWrite.onComplete(flushed -> {
            if (finished) return;
            cancelIdleTimer(); // from here Vert.x's TLS handshake timeout applies
            tlsStage = TlsStage.HANDSHAKE;
            socket.upgradeToSsl(Buffer.buffer("220 2.0.0 Ready to start TLS\r\n")).onComplete(upgraded -> {
                tlsStage = TlsStage.NONE;
                if (finished) return;
                if (upgraded.failed()) {
                    LOG.fine(() -> "smtp " + id + " " + remoteText() + " TLS handshake failed: " + upgraded.cause());
                    finish();
                    socket.close();
                    return;
                }
                // RFC 3207 4.2: everything learnt before TLS is forgotten; the client says EHLO again.
                tls = true;
                heloName = null;
                transaction = null;
                resume();
            });
        });
    }

    // ---- asking the handler ----

    /** Asks the handler and answers when it has decided; later commands wait in the queue meanwhile. */
    private void ask(Supplier<Future<SmtpReply>> question, Consumer<SmtpReply> answer) {
        Future<SmtpReply> future;
        try {
            future = question.get();
        } catch (RuntimeException e) {
            future = Future.failedFuture(e);
        }
        if (future == null) future = Future.failedFuture(new IllegalStateException("handler returned no future"));
        if (future.isComplete()) {
            answer.accept(usable(future)); // the pump loop carries on; no recursion per pipelined command
            return;
        }
        busy = true;
        future.onComplete(result -> onContext(() -> {
            if (finished) return;
            answer.accept(usable(result));
            resume();
        }));
    }

    private void resume() {
        busy = false;
        if (finished) return;
        if (shutdownRequested) {
            closeWith(shuttingDown());
            return;
        }
        pump();
    }

    /** The handler's reply, or 451 when it failed or answered nonsense: never a 250 by accident. */
    private SmtpReply usable(AsyncResult<SmtpReply> result) {
        if (result.succeeded() && result.result() != null) {
            int code = result.result().code();
            if (code >= 200 && code < 600 && code / 100 != 3) return result.result();
        }
        Throwable cause = result.failed() ? result.cause() : new IllegalStateException("handler answered " + result.result());
        LOG.log(Level.WARNING, "smtp " + id + " " + remoteText() + " handler failed; answering 451", cause);
        return TEMPORARY_FAILURE;
    }

    // ---- replies ----

    private void respond(SmtpReply reply) {
        if (reply.code() == 421) {
            closeWith(reply);
        } else {
            write(reply);
        }
    }

    private void refuse(SmtpReply reply) {
        write(reply);
        boolean protocolError = (reply.code() >= 500 && reply.code() <= 504) || reply.code() == 555;
        if (protocolError && ++errors >= MAX_ERRORS) {
            LOG.info(() -> "smtp " + id + " " + remoteText() + " closed after " + errors + " errors");
            closeWith(SmtpReply.of(421, "4.7.0", config.hostname() + " Too many errors; closing connection"));
        }
    }

    private void write(SmtpReply reply) {
        lastWrite = socket.write(Buffer.buffer(ReplyEncoder.encode(reply)));
    }

    private void closeWith(SmtpReply reply) {
        finish();
        write(reply);
        // The last reply goes out before the close, but a client that never reads must not keep the socket.
        long force = vertx.setTimer(Math.min(CLOSE_GRACE_MILLIS, config.idleTimeoutSeconds() * 1000L), t -> abort());
        lastWrite.onComplete(written -> {
            vertx.cancelTimer(force);
            socket.close();
        });
    }

    /**
     * Closes at once, dropping replies not yet sent. Vert.x's close() first waits for pending writes, which
     * a client that never reads can make last for ever, and its public API has no abort. Closing from Vert.x's
     * own handler context goes straight towards the socket, past the handler that would wait.
     */
    private void abort() {
        LOG.fine(() -> "smtp " + id + " " + remoteText() + " does not read its replies; aborting");
        if (socket instanceof NetSocketInternal internal) {
            internal.channelHandlerContext().close();
        } else {
            socket.close();
        }
    }

    private void timedOut(String reason) {
        LOG.fine(() -> "smtp " + id + " " + remoteText() + " " + reason);
        closeWith(SmtpReply.of(421, "4.4.2", config.hostname() + " " + reason + "; closing connection"));
    }

    private SmtpReply shuttingDown() {
        return SmtpReply.of(421, "4.3.2", config.hostname() + " Service shutting down; please try again later");
    }

    // ---- bookkeeping ----

    private void finish() {
        if (finished) return;
        finished = true;
        cancelIdleTimer();
        cancelDataTimer();
        input.discard();
        data = null;
    }

    private void armIdleTimer() {
        cancelIdleTimer();
        // Runs from "ready for a command" until a whole line arrives, so trickling bytes does not extend it.
        idleTimer = vertx.setTimer(config.idleTimeoutSeconds() * 1000L, t -> {
            idleTimer = -1;
            timedOut("Idle timeout");
        });
    }

    private void cancelIdleTimer() {
        if (idleTimer >= 0) vertx.cancelTimer(idleTimer);
        idleTimer = -1;
    }

    private void cancelDataTimer() {
        if (dataTimer >= 0) vertx.cancelTimer(dataTimer);
        dataTimer = -1;
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    private SmtpHandler.Session session() {
        return new SmtpHandler.Session(id, remote, heloName, tls);
    }

    private String remoteText() {
        return remote.getHostString() + ":" + remote.getPort();
    }

    /** One line per message: who connected and the outcome, never addresses or content. */
    private void logMessage(Transaction t, long size, SmtpReply reply) {
        LOG.info(() -> "smtp " + id + " " + remoteText() + (tls ? " tls" : "") + " message recipients="
                + t.recipients.size() + " bytes=" + size + " -> " + reply.code() + " " + reply.enhanced());
    }

    private static boolean isHeloName(String name) {
        if (name.isEmpty() || name.length() > 255) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e) return false;
        }
        return true;
    }
}
