package org.chaperone.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The review dashboard: static HTML, CSS and JavaScript modules from {@code webroot/} on the class
 * path, served at {@code /} behind the same security headers as the API (no inline script or style is
 * needed, so the Content-Security-Policy stays strict). Mounted after the API, so {@code /api} and
 * {@code /health} keep their own handlers.
 */
public final class Dashboard {
    private Dashboard() {}

    public static void mount(Router root) {
        root.route("/*").handler(StaticHandler.create("webroot")
                .setCachingEnabled(false)
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setIndexPage("index.html")
                .setDefaultContentEncoding("UTF-8"));
    }
}
