package org.chaperone.delivery;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/** The embedded default SMS provider: appends each text as a JSON line to {@code data/sms-outbox.jsonl}. */
public final class SmsFileSender implements SmsSender {
    private final Path file;
    private final Clock clock;

    public SmsFileSender(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public synchronized void send(String from, String to, String body) throws DeliveryException {
        String line = new JsonObject().put("at", clock.instant().toString()).put("from", from).put("to", to)
                .put("body", body).encode() + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw DeliveryException.temporary("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
