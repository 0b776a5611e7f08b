package org.chaperone.gateway;

import org.chaperone.store.Ids;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This gateway node's lasting name, kept in {@code dataDir/node-id} so a restarted process knows the
 * work its crashed predecessor had claimed (outbox leases) is nobody's any more. Each node has its own
 * data directory (its keys, its Lucene index), so the name is never shared by two live processes.
 */
public final class NodeId {
    static final String FILE = "node-id";

    private NodeId() {}

    public static String of(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file).strip();
                if (!id.isEmpty()) return id;
            }
            Files.createDirectories(dataDir);
            String id = "node-" + Ids.hexToken(8);
            Path tmp = dataDir.resolve(FILE + ".tmp");
            Files.writeString(tmp, id);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the node name in " + file, e);
        }
    }
}
