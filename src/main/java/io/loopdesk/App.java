package io.loopdesk;

import io.loopdesk.account.AccountRepository;
import io.loopdesk.account.AccountService;
import io.loopdesk.account.ApiKeyRepository;
import io.loopdesk.account.SessionRepository;
import io.loopdesk.dashboard.Dashboard;
import io.loopdesk.db.Database;
import io.loopdesk.db.Transactions;
import io.loopdesk.jobs.Sweeper;
import io.loopdesk.loop.LoopRepository;
import io.loopdesk.quota.Quota;
import io.loopdesk.quota.QuotaRepository;
import io.loopdesk.request.RequestRepository;
import io.loopdesk.request.RequestRoutes;
import io.loopdesk.request.RequestService;
import io.loopdesk.review.ReviewRoutes;
import io.loopdesk.review.ReviewService;
import io.loopdesk.review.web.HistoryPage;
import io.loopdesk.review.web.ReviewPages;
import io.loopdesk.web.Authentication;
import io.loopdesk.web.ErrorPages;
import io.loopdesk.web.Flash;
import io.loopdesk.web.HealthRoutes;
import io.loopdesk.web.HttpServer;
import io.loopdesk.web.RouteSet;
import io.loopdesk.webhook.AddressGuard;
import io.loopdesk.webhook.Courier;
import io.loopdesk.webhook.DeliveryRepository;
import io.loopdesk.webhook.DeliveryWorker;
import io.loopdesk.webhook.EndpointRepository;
import io.loopdesk.webhook.Outbox;
import io.loopdesk.webhook.WebhookRoutes;
import io.loopdesk.webhook.WebhookSender;
import io.loopdesk.webhook.WebhookService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the database, repositories, services, routes and background
 * jobs by constructor, in dependency order, and stops them in reverse.
 */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Settings settings;
    private final Database database;
    private final HttpServer server;
    private final Sweeper sweeper;
    private final DeliveryWorker deliveryWorker;
    private final Services services;

    private App(Settings settings, Database database, HttpServer server, Sweeper sweeper,
                DeliveryWorker deliveryWorker, Services services) {
        this.settings = settings;
        this.database = database;
        this.server = server;
        this.sweeper = sweeper;
        this.deliveryWorker = deliveryWorker;
        this.services = services;
    }

    /** The services, for the demo seed and for tests that arrange data directly. */
    public record Services(AccountService accounts, RequestService requests, ReviewService reviews,
                           Quota quota, io.loopdesk.loop.LoopService loops,
                           WebhookService webhooks) {
    }

    public static App start(Settings settings, Clock clock) {
        Database database = Database.open(settings);
        try {
            DSLContext dsl = database.dsl();
            Transactions tx = database.transactions();

            var accountRepository = new AccountRepository(dsl);
            var accounts = new AccountService(accountRepository, new ApiKeyRepository(dsl),
                    new SessionRepository(dsl), clock);
            var loopRepository = new LoopRepository(dsl);
            var requestRepository = new RequestRepository(dsl);
            var quota = new Quota(new QuotaRepository(dsl), settings.hourlyQuota(), clock);
            var requests = new RequestService(tx, requestRepository, loopRepository,
                    accountRepository, quota, clock);
            var reviews = new ReviewService(tx, requestRepository, loopRepository, requests,
                    settings.claimLease(), clock);
            var loops = new io.loopdesk.loop.LoopService(tx, loopRepository, accountRepository,
                    requests, reviews, clock, publicBaseUrl(settings));

            var guard = new AddressGuard(settings.allowPrivateWebhooks());
            var endpoints = new EndpointRepository(dsl);
            var deliveries = new DeliveryRepository(dsl);
            requests.addListener(new Outbox(endpoints, deliveries, accountRepository, clock));
            requests.checkCallbackUrlsWith(url -> guard.checkUrl("callback_url", url));
            var courier = new Courier(tx, deliveries, endpoints, accountRepository,
                    new WebhookSender(guard, settings.webhookTimeout()), clock,
                    "process-" + Ids.randomHex(4));
            var webhooks = new WebhookService(tx, endpoints, deliveries, accountRepository,
                    requests, guard, courier, clock);

            List<RouteSet> routes = new ArrayList<>();
            routes.add(new HealthRoutes(database));
            routes.add(new io.loopdesk.account.AccountRoutes(accounts, quota));
            var authentication = new Authentication(accounts);
            var flash = new Flash(dsl, clock);
            var dashboard = new Dashboard(authentication, accounts, requests, loops, quota,
                    webhooks, flash, clock);
            routes.add(new RequestRoutes(requests, dashboard.rows(), dashboard.rows()));
            var reviewPages = new ReviewPages(dashboard.access(), reviews,
                    settings.claimLease(), clock);
            routes.add(new ReviewRoutes(reviews, requests, reviewPages));
            routes.add(new io.loopdesk.loop.LoopRoutes(loops, requests));
            routes.add(new WebhookRoutes(webhooks, dashboard.webhookFragments()));

            routes.add(dashboard);
            routes.add(reviewPages);
            routes.add(new HistoryPage(dashboard.access(), reviews));

            HttpServer server = HttpServer.create(authentication, quota,
                    new ErrorPages(dashboard::errorShell), flash, routes,
                    settings.maxActiveRequests());
            server.start(settings.bindAddress(), settings.port());
            Settings bound = settings.withPort(server.port());
            loops.useBaseUrl(publicBaseUrl(bound));

            Sweeper sweeper = new Sweeper(requests, reviews, settings.sweepInterval());
            sweeper.start();
            var deliveryWorker = new DeliveryWorker(deliveries, courier, clock,
                    settings.webhookPollInterval(), settings.webhookTimeout().plusSeconds(60));
            deliveryWorker.start();
            log.info("loopdesk listening url=http://{}:{} database={}", settings.bindAddress(),
                    server.port(), database.isEmbedded() ? "embedded" : "external");
            return new App(bound, database, server, sweeper, deliveryWorker,
                    new Services(accounts, requests, reviews, quota, loops, webhooks));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return publicBaseUrl(settings);
    }

    public Settings settings() {
        return settings;
    }

    public Services services() {
        return services;
    }

    public Database database() {
        return database;
    }

    /** This process's webhook sender, for tests that stop it or run it step by step. */
    public DeliveryWorker deliveryWorker() {
        return deliveryWorker;
    }

    /** Stops taking requests, lets in-flight ones finish, stops jobs, then closes the pool. */
    @Override
    public void close() {
        server.stop();
        sweeper.close();
        deliveryWorker.close();
        database.close();
        log.info("loopdesk stopped");
    }

    private static String publicBaseUrl(Settings settings) {
        return settings.publicBaseUrl().map(url -> url.replaceAll("/+$", ""))
                .orElse("http://" + ("0.0.0.0".equals(settings.bindAddress()) ? "localhost"
                        : settings.bindAddress()) + ":" + settings.port());
    }
}
