package org.chaperone.testing;

import org.chaperone.config.ConfigLoader;
import org.chaperone.config.GatewayConfig;
import org.chaperone.gateway.Gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a real gateway for a test: the shipped config/gateway.yaml, free ports, its own data
 * directory, and a cheaper password hash so sign-in does not dominate test time.
 */
public final class TestGateway implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, String> env;
    private Gateway gateway;
    private Api api;

    private TestGateway(Path dataDir, Map<String, String> env) {
        this.dataDir = dataDir;
        this.env = env;
    }

    public static TestGateway start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, String> env = new HashMap<>();
        private Path dataDir;
        // Midday in the demo programme's zone unless a test sets the time: a run at night must not meet quiet hours.
        private Clock clock = MutableClock.daytime();

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public TestGateway start() {
            try {
                Path dir = dataDir != null ? dataDir : Files.createTempDirectory("chaperone-test-");
                Map<String, String> all = new HashMap<>();
                all.put("CHAPERONE_DATA_DIR", dir.toString());
                all.put("CHAPERONE_HTTP_PORT", "0");
                all.put("CHAPERONE_HTTP_HOST", "127.0.0.1");
                all.put("CHAPERONE_SMTP_PORT", "0");
                all.put("CHAPERONE_SMTP_HOST", "127.0.0.1");
                all.put("CHAPERONE_AUTH_PASSWORD_HASH_ITERATIONS", "10000");
                all.putAll(env);
                TestGateway t = new TestGateway(dir, all);
                t.boot(clock);
                return t;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void boot(Clock clock) {
        GatewayConfig config = ConfigLoader.load(Path.of("config", "gateway.yaml"), env);
        gateway = Gateway.start(config, clock);
        api = new Api("http://127.0.0.1:" + gateway.httpPort());
    }

    /** Stops cleanly and starts again on the same data directory. */
    public TestGateway restart(Clock clock) {
        return restart(clock, () -> {});
    }

    /** Stops cleanly, does {@code whileStopped} (to the data directory, say), and starts again. */
    public TestGateway restart(Clock clock, Runnable whileStopped) {
        gateway.close();
        gateway = null;
        whileStopped.run();
        boot(clock);
        return this;
    }

    public Gateway gateway() {
        return gateway;
    }

    public Api api() {
        return api;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        if (gateway != null) gateway.close();
    }
}
