package io.loopdesk.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.account.AccountService;
import io.loopdesk.quota.Quota;
import io.loopdesk.quota.QuotaRepository.HourlyUse;
import io.loopdesk.web.Caller;
import io.loopdesk.web.RouteSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** This hour's quota use per key, and requests created per hour over the last day. */
final class UsagePage implements RouteSet {

    private static final int HOURS = 24;

    private final PageAccess access;
    private final AccountService accounts;
    private final Quota quota;
    private final Clock clock;

    UsagePage(PageAccess access, AccountService accounts, Quota quota, Clock clock) {
        this.access = access;
        this.accounts = accounts;
        this.quota = quota;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/usage", this::show);
    }

    private void show(Context ctx) {
        Caller caller = access.require(ctx);
        List<Usage.KeyUse> keys = accounts.listKeys(caller.accountId()).stream()
                .filter(key -> !key.isRevoked())
                .map(key -> new Usage.KeyUse(key.name(), key.prefix(), quota.stateOf(key)))
                .toList();
        Instant thisHour = Quota.hourOf(clock.instant());
        Map<Instant, Integer> byHour = quota.lastDay(caller.accountId()).stream()
                .collect(Collectors.toMap(HourlyUse::hour, HourlyUse::used, Integer::sum));
        int busiest = byHour.values().stream().mapToInt(Integer::intValue).max().orElse(0);

        List<Usage.HourBar> hours = new ArrayList<>(HOURS);
        for (int i = HOURS - 1; i >= 0; i--) {
            Instant hour = thisHour.minus(Duration.ofHours(i));
            int used = byHour.getOrDefault(hour, 0);
            int height = busiest == 0 ? 0 : Math.max(used > 0 ? 2 : 0, 100 * used / busiest);
            hours.add(new Usage.HourBar(hour, used, height, i == 0));
        }
        int usedThisHour = byHour.getOrDefault(thisHour, 0);
        int totalDay = hours.stream().mapToInt(Usage.HourBar::used).sum();
        Usage usage = new Usage(keys, usedThisHour, thisHour.plus(Duration.ofHours(1)), hours,
                busiest, totalDay);
        ctx.render("usage.jte", Map.of(
                "shell", access.shell(ctx, caller, "Usage", Section.USAGE),
                "usage", usage));
    }
}
