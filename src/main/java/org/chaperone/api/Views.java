package org.chaperone.api;

import io.vertx.core.json.JsonObject;
import org.chaperone.registry.User;

/** What the API shows of stored records; secrets such as password hashes never leave the server. */
public final class Views {
    private Views() {}

    public static JsonObject user(User u) {
        JsonObject json = Replies.toJson(u);
        json.remove("passwordHash");
        json.put("hasPassword", u.passwordHash() != null);
        return json;
    }
}
