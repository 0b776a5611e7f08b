package org.chaperone.auth;

import io.vertx.core.json.JsonObject;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Forged, altered and stolen-but-stale tokens are all refused with 401. */
class TokenAttackTest {
    static TestGateway gw;
    static Api api;
    static JsonObject claims;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        api = gw.api();
        String token = Demo.token(api, "mentor.alex");
        claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertEquals(200, api.get("/api/v1/me", token).status());
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String none = b64(new JsonObject().put("alg", "none").put("typ", "JWT").encode()) + "." + b64(claims.encode()) + ".";
        assertEquals(401, api.get("/api/v1/me", none).status());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        SigningKeys other = SigningKeys.generate();
        assertEquals(401, api.get("/api/v1/me", rs256(claims, other.privatePem())).status());
    }

    @Test
    void aChangedRoleOrOrganisationBreaksTheSignature() throws Exception {
        String real = Demo.token(api, "mentor.alex");
        String[] parts = real.split("\\.");
        String asAdmin = parts[0] + "." + b64(claims.copy().put("role", "org_admin").encode()) + "." + parts[2];
        assertEquals(401, api.get("/api/v1/me", asAdmin).status());
        String otherOrg = parts[0] + "." + b64(claims.copy().put("org", "000000000000000000000000").encode()) + "." + parts[2];
        assertEquals(401, api.get("/api/v1/me", otherOrg).status());
    }

    @Test
    void expiredAndNotYetValidTokensAreRefused() throws Exception {
        String key = ownKey();
        long now = System.currentTimeMillis() / 1000;
        assertEquals(200, api.get("/api/v1/me", rs256(claims.copy().put("exp", now + 600), key)).status(),
                "a token we sign ourselves with the gateway's key is accepted: the test signs correctly");
        assertEquals(401, api.get("/api/v1/me", rs256(claims.copy().put("iat", now - 7200).put("exp", now - 3600), key)).status());
        assertEquals(401, api.get("/api/v1/me", rs256(claims.copy().put("nbf", now + 3600).put("exp", now + 7200), key)).status());
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
        String publicPem = Files.readString(gw.dataDir().resolve("keys/jwt-public.pem"));
        String header = b64(new JsonObject().put("alg", "HS256").put("typ", "JWT").encode());
        String body = b64(claims.encode());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(publicPem.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal((header + "." + body).getBytes(StandardCharsets.UTF_8)));
        assertEquals(401, api.get("/api/v1/me", header + "." + body + "." + sig).status());
    }

    @Test
    void aTokenForAnotherAudienceOrIssuerIsRefused() throws Exception {
        String key = ownKey();
        assertEquals(401, api.get("/api/v1/me", rs256(claims.copy().put("aud", "some-other-service"), key)).status());
        assertEquals(401, api.get("/api/v1/me", rs256(claims.copy().put("iss", "https://evil.example"), key)).status());
    }

    private static String ownKey() throws Exception {
        return Files.readString(gw.dataDir().resolve("keys/jwt-private.pem"));
    }

    static String rs256(JsonObject payload, String privatePem) throws Exception {
        String header = b64(new JsonObject().put("alg", "RS256").put("typ", "JWT").encode());
        String body = b64(payload.encode());
        String der = privatePem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(der)));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update((header + "." + body).getBytes(StandardCharsets.UTF_8));
        return header + "." + body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
