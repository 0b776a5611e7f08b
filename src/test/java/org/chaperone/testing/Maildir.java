package org.chaperone.testing;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** Reads what the embedded default delivered into {@code data/outbox/<address>/new}. */
public final class Maildir {
    private final Path root;

    public Maildir(Path dataDir) {
        this.root = dataDir.resolve("outbox");
    }

    public List<byte[]> raw(String address) {
        Path dir = root.resolve(address.toLowerCase()).resolve("new");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            List<byte[]> out = new ArrayList<>();
            for (Path p : files.sorted().toList()) out.add(Files.readAllBytes(p));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<byte[]> await(String address, int count) {
        return Await.until(count + " message(s) for " + address, Duration.ofSeconds(20), () -> {
            List<byte[]> got = raw(address);
            return got.size() >= count ? got : null;
        });
    }

    public static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
