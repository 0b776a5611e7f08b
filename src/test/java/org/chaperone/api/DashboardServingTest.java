package org.chaperone.api;

import org.chaperone.testing.Api;
import org.chaperone.testing.TestGateway;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's files are served at / under the security headers, and the API and health routes keep working. */
class DashboardServingTest {
    static TestGateway gw;
    static Api api;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        api = gw.api();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void everyPageAndFileComesWithTheSecurityHeaders() {
        for (String path : List.of("/", "/index.html", "/js/app.js", "/css/dashboard.css", "/health", "/api/v1/me")) {
            Api.Response r = api.get(path, null);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("style-src 'self'") && csp.contains("frame-ancestors 'none'"),
                    path + ": " + csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), path + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
        }
        Api.Response index = api.get("/", null);
        assertEquals(200, index.status());
        assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(api.get("/js/app.js", null).headers().firstValue("Content-Type").orElse("").contains("javascript"),
                "modules need a JavaScript type under nosniff");
        assertTrue(api.get("/css/dashboard.css", null).headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    @Test
    void theApiAndHealthAreUnchangedBehindTheDashboard() {
        assertEquals(200, api.get("/health", null).status());
        Api.Response unknown = api.get("/api/v1/no-such-thing", null);
        assertEquals(401, unknown.status(), "API routes still need a token");
        assertTrue(unknown.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(404, api.get("/no-such-file.js", null).status());
        assertEquals(404, api.get("/../pom.xml", null).status());
    }

    @Test
    void noPageCarriesInlineScriptOrStyle() throws IOException {
        Path webroot = Path.of("src", "main", "resources", "webroot");
        try (Stream<Path> files = Files.walk(webroot)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Document doc = Jsoup.parse(file.toFile());
                assertTrue(doc.select("script:not([src])").isEmpty(), file + " has an inline script");
                assertTrue(doc.select("style, [style]").isEmpty(), file + " has inline style");
                assertTrue(doc.select("*").stream().noneMatch(e -> e.attributes().asList().stream()
                        .anyMatch(a -> a.getKey().startsWith("on"))), file + " has an inline event handler");
            }
        }
        try (Stream<Path> files = Files.walk(webroot)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                String js = Files.readString(file);
                assertFalse(js.contains("innerHTML") || js.contains("outerHTML") || js.contains("insertAdjacentHTML")
                        || js.contains("document.write") || js.contains("eval("), file + " builds markup from strings");
            }
        }
    }
}
