package org.chaperone.testing;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;

/** The demo organisation's people signed in, and its two pairings (Alex with Ruby, Jo with Sam): a base for fixtures. */
public class DemoPeople {
    public final TestGateway gw;
    public final String manager, dsl, admin, school, alex, jo, ruby, sam;
    public final JsonObject rubyPairing, samPairing;
    public final String alexId, rubyId, joId, samId;

    protected DemoPeople(TestGateway gw) {
        this.gw = gw;
        Api api = gw.api();
        manager = Demo.token(api, "manager");
        dsl = Demo.token(api, "dsl");
        admin = Demo.token(api, "admin");
        school = Demo.token(api, "school");
        alex = Demo.token(api, "mentor.alex");
        jo = Demo.token(api, "mentor.jo");
        ruby = Demo.token(api, "mentee.ruby");
        sam = Demo.token(api, "mentee.sam");
        rubyPairing = Demo.pairingOf(api, alex);
        samPairing = Demo.pairingOf(api, jo);
        alexId = rubyPairing.getString("mentorId");
        rubyId = rubyPairing.getString("menteeId");
        joId = samPairing.getString("mentorId");
        samId = samPairing.getString("menteeId");
    }

    /** The gateway's API client (a new one after the gateway restarts). */
    public Api api() {
        return gw.api();
    }

    /** A moment {@code d} before the gateway's clock says it is now. */
    public Instant ago(Duration d) {
        return gw.gateway().clock().instant().minus(d);
    }
}
