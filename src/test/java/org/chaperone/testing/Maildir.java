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

    /** Waits for a message delivered to {@code address} whose subject or decoded text contains {@code needle}. */
    public MimeMessage awaitContaining(String address, String needle) {
        return Await.until("a message for " + address + " containing '" + needle + "'", Duration.ofSeconds(20), () -> {
            for (byte[] m : raw(address)) {
                MimeMessage parsed = parse(m);
                if (readable(parsed).contains(needle)) return parsed;
            }
            return null;
        });
    }

    /** Whether any message delivered to {@code address} so far has {@code needle} in its subject or text. */
    public boolean anyContaining(String address, String needle) {
        return raw(address).stream().anyMatch(m -> readable(parse(m)).contains(needle));
    }

    /** The subject and every text part, decoded. */
    public static String readable(MimeMessage m) {
        try {
            return m.getSubject() + "\n" + text(m.getContent());
        } catch (jakarta.mail.MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object content) throws jakarta.mail.MessagingException, IOException {
        if (content instanceof String s) return s;
        if (content instanceof jakarta.mail.Multipart mp) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < mp.getCount(); i++) b.append(text(mp.getBodyPart(i).getContent())).append('\n');
            return b.toString();
        }
        return "";
    }

    public static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
