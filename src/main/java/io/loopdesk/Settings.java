package io.loopdesk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an operator can configure, read once from environment variables at start-up.
 * The README's configuration table lists the same names and defaults.
 */
public record Settings(
        String bindAddress,
        int port,
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        int maxActiveRequests,
        int hourlyQuota,
        Duration claimLease,
        Duration sweepInterval,
        Optional<String> publicBaseUrl,
        boolean allowPrivateWebhooks,
        Duration webhookPollInterval,
        Duration webhookTimeout,
        boolean demo) {

    /**
     * Requests worked on at once per core by default; the rest wait their turn. A few per core
     * keep both cores busy while some requests wait for the database, without letting dozens of
     * threads take turns at the cores, which stretches every request's time.
     */
    public static final int ACTIVE_REQUESTS_PER_CORE = 4;

    public static Settings fromEnvironment(Map<String, String> env, boolean demoFlag) {
        return new Settings(
                env.getOrDefault("BIND_ADDRESS", "127.0.0.1"),
                intValue(env, "PORT", 7070),
                Path.of(env.getOrDefault("DATA_DIR", "./data")).toAbsolutePath().normalize(),
                Optional.ofNullable(blankToNull(env.get("DB_URL"))),
                env.getOrDefault("DB_USER", "root"),
                env.getOrDefault("DB_PASSWORD", ""),
                intValue(env, "DB_POOL_SIZE", 32),
                positive(env, "MAX_ACTIVE_REQUESTS",
                        ACTIVE_REQUESTS_PER_CORE * Runtime.getRuntime().availableProcessors()),
                intValue(env, "HOURLY_QUOTA", 100),
                Duration.ofSeconds(intValue(env, "CLAIM_LEASE_SECONDS", 600)),
                Duration.ofMillis(intValue(env, "SWEEP_INTERVAL_MS", 2000)),
                Optional.ofNullable(blankToNull(env.get("PUBLIC_BASE_URL"))),
                Boolean.parseBoolean(env.getOrDefault("ALLOW_PRIVATE_WEBHOOKS", "false")),
                Duration.ofMillis(intValue(env, "WEBHOOK_POLL_INTERVAL_MS", 500)),
                Duration.ofMillis(intValue(env, "WEBHOOK_TIMEOUT_MS", 10_000)),
                demoFlag || Boolean.parseBoolean(env.getOrDefault("DEMO", "false")));
    }

    public Settings withPort(int newPort) {
        return new Settings(bindAddress, newPort, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize,
                maxActiveRequests, hourlyQuota, claimLease, sweepInterval, publicBaseUrl,
                allowPrivateWebhooks, webhookPollInterval, webhookTimeout, demo);
    }

    public Settings withDataDir(Path dir) {
        return new Settings(bindAddress, port, dir, dbUrl, dbUser, dbPassword, dbPoolSize,
                maxActiveRequests, hourlyQuota, claimLease, sweepInterval, publicBaseUrl,
                allowPrivateWebhooks, webhookPollInterval, webhookTimeout, demo);
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String raw = blankToNull(env.get(name));
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number up to "
                    + Integer.MAX_VALUE + ", got '" + raw + "'");
        }
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        int value = intValue(env, name, fallback);
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
