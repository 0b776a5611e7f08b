package org.chaperone.cli;

import org.chaperone.auth.Invitations;
import org.chaperone.auth.PasswordHasher;
import org.chaperone.config.ConfigException;
import org.chaperone.config.ConfigLoader;
import org.chaperone.config.GatewayConfig;
import org.chaperone.registry.OrganisationSetup;
import org.chaperone.registry.Registry;
import org.chaperone.store.EmbeddedMongo;
import org.chaperone.store.MongoStore;
import org.chaperone.store.Schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Operator commands ({@code scripts/admin}). With the embedded database they reach the running
 * gateway's server (its address is in {@code data/mongo.uri}) or, when it is stopped, open the file.
 */
public final class AdminCommand {
    private AdminCommand() {}

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage();
            return;
        }
        Map<String, String> options = options(args);
        try {
            GatewayConfig config = ConfigLoader.load();
            switch (args[0]) {
                case "create-organisation" -> createOrganisation(config, options);
                default -> {
                    System.err.println("Unknown command: " + args[0]);
                    usage();
                    System.exit(2);
                }
            }
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println("Refused: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void createOrganisation(GatewayConfig config, Map<String, String> o) {
        String name = required(o, "name");
        String email = required(o, "admin-email");
        try (MongoStore store = open(config)) {
            Schema.ensure(store);
            Clock clock = Clock.systemUTC();
            OrganisationSetup.Created created = OrganisationSetup.create(new Registry(store),
                    new PasswordHasher(config.auth().passwordHashIterations()),
                    new Invitations(store.collection(Schema.INVITATIONS), clock), clock, name, email,
                    o.get("admin-name"), null);
            store.awaitDurable();
            System.out.println("Created organisation \"" + created.organisation().name() + "\" (id " + created.organisation().id() + ").");
            System.out.println("Its first organisation admin, " + created.admin().email() + ", sets a password with:");
            System.out.println("  curl -X POST <gateway>/api/v1/auth/accept-invitation -H 'Content-Type: application/json' \\");
            System.out.println("    -d '{\"token\":\"" + created.invitationToken() + "\",\"password\":\"<a long passphrase>\"}'");
            System.out.println("The invitation is valid for " + Invitations.VALIDITY.toDays() + " days and works once.");
        }
    }

    /** The running embedded server if there is one, else the configured database. */
    static MongoStore open(GatewayConfig config) {
        if (config.mongo().embedded()) {
            Path uriFile = config.dataPath().resolve(EmbeddedMongo.URI_FILE);
            try {
                if (Files.isRegularFile(uriFile)) {
                    GatewayConfig.Mongo running = new GatewayConfig.Mongo(Files.readString(uriFile).trim(),
                            config.mongo().database(), 1000);
                    MongoStore store = MongoStore.open(running, config.dataPath());
                    try {
                        store.ping();
                        return store;
                    } catch (RuntimeException e) {
                        store.close(); // the gateway is not running: open the file directly
                    }
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read " + uriFile, e);
            }
        }
        return MongoStore.open(config.mongo(), config.dataPath());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String key = args[i].substring(2);
            if (i + 1 >= args.length) throw new IllegalArgumentException("--" + key + " needs a value");
            out.put(key, args[++i]);
        }
        return out;
    }

    private static String required(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("--" + key + " is required");
        return v;
    }

    private static void usage() {
        System.out.println("""
                Usage: scripts/admin <command> [options]
                  create-organisation --name "Name" --admin-email admin@example.org [--admin-name "Full Name"]
                      Creates an organisation and invites its first organisation admin.
                """);
    }
}
