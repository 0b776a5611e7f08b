package org.chaperone.index;

import org.chaperone.demo.DemoSeed;
import org.chaperone.testing.Browser;
import org.chaperone.testing.Demo;
import org.chaperone.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;

import static org.chaperone.index.SearchFixture.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's search screen in headless Chromium: matches marked in place, a link only to review items. */
class SearchScreenBrowserTest {
    static TestGateway gw;
    static SearchFixture f;
    static Browser browser;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        f = new SearchFixture(gw);
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
    void aManagerSearchesAndSeesTheMatchesMarked() {
        String m = SearchFixture.marker();
        f.send(f.alex, f.rubyPairing.getString("id"), "Library", "Ruby, " + m + " <b>the library</b> opens at nine");
        String held = f.heldFromAlex("Ruby " + m + " call me on 07700 900777", "07700 900777", f.ago(Duration.ofMinutes(1)));
        f.awaitCount(f.manager, q(m), 2);

        browser.signIn(Demo.email("manager"), DemoSeed.PASSWORD);
        browser.await(By.cssSelector("#nav a[href='#/search']")).click();
        browser.await(By.id("search-q")).sendKeys(m);
        browser.driver().findElement(By.cssSelector("form[role=search] button")).click();
        browser.awaitText(By.cssSelector("#search-results h2"), "2 messages match");

        List<WebElement> marks = browser.driver().findElements(By.cssSelector("#search-results .conv-text mark"));
        assertEquals(2, marks.size());
        marks.forEach(mark -> assertEquals(m, mark.getText()));
        assertTrue(browser.driver().findElement(By.id("search-results")).getText().contains("<b>the library</b>"),
                "message text is shown as text, never as markup");
        List<WebElement> links = browser.driver().findElements(By.cssSelector("#search-results a[href^='#/items/']"));
        assertEquals(1, links.size(), "only the held message is a review item");
        assertEquals("#/items/" + held, links.getFirst().getDomAttribute("href"));
    }
}
