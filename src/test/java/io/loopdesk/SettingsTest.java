package io.loopdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings read from the environment: defaults, accepted values and clear refusals. */
class SettingsTest {

    @Test
    void unsetVariablesTakeTheirDefaults() {
        Settings settings = Settings.fromEnvironment(Map.of(), false);
        assertThat(settings.port()).isEqualTo(7070);
        assertThat(settings.dbPoolSize()).isEqualTo(32);
        assertThat(settings.hourlyQuota()).isEqualTo(100);
        assertThat(settings.claimLease()).isEqualTo(Duration.ofSeconds(600));
        assertThat(settings.allowPrivateWebhooks()).isFalse();
        assertThat(settings.demo()).isFalse();
    }

    @Test
    void acceptedValuesAreRead() {
        Settings settings = Settings.fromEnvironment(Map.of("PORT", "0", "HOURLY_QUOTA", "0",
                "ALLOW_PRIVATE_WEBHOOKS", "TRUE", "DEMO", " false ", "DB_POOL_SIZE", " 8"), false);
        assertThat(settings.port()).isZero();
        assertThat(settings.hourlyQuota()).isZero();
        assertThat(settings.allowPrivateWebhooks()).isTrue();
        assertThat(settings.demo()).isFalse();
        assertThat(settings.dbPoolSize()).isEqualTo(8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PORT|abc|PORT must be a whole number up to 2147483647, got 'abc'",
        "PORT|70000|PORT must be at most 65535, got 70000",
        "PORT|-1|PORT must be at least 0, got -1",
        "DB_POOL_SIZE|0|DB_POOL_SIZE must be at least 1, got 0",
        "HOURLY_QUOTA|-5|HOURLY_QUOTA must be at least 0, got -5",
        "SWEEP_INTERVAL_MS|0|SWEEP_INTERVAL_MS must be at least 1, got 0",
        "CLAIM_LEASE_SECONDS|-1|CLAIM_LEASE_SECONDS must be at least 1, got -1",
        "WEBHOOK_TIMEOUT_MS|9999999999|WEBHOOK_TIMEOUT_MS must be a whole number up to"
                + " 2147483647, got '9999999999'",
        "ALLOW_PRIVATE_WEBHOOKS|yes|ALLOW_PRIVATE_WEBHOOKS must be true or false, got 'yes'",
        "DEMO|1|DEMO must be true or false, got '1'",
    })
    void unusableValuesAreRefusedByName(String name, String value, String message) {
        assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(name, value), false))
                .isInstanceOf(Settings.Invalid.class).hasMessage(message);
    }
}
