package org.chaperone.ingress.smtp;

import io.vertx.core.net.NetSocket;

import java.util.ArrayDeque;

/**
 * Lines waiting for their turn. Reading from the socket pauses while too much waits or while replies back
 * up unread, so a client that pipelines without end, or never reads, cannot fill the server's memory.
 */
final class InputQueue {
    private static final int PAUSE_ABOVE_BYTES = 64 * 1024;

    private final NetSocket socket;
    private final ArrayDeque<Line> lines = new ArrayDeque<>();
    private int bytes;
    private boolean paused;
    private boolean writeBlocked;
    private boolean discarded;

    InputQueue(NetSocket socket) {
        this.socket = socket;
    }

    void add(Line line) {
        if (discarded) return;
        lines.add(line);
        bytes += line.weight();
        updateReading();
    }

    Line poll() {
        Line line = lines.poll();
        if (line != null) bytes -= line.weight();
        return line;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** True when the socket's replies back up; then reading stops and {@code then} runs once they drain. */
    boolean repliesBackedUp(Runnable then) {
        if (!socket.writeQueueFull()) return false;
        writeBlocked = true;
        updateReading();
        socket.drainHandler(v -> {
            socket.drainHandler(null);
            writeBlocked = false;
            then.run();
        });
        return true;
    }

    /** Pauses above the threshold and resumes below half of it, so reading does not flap. */
    void updateReading() {
        if (discarded) return;
        boolean pause = writeBlocked || bytes > (paused ? PAUSE_ABOVE_BYTES / 2 : PAUSE_ABOVE_BYTES);
        if (pause == paused) return;
        paused = pause;
        if (pause) {
            socket.pause();
        } else {
            socket.resume();
        }
    }

    /** The session is over: forget what waits and accept nothing more. */
    void discard() {
        discarded = true;
        lines.clear();
        bytes = 0;
    }
}
