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
        Screening screening,
        Sessions sessions,
        Sms sms) {

    /** {@code publicUrl}: where people reach the dashboard (named in alert emails); empty means this host and port. */
    public record Http(String host, int port, String publicUrl) {
        public String dashboardUrl() {
            if (publicUrl != null && !publicUrl.isBlank()) return publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
            String h = host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
            return "http://" + h + ":" + port + "/";
        }
    }

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

    /**
     * Contact-detail screening: the default phone region, signposting numbers (helplines) that are never
     * personal, and domains and addresses that are the programmes' own (the relay domain is always allowed).
     */
    public record Contact(String defaultRegion, List<String> signpostingNumbers, List<String> allowedDomains,
                          List<String> allowedAddresses) {
        public Contact {
            signpostingNumbers = signpostingNumbers == null ? List.of() : List.copyOf(signpostingNumbers);
            allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
            allowedAddresses = allowedAddresses == null ? List.of() : List.copyOf(allowedAddresses);
        }
    }

    /**
     * Mentoring sessions. {@code provider} is the meeting provider for programmes whose policy names
     * none; {@code missingRecordAfterDays} is how long after a session its missing record is listed.
     */
    public record Sessions(String provider, int missingRecordAfterDays, Jitsi jitsi, Zoom zoom) {}

    /**
     * Jitsi Meet with JWT authentication (prosody {@code token} auth): tokens are signed HS256 with
     * {@code appSecret} (empty: a secret generated under the data directory, for a laptop only), issuer
     * {@code appId}, audience {@code audience}, subject {@code subject} (the XMPP domain, or "*").
     * {@code configUrl}: the deployment's config.js, checked by /ready for recording being off.
     */
    public record Jitsi(String domain, String appId, String appSecret, String audience, String subject,
                        int tokenLeadMinutes, String configUrl) {}

    /** Zoom server-to-server OAuth app; {@code apiBase} ends in /v2. Empty {@code accountId}: Zoom is not offered. */
    public record Zoom(String apiBase, String oauthUrl, String accountId, String clientId, String clientSecret,
                       String userId, int timeoutSeconds) {
        public boolean configured() {
            return accountId != null && !accountId.isBlank();
        }
    }

    /**
     * Text messages. {@code relayNumbers}: the deployment's pool of relay numbers (E.164), used by programmes
     * whose policy lists none of their own. {@code publicUrl}: the base URL providers call (Twilio signs it).
     * {@code webhookSecret}: the bearer secret of the provider-neutral JSON webhook (empty: that webhook is off).
     */
    public record Sms(List<String> relayNumbers, String publicUrl, String webhookSecret, Twilio twilio) {
        public Sms {
            relayNumbers = relayNumbers == null ? List.of() : List.copyOf(relayNumbers);
        }

        public boolean jsonWebhookEnabled() {
            return webhookSecret != null && !webhookSecret.isBlank();
        }
    }

    /**
     * Twilio: {@code authToken} verifies {@code X-Twilio-Signature} on the form webhook (empty: that webhook is off);
     * with {@code accountSid} too, outgoing texts go through Twilio's Messages API at {@code apiBase} instead of
     * the embedded file sender.
     */
    public record Twilio(String accountSid, String authToken, String apiBase) {
        public boolean webhookEnabled() {
            return authToken != null && !authToken.isBlank();
        }

        public boolean sends() {
            return webhookEnabled() && accountSid != null && !accountSid.isBlank();
        }
    }

    public Path dataPath() {
        return Path.of(dataDir);
    }
}
