package org.chaperone.ingress.smtp;

import io.vertx.core.net.SelfSignedCertificate;
import jakarta.mail.Session;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Properties;

/** jakarta.mail sessions and TLS trust for tests that drive the engine with a real mail client. */
final class MailClients {
    private MailClients() {}

    static Properties smtpProperties(int port) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.localhost", "client.example");
        p.put("mail.smtp.connectiontimeout", "15000");
        p.put("mail.smtp.timeout", "15000");
        return p;
    }

    static Session session(Properties p) {
        return Session.getInstance(p);
    }

    /** Trusts exactly the test's self-signed certificate, the way a client pinned to it would. */
    static SSLContext trusting(SelfSignedCertificate certificate) {
        try (InputStream pem = Files.newInputStream(Path.of(certificate.certificatePath()))) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("smtp", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("could not trust the test certificate", e);
        }
    }

    /** Line ends as they go over SMTP: jakarta.mail sends every LF as CRLF. */
    static byte[] crlf(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < bytes.length && bytes[i + 1] == '\n') i++;
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
