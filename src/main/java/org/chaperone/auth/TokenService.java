package org.chaperone.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import org.chaperone.config.GatewayConfig;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;

import java.util.List;

/**
 * Signs and verifies sign-in tokens: RS256 only, with issuer, audience and expiry checked. Tokens
 * with {@code alg: none}, an HMAC algorithm, another key or a changed claim fail signature checks.
 */
public final class TokenService {
    public static final String AUDIENCE = "chaperone-api";
    public static final String CLAIM_ROLE = "role";
    public static final String CLAIM_ORGANISATION = "org";

    private final JWTAuth jwt;
    private final GatewayConfig.Auth config;

    public TokenService(Vertx vertx, SigningKeys keys, GatewayConfig.Auth config) {
        this.config = config;
        JWTAuthOptions options = new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(keys.privatePem()))
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(keys.publicPem()))
                .setJWTOptions(new JWTOptions()
                        .setAlgorithm("RS256")
                        .setIssuer(config.issuer())
                        .setAudience(List.of(AUDIENCE))
                        .setLeeway(5));
        this.jwt = JWTAuth.create(vertx, options);
    }

    public String issue(User user) {
        JsonObject claims = new JsonObject()
                .put(CLAIM_ROLE, user.role().wireName())
                .put(CLAIM_ORGANISATION, user.organisationId());
        return jwt.generateToken(claims, new JWTOptions()
                .setAlgorithm("RS256")
                .setSubject(user.id())
                .setIssuer(config.issuer())
                .setAudience(List.of(AUDIENCE))
                .setExpiresInMinutes(config.tokenTtlMinutes()));
    }

    public int ttlSeconds() {
        return config.tokenTtlMinutes() * 60;
    }

    public JWTAuthHandler handler() {
        return JWTAuthHandler.create(jwt);
    }

    /** The verified caller of a request that passed {@link #handler()}. */
    public static Caller caller(RoutingContext ctx) {
        JsonObject p = ctx.user().principal();
        return new Caller(p.getString("sub"), p.getString(CLAIM_ORGANISATION), Role.fromWire(p.getString(CLAIM_ROLE)));
    }
}
