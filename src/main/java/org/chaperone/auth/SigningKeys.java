package org.chaperone.auth;

import org.chaperone.config.GatewayConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The RSA key pair that signs sign-in tokens (RS256). Production configures PEM files; the embedded
 * defaults generate a pair on first start and keep it under {@code dataDir/keys}. No key ships in the code.
 */
public record SigningKeys(String privatePem, String publicPem) {

    public static SigningKeys load(GatewayConfig.Auth auth, Path dataDir) {
        try {
            if (auth.privateKeyFile() != null && !auth.privateKeyFile().isBlank()) {
                return new SigningKeys(Files.readString(Path.of(auth.privateKeyFile())),
                        Files.readString(Path.of(auth.publicKeyFile())));
            }
            Path dir = dataDir.resolve("keys");
            Path priv = dir.resolve("jwt-private.pem");
            Path pub = dir.resolve("jwt-public.pem");
            if (Files.isRegularFile(priv) && Files.isRegularFile(pub)) {
                return new SigningKeys(Files.readString(priv), Files.readString(pub));
            }
            SigningKeys keys = generate();
            Files.createDirectories(dir);
            Files.writeString(pub, keys.publicPem());
            Files.writeString(priv, keys.privatePem());
            try {
                Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system; the data directory's own permissions protect it.
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token signing keys: " + e.getMessage(), e);
        }
    }

    public static SigningKeys generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            return new SigningKeys(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                    pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JDK", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
