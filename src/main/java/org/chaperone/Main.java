package org.chaperone;

import org.chaperone.config.ConfigException;
import org.chaperone.config.ConfigLoader;
import org.chaperone.config.GatewayConfig;
import org.chaperone.demo.DemoSeed;
import org.chaperone.gateway.Gateway;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Starts the gateway ({@code scripts/run}); stops it cleanly on Ctrl-C or SIGTERM. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        GatewayConfig config;
        try {
            config = ConfigLoader.load();
        } catch (ConfigException e) {
            System.err.println("Chaperone cannot start. " + e.getMessage());
            System.exit(2);
            return;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            System.err.println("Chaperone cannot start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            System.out.println("Chaperone stopped.");
            stopped.countDown();
        }, "chaperone-shutdown"));
        System.out.println("Chaperone is running: HTTP on port " + gateway.httpPort() + ", SMTP on port " + gateway.smtpPort()
                + (gateway.store().embedded() ? "; embedded database under " + config.dataPath().toAbsolutePath() : ""));
        if (gateway.seededDemo()) System.out.println(DemoSeed.banner(gateway.httpPort()));
        stopped.await();
    }
}
