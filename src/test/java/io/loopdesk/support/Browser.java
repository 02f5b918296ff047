package io.loopdesk.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.loopdesk.account.AccountService.StartedSession;
import io.loopdesk.web.Authentication;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, one per test JVM. Each test opens its own context
 * (its own cookies), either as a visitor or already signed in as a {@link TestServer.Person}.
 * Screenshots go to {@code target/screenshots/}.
 */
public final class Browser {

    public static final int DESKTOP_WIDTH = 1280;
    public static final int DESKTOP_HEIGHT = 800;
    public static final int PHONE_WIDTH = 390;
    public static final int PHONE_HEIGHT = 844;
    /** A zone other than the server's UTC, so pages must convert times to show them right. */
    public static final String TIME_ZONE = "Europe/Berlin";

    private static Browser instance;

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;
    private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    public static synchronized Browser get() {
        if (instance == null) {
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            com.microsoft.playwright.Browser chromium = playwright.chromium().launch(
                    new BrowserType.LaunchOptions()
                            .setExecutablePath(Paths.get("/usr/bin/chromium"))
                            .setHeadless(true)
                            .setArgs(List.of("--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking", "--disable-component-update",
                                    "--disable-sync", "--no-first-run")));
            instance = new Browser(playwright, chromium);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    /** A fresh browser without a session, at desktop size. */
    public BrowserContext visitor(TestServer server) {
        return context(server, DESKTOP_WIDTH, DESKTOP_HEIGHT);
    }

    /** A fresh browser of the given size without a session. */
    public BrowserContext context(TestServer server, int width, int height) {
        return context(server, width, height, true);
    }

    private BrowserContext context(TestServer server, int width, int height, boolean script) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser
                .NewContextOptions()
                .setBaseURL(server.baseUrl())
                .setViewportSize(width, height)
                .setTimezoneId(TIME_ZONE)
                .setLocale("en-GB")
                .setJavaScriptEnabled(script));
        context.setDefaultTimeout(10_000);
        context.onPage(page -> page.onPageError(
                error -> pageErrors.add(page.url() + ": " + error)));
        return context;
    }

    /** A fresh browser already signed in as {@code person}, at desktop size. */
    public BrowserContext signedIn(TestServer server, TestServer.Person person) {
        return signedIn(server, person, DESKTOP_WIDTH, DESKTOP_HEIGHT);
    }

    public BrowserContext signedIn(TestServer server, TestServer.Person person, int width,
                                   int height) {
        return withSession(context(server, width, height), server, person);
    }

    /** A browser signed in as {@code person} that runs no JavaScript: plain links and forms. */
    public BrowserContext signedInWithoutScript(TestServer server, TestServer.Person person) {
        return withSession(context(server, DESKTOP_WIDTH, DESKTOP_HEIGHT, false), server,
                person);
    }

    private static BrowserContext withSession(BrowserContext context, TestServer server,
                                              TestServer.Person person) {
        StartedSession session = server.app().services().accounts().startSession(person.id());
        context.addCookies(List.of(new Cookie(Authentication.SESSION_COOKIE, session.token())
                .setUrl(server.baseUrl()).setHttpOnly(true).setSameSite(SameSiteAttribute.LAX)));
        return context;
    }

    /** Saves the page as {@code target/screenshots/<name>.png} and returns the file. */
    public static Path screenshot(Page page, String name) {
        Path file = Paths.get("target", "screenshots", name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** Script errors seen on any page since the last call, which then starts afresh. */
    public List<String> takePageErrors() {
        synchronized (pageErrors) {
            List<String> seen = List.copyOf(pageErrors);
            pageErrors.clear();
            return seen;
        }
    }

    private void close() {
        chromium.close();
        playwright.close();
    }
}
