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
        if (present(c.screening(), "screening")) {
            require(notBlank(c.screening().concernsDir()), "screening.concernsDir", "must name the concern library directory");
            if (present(c.screening().contact(), "screening.contact")) {
                String region = c.screening().contact().defaultRegion();
                require(region != null && region.matches("[A-Z]{2}"), "screening.contact.defaultRegion",
                        "must be a two-letter region code such as GB");
            }
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
