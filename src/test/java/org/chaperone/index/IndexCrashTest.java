package org.chaperone.index;

import io.vertx.core.json.JsonObject;
import org.chaperone.testing.Api;
import org.chaperone.testing.Await;
import org.chaperone.testing.Demo;
import org.chaperone.testing.GatewayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.chaperone.index.SearchFixture.ids;
import static org.chaperone.index.SearchFixture.q;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A crash (SIGKILL) loses what the index held in memory; at the next start it catches up from MongoDB. */
class IndexCrashTest {
    @Test
    void messagesAcceptedJustBeforeACrashAreSearchableAfterTheRestart(@TempDir Path tmp) {
        Path data = tmp.resolve("data");
        try (GatewayProcess process = new GatewayProcess(data, Map.of()).start()) {
            Api api = process.api();
            String alex = Demo.token(api, "mentor.alex");
            JsonObject pairing = Demo.pairingOf(api, alex);
            String m = SearchFixture.marker();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Api.Response r = api.post("/api/v1/pairings/" + pairing.getString("id") + "/messages", alex,
                        new JsonObject().put("subject", "Week " + i).put("text", "Ruby, " + m + " message " + i));
                assertEquals(202, r.status(), r.toString());
                sent.add(r.json().getString("id"));
            }
            process.kill();   // before the index's next commit: what it held in memory is gone
            process.start();
            String manager = Demo.token(api, "manager");
            List<String> found = Await.until("the accepted messages to be searchable", Duration.ofSeconds(60), () -> {
                Api.Response r = api.get("/api/v1/search?" + q(m), manager);
                return r.status() == 200 && r.items().size() == 5 ? ids(r) : null;
            });
            assertEquals(sent.reversed(), found);
        }
    }

}
