package org.chaperone.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded default when no smarthost is configured: each recipient gets a Maildir under
 * {@code dataDir/outbox/<address>/} and each delivered message is one {@code .eml} file in {@code new/},
 * so a newcomer can open exactly what was delivered. Written to {@code tmp/} then renamed (Maildir's
 * rule), so a reader never sees half a file.
 */
public final class MaildirTransport implements MailTransport {
    private static final AtomicLong COUNTER = new AtomicLong();
    private final Path root;

    public MaildirTransport(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    @Override
    public void send(String envelopeFrom, List<String> recipients, byte[] mime) throws DeliveryException {
        for (String r : recipients) {
            String safe = r.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._+-]", "_");
            Path box = root.resolve(safe);
            String name = System.currentTimeMillis() + "." + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet()
                    + ".chaperone.eml";
            try {
                Files.createDirectories(box.resolve("tmp"));
                Files.createDirectories(box.resolve("new"));
                Files.createDirectories(box.resolve("cur"));
                Path tmp = box.resolve("tmp").resolve(name);
                Files.write(tmp, mime);
                Files.move(tmp, box.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw DeliveryException.temporary("could not write to the Maildir " + box + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {}
}
