package org.chaperone.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks the values a start would trip over later, naming each key and what is wrong. */
final class ConfigValidator {
    private static final Pattern HOSTNAME =
            Pattern.compile("(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final Map<String, String> sources;
    private final List<String> problems;

    private ConfigValidator(Map<String, String> sources, List<String> problems) {
        this.sources = sources;
        this.problems = problems;
    }

    static void validate(GatewayConfig c, Map<String, String> sources, List<String> problems) {
        new ConfigValidator(sources, problems).check(c);
    }

    private void check(GatewayConfig c) {
        require(c.dataDir() != null && !c.dataDir().isBlank(), "dataDir", "must name a directory");
        if (present(c.http(), "http")) {
            port("http.port", c.http().port());
            require(notBlank(c.http().host()), "http.host", "must be an address to listen on, such as 0.0.0.0");
            String url = c.http().publicUrl();
            require(!notBlank(url) || url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?"), "http.publicUrl",
                    "must be the dashboard's address, such as https://chaperone.example.org/, or empty");
        }
        if (present(c.smtp(), "smtp")) {
            var s = c.smtp();
            port("smtp.port", s.port());
            require(notBlank(s.host()), "smtp.host", "must be an address to listen on, such as 0.0.0.0");
            require(notBlank(s.hostname()) && HOSTNAME.matcher(s.hostname()).matches(), "smtp.hostname",
                    "must be the host name the SMTP server announces, such as mx.example.org");
            require(s.maxMessageBytes() >= 1024, "smtp.maxMessageBytes", "must be at least 1024 bytes");
            require(s.maxRecipients() >= 1 && s.maxRecipients() <= 1000, "smtp.maxRecipients", "must be between 1 and 1000");
            require(s.maxLineLength() >= 1000, "smtp.maxLineLength", "must be at least 1000 (RFC 5321)");
            require(s.idleTimeoutSeconds() > 0, "smtp.idleTimeoutSeconds", "must be more than 0");
            require(s.dataTimeoutSeconds() > 0, "smtp.dataTimeoutSeconds", "must be more than 0");
            require(s.maxConnections() >= 1 && s.maxConnections() <= 100_000, "smtp.maxConnections",
                    "must be between 1 and 100000");
            require(s.maxConnectionsPerClient() >= 1 && s.maxConnectionsPerClient() <= s.maxConnections(),
                    "smtp.maxConnectionsPerClient", "must be between 1 and smtp.maxConnections");
            boolean cert = notBlank(s.tlsCertFile());
            boolean key = notBlank(s.tlsKeyFile());
            require(cert == key, cert ? "smtp.tlsKeyFile" : "smtp.tlsCertFile",
                    "STARTTLS needs both smtp.tlsCertFile and smtp.tlsKeyFile");
            if (cert) readable("smtp.tlsCertFile", s.tlsCertFile());
            if (key) readable("smtp.tlsKeyFile", s.tlsKeyFile());
        }
        if (present(c.mongo(), "mongo")) {
            var m = c.mongo();
            if (!m.embedded()) {
                require(m.uri().startsWith("mongodb://") || m.uri().startsWith("mongodb+srv://"), "mongo.uri",
                        "must start with mongodb:// or mongodb+srv://, or be empty for the embedded server");
            }
            require(notBlank(m.database()) && m.database().matches("[A-Za-z0-9_-]{1,63}"), "mongo.database",
                    "must be 1 to 63 letters, digits, '_' or '-'");
            require(m.timeoutMillis() >= 100, "mongo.timeoutMillis", "must be at least 100");
        }
        if (present(c.relay(), "relay")) {
            require(notBlank(c.relay().domain()) && HOSTNAME.matcher(c.relay().domain()).matches()
                    && c.relay().domain().contains("."), "relay.domain", "must be a mail domain such as relay.example.org");
        }
        if (present(c.delivery(), "delivery")) {
            var d = c.delivery();
            if (present(d.smarthost(), "delivery.smarthost") && d.smarthost().configured()) {
                port("delivery.smarthost.port", d.smarthost().port());
                require(d.smarthost().port() != 0, "delivery.smarthost.port", "must be the smarthost's port");
            }
            require(d.maxAgeHours() >= 1, "delivery.maxAgeHours", "must be at least 1");
            require(d.initialRetrySeconds() >= 1, "delivery.initialRetrySeconds", "must be at least 1");
            require(d.maxRetrySeconds() >= d.initialRetrySeconds(), "delivery.maxRetrySeconds",
                    "must be at least delivery.initialRetrySeconds");
            require(notBlank(d.senderAddress()) && d.senderAddress().contains("@"), "delivery.senderAddress",
                    "must be the address notices come from, such as chaperone@relay.example.org");
        }
        if (present(c.auth(), "auth")) {
            var a = c.auth();
            boolean priv = notBlank(a.privateKeyFile());
            boolean pub = notBlank(a.publicKeyFile());
            require(priv == pub, priv ? "auth.publicKeyFile" : "auth.privateKeyFile",
                    "give both auth.privateKeyFile and auth.publicKeyFile, or neither to generate a key under the data directory");
            if (priv) readable("auth.privateKeyFile", a.privateKeyFile());
            if (pub) readable("auth.publicKeyFile", a.publicKeyFile());
            require(notBlank(a.issuer()), "auth.issuer", "must not be empty");
            require(a.tokenTtlMinutes() >= 1 && a.tokenTtlMinutes() <= 24 * 60, "auth.tokenTtlMinutes",
                    "must be between 1 and 1440");
            require(a.passwordHashIterations() >= 10_000, "auth.passwordHashIterations", "must be at least 10000");
            require(a.maxFailedSignIns() >= 1, "auth.maxFailedSignIns", "must be at least 1");
            require(a.lockoutMinutes() >= 1, "auth.lockoutMinutes", "must be at least 1");
        }
        present(c.demo(), "demo");
        if (present(c.sms(), "sms")) checkSms(c.sms());
        if (present(c.screening(), "screening")) {
            require(notBlank(c.screening().concernsDir()), "screening.concernsDir", "must name the concern library directory");
            if (present(c.screening().contact(), "screening.contact")) {
                String region = c.screening().contact().defaultRegion();
                require(region != null && region.matches("[A-Z]{2}"), "screening.contact.defaultRegion",
                        "must be a two-letter region code such as GB");
            }
        }
        if (present(c.sessions(), "sessions")) checkSessions(c.sessions());
    }

    private void checkSessions(GatewayConfig.Sessions s) {
        require("jitsi".equals(s.provider()) || "zoom".equals(s.provider()), "sessions.provider", "must be jitsi or zoom");
        require(s.missingRecordAfterDays() >= 1 && s.missingRecordAfterDays() <= 60, "sessions.missingRecordAfterDays",
                "must be between 1 and 60");
        if (present(s.jitsi(), "sessions.jitsi")) {
            var j = s.jitsi();
            require(notBlank(j.domain()) && HOSTNAME.matcher(j.domain()).matches(), "sessions.jitsi.domain",
                    "must be the Jitsi Meet host name, such as meet.example.org");
            require(notBlank(j.appId()), "sessions.jitsi.appId", "must be the app_id of the deployment's token authentication");
            require(j.appSecret() == null || j.appSecret().isEmpty() || j.appSecret().length() >= 32, "sessions.jitsi.appSecret",
                    "must be at least 32 characters, or empty to generate one for a laptop");
            require(notBlank(j.audience()), "sessions.jitsi.audience", "must not be empty");
            require(notBlank(j.subject()), "sessions.jitsi.subject", "must be the XMPP domain or *");
            require(j.tokenLeadMinutes() >= 0 && j.tokenLeadMinutes() <= 120, "sessions.jitsi.tokenLeadMinutes",
                    "must be between 0 and 120");
            require(!notBlank(j.configUrl()) || j.configUrl().startsWith("https://") || j.configUrl().startsWith("http://"),
                    "sessions.jitsi.configUrl", "must be an http(s) address of the deployment's config.js, or empty");
        }
        if (present(s.zoom(), "sessions.zoom")) {
            var z = s.zoom();
            if (z.configured()) {
                require(notBlank(z.apiBase()) && z.apiBase().matches("https?://.+"), "sessions.zoom.apiBase", "must be an http(s) address");
                require(notBlank(z.oauthUrl()) && z.oauthUrl().matches("https?://.+"), "sessions.zoom.oauthUrl", "must be an http(s) address");
                require(notBlank(z.clientId()), "sessions.zoom.clientId", "is required when sessions.zoom.accountId is set");
                require(notBlank(z.clientSecret()), "sessions.zoom.clientSecret", "is required when sessions.zoom.accountId is set");
                require(notBlank(z.userId()), "sessions.zoom.userId", "must name the Zoom user who hosts, or me");
            }
            require(z.timeoutSeconds() >= 1 && z.timeoutSeconds() <= 120, "sessions.zoom.timeoutSeconds", "must be between 1 and 120");
            require(!"zoom".equals(s.provider()) || z.configured(), "sessions.provider",
                    "is zoom, but sessions.zoom.accountId is empty");
        }
    }

    private void checkSms(GatewayConfig.Sms s) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < s.relayNumbers().size(); i++) {
            String n = s.relayNumbers().get(i);
            require(E164.matcher(n).matches() && org.chaperone.registry.PhoneNumbers.isE164(n), "sms.relayNumbers[" + i + "]",
                    "'" + n + "' must be a phone number written in E.164 form, such as +447700900100");
            require(seen.add(n), "sms.relayNumbers[" + i + "]", n + " is listed twice");
        }
        boolean url = notBlank(s.publicUrl());
        if (url) {
            require(s.publicUrl().matches("https?://[^/?#\\s]+(/[^?#\\s]*)?") && !s.publicUrl().endsWith("/"), "sms.publicUrl",
                    "must be the public base URL providers call, such as https://chaperone.example.org (no query, no trailing '/')");
        }
        if (s.jsonWebhookEnabled()) {
            require(s.webhookSecret().length() >= 24, "sms.webhookSecret",
                    "must be at least 24 characters (a random secret shared with the SMS provider), or empty to turn the JSON webhook off");
        }
        if (present(s.twilio(), "sms.twilio")) {
            var t = s.twilio();
            if (t.webhookEnabled()) {
                require(t.authToken().length() >= 16, "sms.twilio.authToken", "must be the account's auth token (at least 16 characters)");
                require(url, "sms.publicUrl", "is needed with sms.twilio.authToken: Twilio signs the URL it calls");
            }
            boolean sid = notBlank(t.accountSid());
            if (sid) {
                require(t.accountSid().matches("AC[0-9a-fA-F]{32}"), "sms.twilio.accountSid", "must be a Twilio account SID: AC and 32 hex digits");
                require(t.webhookEnabled(), "sms.twilio.authToken", "is needed with sms.twilio.accountSid to send texts through Twilio");
            }
            require(notBlank(t.apiBase()) && t.apiBase().matches("https?://[^?#\\s]+") && !t.apiBase().endsWith("/"),
                    "sms.twilio.apiBase", "must be Twilio's API base URL, such as https://api.twilio.com");
        }
    }

    private boolean present(Object section, String key) {
        require(section != null, key, "section is missing");
        return section != null;
    }

    private void port(String key, int port) {
        require(port >= 0 && port <= 65535, key, "must be a port number between 1 and 65535 (0 picks a free port), got " + port);
    }

    private void readable(String key, String file) {
        require(Files.isReadable(Path.of(file)), key, "file " + file + " cannot be read");
    }

    private void require(boolean ok, String key, String reason) {
        if (!ok) {
            String from = sources.containsKey(key) ? " (from " + sources.get(key) + ")" : "";
            problems.add(key + from + ": " + reason);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
