package org.chaperone.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven by its own chromedriver (never a downloaded one: Selenium
 * Manager is not used because the driver and the browser are both named). {@code scripts/test}
 * installs the packages; without them the browser tests fail saying so.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("The dashboard tests need Debian's chromium and chromium-driver packages "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver). scripts/test installs them; or: apt-get install -y chromium chromium-driver");
        }
        try {
            this.profile = Files.createTempDirectory("chaperone-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = base;
    }

    /** A browser for the gateway at {@code base} (http://127.0.0.1:port). */
    public static Browser open(String base) {
        return new Browser(base);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void go(String pathAndHash) {
        driver.get(base + pathAndHash);
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    public WebElement await(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void awaitText(By by, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Signs out whoever was signed in, then signs in through the form. */
    public void signIn(String email, String password) {
        go("/");
        script("sessionStorage.clear();");
        driver.navigate().refresh();
        await(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
        await(By.id("sign-out"));
    }

    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove the browser profile " + profile + ": " + e.getMessage());
            }
        }
    }
}
