package org.chaperone.api;

import io.vertx.ext.web.RoutingContext;
import org.chaperone.registry.Role;
import org.chaperone.registry.User;

import java.util.Arrays;

/** The signed-in user of a request, loaded once per request by {@link ApiRouter}. */
public final class Me {
    static final String KEY = "chaperone.me";

    private Me() {}

    public static User of(RoutingContext ctx) {
        User user = ctx.get(KEY);
        if (user == null) throw new ApiException(401, "unauthorized", "A valid bearer token is required.", null);
        return user;
    }

    /** The caller, who must have one of {@code roles}; 403 otherwise. */
    public static User require(RoutingContext ctx, Role... roles) {
        User me = of(ctx);
        if (Arrays.asList(roles).contains(me.role())) return me;
        throw ApiException.forbidden("This needs one of the roles "
                + String.join(", ", Arrays.stream(roles).map(Role::wireName).toList())
                + "; you are signed in as " + me.role().wireName() + ".");
    }
}
