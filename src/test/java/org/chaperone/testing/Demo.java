package org.chaperone.testing;

import io.vertx.core.json.JsonObject;
import org.chaperone.demo.DemoSeed;

/** The seeded demo organisation's accounts, signed in through the API. */
public final class Demo {
    private Demo() {}

    public static String email(String local) {
        return local + "@" + DemoSeed.DOMAIN;
    }

    public static String token(Api api, String local) {
        return api.signIn(email(local), DemoSeed.PASSWORD);
    }

    /** The first pairing the given demo participant sees. */
    public static JsonObject pairingOf(Api api, String token) {
        return api.get("/api/v1/pairings", token).items().getJsonObject(0);
    }
}
