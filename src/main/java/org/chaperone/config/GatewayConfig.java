package org.chaperone.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The gateway's whole configuration: one typed home, loaded by {@link ConfigLoader} from
 * {@code config/gateway.yaml} with {@code CHAPERONE_*} environment overrides, validated at start.
 */
public record GatewayConfig(
        String dataDir,
        Http http,
        Smtp smtp,
        Mongo mongo,
        Relay relay,
        Delivery delivery,
        Auth auth,
        Demo demo,
        Screening screening) {

    public record Http(String host, int port) {}

    public record Smtp(
            String host,
            int port,
            String hostname,
            long maxMessageBytes,
            int maxRecipients,
            int maxLineLength,
            int idleTimeoutSeconds,
            int dataTimeoutSeconds,
            String tlsCertFile,
            String tlsKeyFile,
            int maxConnections,
            int maxConnectionsPerClient) {}

    /** No {@code uri}: the gateway runs the embedded MongoDB-compatible server under the data directory. */
    public record Mongo(String uri, String database, int timeoutMillis) {
        public boolean embedded() {
            return uri == null || uri.isBlank();
        }
    }

    public record Relay(String domain, String displayNameSuffix) {}

    /** No {@code smarthost.host}: delivered mail is written to a Maildir under the data directory. */
    public record Delivery(Smarthost smarthost, int maxAgeHours, int initialRetrySeconds, int maxRetrySeconds,
                           String senderAddress) {}

    public record Smarthost(String host, int port, boolean starttls, String username, String password) {
        public boolean configured() {
            return host != null && !host.isBlank();
        }
    }

    /** No key files: the embedded defaults generate an RSA key pair under the data directory. */
    public record Auth(String privateKeyFile, String publicKeyFile, String issuer, int tokenTtlMinutes,
                       int passwordHashIterations, int maxFailedSignIns, int lockoutMinutes) {}

    public record Demo(boolean seed) {}

    public record Screening(String concernsDir, Contact contact) {}

    public record Contact(String defaultRegion, List<String> signpostingNumbers, List<String> allowedDomains) {}

    public Path dataPath() {
        return Path.of(dataDir);
    }
}
