package org.chaperone.review;

import org.chaperone.demo.DemoSeed;
import org.chaperone.pipeline.Action;
import org.chaperone.testing.Browser;
import org.chaperone.testing.Demo;
import org.chaperone.testing.HeldMessages;
import org.chaperone.testing.Maildir;
import org.chaperone.testing.Tenants;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard in headless Chromium, served by a real gateway, under its real security headers. */
class DashboardBrowserTest {
    static TestGateway gw;
    static ReviewFixture f;
    static Browser browser;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        f = new ReviewFixture(gw);
        browser = Browser.open(gw.api().base());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            gw.close();
        }
    }

    @Test
    void aManagerOpensAHeldMessageReleasesItAndTheDecisionIsInTheRecord() {
        String marker = ReviewFixture.marker();
        String id = f.heldFromAlex(marker, Duration.ofMinutes(40));

        browser.signIn(Demo.email("manager"), DemoSeed.PASSWORD);
        WebElement row = browser.await(By.cssSelector("#queue tr[data-id='" + id + "']"));
        assertTrue(row.getText().contains("Alex Morgan \u2194 Ruby (15)"), row.getText());
        assertFalse(row.getText().contains(marker), "the queue shows no content");
        row.findElement(By.cssSelector("a.open")).click();

        browser.awaitText(By.id("message-text"), marker);
        WebElement match = browser.await(By.cssSelector("mark.match-contact"));
        assertEquals("07700 900123", match.getText());
        browser.screenshot(Path.of("target", "screenshots", "item.png"));
        browser.driver().findElement(By.cssSelector("button[data-decision='release']")).click();
        browser.awaitText(By.id("decision-done"), "Released");

        new Maildir(gw.dataDir()).awaitContaining(Demo.email("mentee.ruby"), marker);

        browser.driver().findElement(By.cssSelector("#nav a[href='#/incidents']")).click();
        WebElement record = browser.waiting().until(d -> d.findElements(By.cssSelector("#incidents tr[data-type='message_released']"))
                .stream().filter(r -> r.getText().contains("Priya Shah")).filter(r -> r.findElements(By.cssSelector("a[href='#/items/" + id + "']")).size() == 1)
                .findFirst().orElse(null));
        assertTrue(record.getText().contains("released the held message from Alex Morgan to Ruby (15)"), record.getText());
    }

    @Test
    void aManagerOfAnotherOrganisationCannotSeeIt() {
        Tenants.Tenant other = Tenants.create(gw.gateway(), gw.api(), "Harbour Mentoring");
        String id = f.heldFromAlex(ReviewFixture.marker(), Duration.ofMinutes(5));

        browser.signIn("manager@harbourmentoring.example", Tenants.PASSWORD);
        browser.waiting().until(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(By.id("queue-empty")),
                ExpectedConditions.visibilityOfElementLocated(By.id("queue"))));
        assertTrue(browser.driver().findElements(By.cssSelector("tr[data-id='" + id + "']")).isEmpty());
        assertFalse(browser.driver().getPageSource().contains("Ruby"));

        browser.go("/#/items/" + id);
        browser.awaitText(By.cssSelector("main h1"), "Not found");
        assertTrue(browser.driver().findElement(By.tagName("main")).getText().contains("was not found in your organisation"));
        assertTrue(browser.driver().findElements(By.id("message-text")).isEmpty());
        assertTrue(other.organisationId() != null);
    }

    @Test
    void aScriptPayloadInAMessageShowsAsTextAndRunsNothing() {
        String subject = "<img src=x onerror=\"document.title='pwned by subject'\">";
        String text = "<script>window.__pwned = 'script'</script> hello <img src=x onerror=\"window.__pwned='onerror'\"> "
                + "<svg onload=\"window.__pwned='svg'\"></svg> call me on 07700 900123";
        String id = HeldMessages.store(gw.gateway(), f.rubyPairing.getString("id"), f.alexId, subject, text,
                f.ago(Duration.ZERO), HeldMessages.phoneNumber(text, "07700 900123"));

        browser.signIn(Demo.email("manager"), DemoSeed.PASSWORD);
        browser.go("/#/items/" + id);
        browser.awaitText(By.id("message-text"), "window.__pwned");

        assertEquals(text, browser.driver().findElement(By.id("message-text")).getText(), "shown exactly as written");
        assertEquals(subject, browser.driver().findElement(By.id("message-subject")).getText());
        assertTrue(browser.driver().findElements(By.cssSelector("main img, main script, main [onerror], main [onload]")).isEmpty(),
                "no element was made from the message");
        assertNull(browser.script("return window.__pwned;"), "nothing from the message ran");
        assertEquals("Chaperone review", browser.driver().getTitle());
        List<WebElement> marks = browser.driver().findElements(By.cssSelector("mark.match-contact"));
        assertEquals("07700 900123", marks.getFirst().getText());
    }

    @Test
    void theQueueChartsAndSearchScreensWorkForTheDsl() {
        f.heldFromAlex(ReviewFixture.marker(), Duration.ofHours(26));
        String m = ReviewFixture.marker();
        String text = "Jo " + m + " sometimes I feel like I want to disappear forever";
        HeldMessages.store(gw.gateway(), f.samPairing.getString("id"), f.samId, "Week 4", text, f.ago(Duration.ofHours(3)),
                HeldMessages.concern(text, "self_harm", "critical", "I want to disappear forever", Action.DELIVER_FLAGGED, true));
        f.flaggedFromSam(ReviewFixture.marker(), "gifts_money", "medium", "I can send you some money", Duration.ofMinutes(50));

        browser.signIn(Demo.email("dsl"), DemoSeed.PASSWORD);
        browser.await(By.cssSelector("#queue tbody tr"));
        browser.await(By.cssSelector(".card .count"));
        assertTrue(Integer.parseInt(browser.driver().findElement(By.cssSelector(".card .count")).getText()) >= 3);
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1250));
        browser.screenshot(Path.of("target", "screenshots", "queue.png"));
        // The README's picture: scripts/screenshots (or -Dchaperone.screenshots=docs) writes it to docs/queue.png.
        String docs = System.getProperty("chaperone.screenshots");
        if (docs != null) browser.screenshot(Path.of(docs, "queue.png"));
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));

        browser.driver().findElement(By.cssSelector("#nav a[href='#/charts']")).click();
        browser.await(By.cssSelector("svg.chart rect.cat"));
        assertEquals(2, browser.driver().findElements(By.cssSelector("#pairings-table tbody tr")).size());
        browser.screenshot(Path.of("target", "screenshots", "charts.png"));

        browser.driver().findElement(By.cssSelector("#nav a[href='#/search']")).click();
        browser.await(By.id("search-q")).sendKeys("money");
        browser.driver().findElement(By.cssSelector("form[role=search] button")).click();
        browser.waiting().until(d -> !d.findElements(By.id("search-unavailable")).isEmpty()
                || !d.findElements(By.cssSelector("#search-results h2, #search-results .empty")).isEmpty());
    }
}
