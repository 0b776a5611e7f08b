package org.chaperone.auth;

import io.vertx.core.json.JsonObject;
import org.chaperone.demo.DemoSeed;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password guessing is slowed per account and per address; weak passwords are refused with the reason. */
class SignInLimitsTest {

    @Test
    void guessingAcrossManyAccountsFromOneAddressLocksTheAddress() {
        try (TestGateway gw = TestGateway.start()) {
            Api api = gw.api();
            // Four wrong guesses on each of five accounts: under each account's limit of five, twenty from one address.
            List<String> accounts = List.of("admin", "manager", "dsl", "school", "mentor.alex");
            for (String a : accounts) {
                for (int i = 0; i < 4; i++) assertEquals(401, signIn(api, Demo.email(a), "wrong-guess-" + i).status());
            }
            Api.Response locked = signIn(api, Demo.email("mentee.sam"), DemoSeed.PASSWORD);
            assertEquals(429, locked.status(), "the right password of an untouched account, from the guessing address: " + locked);
            assertEquals("too_many_attempts", locked.json().getString("error"));
            assertTrue(locked.json().getString("message").contains("Try again in"), locked.body());
        }
    }

    @Test
    void anAccountIsLockedAfterFiveWrongPasswordsEvenForTheRightOne() {
        try (TestGateway gw = TestGateway.start()) {
            Api api = gw.api();
            for (int i = 0; i < 5; i++) assertEquals(401, signIn(api, Demo.email("manager"), "not-it-" + i).status());
            assertEquals(429, signIn(api, Demo.email("manager"), DemoSeed.PASSWORD).status());
            assertEquals(200, signIn(api, Demo.email("dsl"), DemoSeed.PASSWORD).status(), "other accounts still sign in");
        }
    }

    @Test
    void weakPasswordsAreRefusedThroughTheApi() {
        try (TestGateway gw = TestGateway.start()) {
            Api api = gw.api();
            String admin = Demo.token(api, "admin");
            int n = 0;
            for (String weak : List.of("short", "password1234", "aaaaaaaaaaaaaaaa", "111111222222", "newperson@example.org", "chaperone123")) {
                String email = "newperson" + (n++) + "@example.org";
                Api.Response r = api.post("/api/v1/users", admin, new JsonObject().put("email", email).put("name", "New Person")
                        .put("role", "mentor").put("password", weak.replace("newperson@", "newperson" + (n - 1) + "@")));
                assertEquals(400, r.status(), weak + " -> " + r);
                assertNotNull(r.reasonFor("password"), weak + " -> " + r);
            }
            Api.Response strong = api.post("/api/v1/users", admin, new JsonObject().put("email", "strong@example.org")
                    .put("name", "Strong Person").put("role", "mentor").put("password", "violet-harbour-lantern-42"));
            assertEquals(201, strong.status(), strong.toString());
        }
    }

    private static Api.Response signIn(Api api, String email, String password) {
        return api.post("/api/v1/auth/token", null, new JsonObject().put("email", email).put("password", password));
    }
}
