package org.chaperone.gateway;

import io.vertx.core.json.JsonObject;
import org.chaperone.testing.Api;
import org.chaperone.testing.Demo;
import org.chaperone.testing.GatewayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGTERM (what Ctrl-C and service managers send) stops the gateway cleanly: nothing lost, ports free. */
class CleanShutdownTest {

    @Test
    void sigtermStopsCleanlyKeepsWhatWasWrittenAndReleasesThePorts(@TempDir Path dir) throws IOException {
        try (GatewayProcess gateway = new GatewayProcess(dir.resolve("data"), Map.of()).start()) {
            Api api = gateway.api();
            String admin = Demo.token(api, "admin");
            String id = api.post("/api/v1/programmes", admin, new JsonObject().put("name", "Written just before the stop"))
                    .json().getString("id");
            gateway.close();   // SIGTERM, then waits for the exit
            assertTrue(gateway.tail().contains("Chaperone stopped."), gateway.tail());
            try (ServerSocket http = new ServerSocket(gateway.httpPort()); ServerSocket smtp = new ServerSocket(gateway.smtpPort())) {
                assertTrue(http.isBound() && smtp.isBound(), "both ports are free again");
            }
            gateway.start();
            assertEquals("Written just before the stop", gateway.api().get("/api/v1/programmes/" + id,
                    Demo.token(gateway.api(), "admin")).json().getString("name"));
        }
    }
}
