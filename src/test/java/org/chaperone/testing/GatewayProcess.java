package org.chaperone.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway in its own JVM (org.chaperone.Main, as scripts/run starts it), so a test can kill it
 * with SIGKILL like a crash and start it again on the same data directory and ports.
 */
public final class GatewayProcess implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, String> env;
    private final int httpPort;
    private final int smtpPort;
    private final Path log;
    private Process process;

    public GatewayProcess(Path dataDir, Map<String, String> extraEnv) {
        this.dataDir = dataDir;
        this.httpPort = freePort();
        this.smtpPort = freePort();
        this.env = new HashMap<>(extraEnv);
        env.put("CHAPERONE_DATA_DIR", dataDir.toString());
        env.put("CHAPERONE_HTTP_PORT", String.valueOf(httpPort));
        env.put("CHAPERONE_HTTP_HOST", "127.0.0.1");
        env.put("CHAPERONE_SMTP_PORT", String.valueOf(smtpPort));
        env.put("CHAPERONE_SMTP_HOST", "127.0.0.1");
        env.put("CHAPERONE_AUTH_PASSWORD_HASH_ITERATIONS", "10000");
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-gateway.log");
    }

    public GatewayProcess start() {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.chaperone.Main"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Await.condition("the gateway process to be ready (log: " + log + ")", Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) throw new AssertionError("the gateway process exited: " + tail());
            return ready();
        });
        return this;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed — a crash. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean ready() {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Api api() {
        return new Api("http://127.0.0.1:" + httpPort);
    }

    public int httpPort() {
        return httpPort;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
