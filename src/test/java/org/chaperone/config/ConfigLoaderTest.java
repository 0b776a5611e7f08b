package org.chaperone.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private static final Path SHIPPED = Path.of("config", "gateway.yaml");

    @Test
    void shippedDefaultsAreALaptopSetup() {
        GatewayConfig c = ConfigLoader.load(SHIPPED, Map.of());
        assertEquals(8080, c.http().port());
        assertEquals(2525, c.smtp().port());
        assertEquals("data", c.dataDir());
        assertTrue(c.mongo().embedded(), "no URI means the embedded server");
        assertFalse(c.delivery().smarthost().configured(), "no smarthost means the Maildir outbox");
        assertEquals("GB", c.screening().contact().defaultRegion());
        assertEquals(500, c.smtp().maxConnections());
        assertEquals(50, c.smtp().maxConnectionsPerClient());
    }

    @Test
    void smtpConnectionCapsMustFitTogether() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(SHIPPED, Map.of(
                "CHAPERONE_SMTP_MAX_CONNECTIONS", "10",
                "CHAPERONE_SMTP_MAX_CONNECTIONS_PER_CLIENT", "20")));
        assertEquals("smtp.maxConnectionsPerClient (from CHAPERONE_SMTP_MAX_CONNECTIONS_PER_CLIENT): "
                + "must be between 1 and smtp.maxConnections", e.problems().getFirst());
    }

    @Test
    void environmentOverridesEveryNamedKey() {
        GatewayConfig c = ConfigLoader.load(SHIPPED, Map.of(
                "CHAPERONE_HTTP_PORT", "9090",
                "CHAPERONE_SMTP_PORT", "2626",
                "CHAPERONE_DATA_DIR", "/var/tmp/x",
                "CHAPERONE_MONGO_URI", "mongodb://db1:27017,db2:27017/?replicaSet=rs0",
                "CHAPERONE_SMTP_MAX_MESSAGE_BYTES", "2048",
                "CHAPERONE_SCREENING_CONTACT_SIGNPOSTING_NUMBERS", "0800 1111, 116 123"));
        assertEquals(9090, c.http().port());
        assertEquals(2626, c.smtp().port());
        assertEquals("/var/tmp/x", c.dataDir());
        assertFalse(c.mongo().embedded());
        assertEquals(2048, c.smtp().maxMessageBytes());
        assertEquals(java.util.List.of("0800 1111", "116 123"), c.screening().contact().signpostingNumbers());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKeyAndTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(SHIPPED, Map.of("CHAPERONE_HTTP_PORT", "eighty")));
        assertEquals("http.port (from CHAPERONE_HTTP_PORT): 'eighty' is not a whole number", e.problems().getFirst());
    }

    @Test
    void outOfRangeAndMalformedValuesAreAllReported() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(SHIPPED, Map.of(
                "CHAPERONE_SMTP_PORT", "70000",
                "CHAPERONE_MONGO_URI", "postgres://nope",
                "CHAPERONE_RELAY_DOMAIN", "not a domain")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("smtp.port (from CHAPERONE_SMTP_PORT): must be a port number"), all);
        assertTrue(all.contains("mongo.uri (from CHAPERONE_MONGO_URI): must start with mongodb://"), all);
        assertTrue(all.contains("relay.domain (from CHAPERONE_RELAY_DOMAIN): must be a mail domain"), all);
    }

    @Test
    void anOverlayFileChangesOnlyWhatItNamesAndRefusesUnknownKeys(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("prod.yaml");
        Files.writeString(good, "relay:\n  domain: relay.example.org\nmongo:\n  uri: mongodb://a:27017\n");
        GatewayConfig c = ConfigLoader.load(SHIPPED, Map.of("CHAPERONE_CONFIG", good.toString()));
        assertEquals("relay.example.org", c.relay().domain());
        assertEquals(8080, c.http().port());

        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "smtp:\n  prot: 25\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(SHIPPED, Map.of("CHAPERONE_CONFIG", typo.toString())));
        assertEquals("smtp.prot: unknown key", e.problems().getFirst());
    }

    @Test
    void theProductionExampleIsValidApartFromItsKeyFiles() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(SHIPPED,
                Map.of("CHAPERONE_CONFIG", "config/production.example.yaml")));
        // Only the files that exist on a real server are missing here.
        for (String p : e.problems()) {
            assertTrue(p.contains("cannot be read"), "unexpected problem: " + p);
        }
    }

    @Test
    void aMissingOrBrokenFileSaysSo(@TempDir Path dir) throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("none.yaml"), Map.of()));
        assertTrue(missing.getMessage().contains("does not exist"));
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "http: [unclosed\n");
        ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.load(broken, Map.of()));
        assertTrue(bad.getMessage().contains("not valid YAML"), bad.getMessage());
    }

    @Test
    void environmentNamesFollowTheKeyPath() {
        assertEquals("CHAPERONE_SMTP_MAX_MESSAGE_BYTES", ConfigLoader.environmentName("smtp.maxMessageBytes"));
        assertEquals("CHAPERONE_DATA_DIR", ConfigLoader.environmentName("dataDir"));
    }

    @Test
    void sessionSettingsAreCheckedByName() {
        GatewayConfig c = ConfigLoader.load(SHIPPED, Map.of("CHAPERONE_SESSIONS_JITSI_APP_SECRET", "x".repeat(40)));
        assertEquals("jitsi", c.sessions().provider());
        assertEquals("x".repeat(40), c.sessions().jitsi().appSecret());
        assertFalse(c.sessions().zoom().configured(), "Zoom is offered only with an account");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(SHIPPED, Map.of(
                "CHAPERONE_SESSIONS_PROVIDER", "zoom",
                "CHAPERONE_SESSIONS_JITSI_APP_SECRET", "short")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("sessions.provider (from CHAPERONE_SESSIONS_PROVIDER): is zoom, but sessions.zoom.accountId is empty"), all);
        assertTrue(all.contains("sessions.jitsi.appSecret (from CHAPERONE_SESSIONS_JITSI_APP_SECRET): must be at least 32 characters"), all);
    }
}
