package org.chaperone.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.chaperone.auth.Invitations;
import org.chaperone.auth.PasswordHasher;
import org.chaperone.auth.PasswordPolicy;
import org.chaperone.auth.SignInGuard;
import org.chaperone.auth.TokenService;
import org.chaperone.concurrent.Blocking;
import org.chaperone.registry.Registry;
import org.chaperone.registry.User;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sign-in ({@code POST /auth/token}) and accepting an invitation; both need no token. */
public final class AuthRoutes implements RouteGroup {
    private final Registry registry;
    private final TokenService tokens;
    private final PasswordHasher hasher;
    private final SignInGuard guard;
    private final Invitations invitations;
    private final Blocking blocking;

    public AuthRoutes(Registry registry, TokenService tokens, PasswordHasher hasher, SignInGuard guard,
                      Invitations invitations, Blocking blocking) {
        this.registry = registry;
        this.tokens = tokens;
        this.hasher = hasher;
        this.guard = guard;
        this.invitations = invitations;
        this.blocking = blocking;
    }

    @Override
    public void mount(Router api) {
        api.post("/auth/token").handler(this::signIn);
        api.post("/auth/accept-invitation").handler(this::acceptInvitation);
    }

    /** The signed-in user's own record; mounted behind the token check. */
    public RouteGroup me() {
        return api -> api.get("/me").handler(ctx -> Replies.ok(ctx, Views.user(Me.of(ctx))));
    }

    private void signIn(RoutingContext ctx) {
        Body body = Body.of(ctx, "email", "password", "organisationId");
        String email = body.email("email", true);
        String password = body.text("password", true, 256);
        String organisationId = body.string("organisationId", false, 64);
        body.check();
        String address = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        blocking.call(() -> authenticate(email, password, organisationId, address))
                .onSuccess(user -> Replies.ok(ctx, new JsonObject()
                        .put("token", tokens.issue(user))
                        .put("tokenType", "Bearer")
                        .put("expiresIn", tokens.ttlSeconds())
                        .put("user", Views.user(user))))
                .onFailure(ctx::fail);
    }

    private User authenticate(String email, String password, String organisationId, String address) {
        Optional<Duration> wait = guard.retryAfter(email, address);
        if (wait.isPresent()) {
            long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
            throw new ApiException(429, "too_many_attempts",
                    "Too many failed sign-ins. Try again in " + minutes + " minute" + (minutes == 1 ? "" : "s") + ".", null);
        }
        List<User> candidates = registry.activeUsersByEmail(email);
        if (organisationId != null) {
            candidates = candidates.stream().filter(u -> u.organisationId().equals(organisationId)).toList();
        } else if (candidates.size() > 1) {
            throw ApiException.invalid("organisationId",
                    "this email belongs to accounts in several organisations; give the organisation's id");
        }
        User user = candidates.isEmpty() ? null : candidates.getFirst();
        boolean ok = hasher.verify(password, user == null ? null : user.passwordHash());
        if (!ok) {
            guard.recordFailure(email, address);
            throw new ApiException(401, "sign_in_failed", "The email or password is wrong.", null);
        }
        guard.recordSuccess(email);
        return user;
    }

    private void acceptInvitation(RoutingContext ctx) {
        Body body = Body.of(ctx, "token", "password");
        String token = body.string("token", true, 200);
        String password = body.text("password", true, 256);
        body.check();
        blocking.call(() -> {
                    Invitations.Invitation invitation = invitations.find(token)
                            .orElseThrow(() -> ApiException.invalid("token", "is not a valid, unused invitation"));
                    User user = registry.user(invitation.organisationId(), invitation.userId())
                            .orElseThrow(() -> ApiException.invalid("token", "is not a valid, unused invitation"));
                    PasswordPolicy.check(password, user.email())
                            .ifPresent(reason -> { throw ApiException.invalid("password", reason); });
                    if (!invitations.consume(token)) {
                        throw ApiException.invalid("token", "is not a valid, unused invitation");
                    }
                    User updated = user.withPasswordHash(hasher.hash(password));
                    registry.users.replace(user.organisationId(), user.id(), updated);
                    return updated;
                })
                .onSuccess(user -> Replies.ok(ctx, new JsonObject()
                        .put("token", tokens.issue(user)).put("tokenType", "Bearer")
                        .put("expiresIn", tokens.ttlSeconds()).put("user", Views.user(user))))
                .onFailure(ctx::fail);
    }
}
