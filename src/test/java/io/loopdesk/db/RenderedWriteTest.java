package io.loopdesk.db;

import static io.loopdesk.db.schema.Tables.QUOTA_USAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.loopdesk.Settings;
import io.loopdesk.support.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write rendered once does on each call what the same write built for that call would, with
 * its values bound as the columns' types; mistakes in how it is made or called are refused.
 */
class RenderedWriteTest {

    private static DSLContext dsl;

    @BeforeAll
    static void context() {
        dsl = TestServer.get().app().database().dsl();
    }

    @Test
    void anInsertTakesItsValuesInTheOrderOfItsFields() {
        String key = UUID.randomUUID().toString().substring(0, 24);
        Instant hour = Instant.parse("2026-03-01T10:00:00Z");
        RenderedWrite insert = RenderedWrite.insert(dsl, QUOTA_USAGE, QUOTA_USAGE.API_KEY_ID,
                QUOTA_USAGE.HOUR_START, QUOTA_USAGE.ACCOUNT_ID, QUOTA_USAGE.USED);

        assertThat(insert.with(key, hour, "account-a", 3).execute()).isOne();
        assertThat(insert.with(key, hour.plusSeconds(3600), "account-b", 7).execute()).isOne();

        assertThat(dsl.select(QUOTA_USAGE.HOUR_START, QUOTA_USAGE.ACCOUNT_ID, QUOTA_USAGE.USED)
                .from(QUOTA_USAGE).where(QUOTA_USAGE.API_KEY_ID.eq(key))
                .orderBy(QUOTA_USAGE.HOUR_START).fetch().map(r -> r.value1() + " "
                        + r.value2() + " " + r.value3()))
                .containsExactly(hour + " account-a 3", hour.plusSeconds(3600) + " account-b 7");
    }

    @Test
    void anUpdateBindsEachCallsValues() {
        String key = UUID.randomUUID().toString().substring(0, 24);
        Instant hour = Instant.parse("2026-03-01T10:00:00Z");
        dsl.insertInto(QUOTA_USAGE, QUOTA_USAGE.API_KEY_ID, QUOTA_USAGE.HOUR_START,
                QUOTA_USAGE.ACCOUNT_ID, QUOTA_USAGE.USED).values(key, hour, key, 5).execute();
        RenderedWrite add = RenderedWrite.of(dsl, dsl.update(QUOTA_USAGE)
                .set(QUOTA_USAGE.USED, QUOTA_USAGE.USED.plus(DSL.param("units", QUOTA_USAGE.USED)))
                .where(QUOTA_USAGE.API_KEY_ID.eq(DSL.param("key", QUOTA_USAGE.API_KEY_ID))));

        assertThat(add.with(2, key).execute()).isOne();
        assertThat(add.with(10, "'; delete from quota_usage; --").execute()).isZero();
        assertThat(add.with(3, key).execute()).isOne();

        assertThat(dsl.select(QUOTA_USAGE.USED).from(QUOTA_USAGE)
                .where(QUOTA_USAGE.API_KEY_ID.eq(key)).fetchOne(QUOTA_USAGE.USED)).isEqualTo(10);
    }

    /**
     * Statements are prepared on the server, which compares a moment after 2038 sent as the
     * TIMESTAMP type with an indexed DATETIME wrongly: such a moment must still find its rows,
     * by equality and by range, through jOOQ and through a select rendered once.
     */
    @Test
    void aMomentAfter2038FindsItsRowThroughAnIndex() {
        String account = UUID.randomUUID().toString().substring(0, 24);
        Instant late = Instant.parse("2286-11-20T17:00:00Z");
        RenderedWrite.insert(dsl, QUOTA_USAGE, QUOTA_USAGE.API_KEY_ID, QUOTA_USAGE.HOUR_START,
                QUOTA_USAGE.ACCOUNT_ID, QUOTA_USAGE.USED).with(account, late, account, 1).execute();
        RenderedSelect<Record> byMoment = RenderedSelect.of(dsl, dsl.select(QUOTA_USAGE.USED)
                .from(QUOTA_USAGE)
                .where(QUOTA_USAGE.ACCOUNT_ID.eq(DSL.param("account", QUOTA_USAGE.ACCOUNT_ID)))
                .and(QUOTA_USAGE.HOUR_START.ge(DSL.param("from", QUOTA_USAGE.HOUR_START))));

        for (int call = 0; call < 3; call++) { // the first call prepares, later ones reuse
            assertThat(dsl.select(QUOTA_USAGE.HOUR_START).from(QUOTA_USAGE)
                    .where(QUOTA_USAGE.ACCOUNT_ID.eq(account))
                    .and(QUOTA_USAGE.HOUR_START.eq(late)).fetch(QUOTA_USAGE.HOUR_START))
                    .containsExactly(late);
            assertThat(byMoment.with(account, late.minusSeconds(1)).fetch()).hasSize(1);
            assertThat(byMoment.with(account, late.plusSeconds(1)).fetch()).isEmpty();
        }
    }

    /**
     * Connections take the process's zone when they are opened, so this one opens its own
     * database connections after it has moved to a zone far from UTC, as a process started
     * there would, and reads what they wrote through the suite's connections.
     */
    @Test
    void aProcessOutsideUtcStoresMomentsAsTheirUtcWallClock(@TempDir Path dir) {
        String url = ((HikariDataSource) TestServer.get().app().database().dataSource())
                .getJdbcUrl();
        String key = UUID.randomUUID().toString().substring(0, 24);
        Instant hour = Instant.parse("2026-03-01T10:00:00Z");
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        try (Database elsewhere = Database.open(Settings.fromEnvironment(Map.of(
                "DB_URL", url, "DATA_DIR", dir.toString(), "DB_POOL_SIZE", "2"), false))) {
            DSLContext there = elsewhere.dsl();
            RenderedWrite.insert(there, QUOTA_USAGE, QUOTA_USAGE.API_KEY_ID,
                    QUOTA_USAGE.HOUR_START, QUOTA_USAGE.ACCOUNT_ID, QUOTA_USAGE.USED)
                    .with(key, hour, "bound", 1).execute();
            there.insertInto(QUOTA_USAGE, QUOTA_USAGE.API_KEY_ID, QUOTA_USAGE.HOUR_START,
                    QUOTA_USAGE.ACCOUNT_ID, QUOTA_USAGE.USED)
                    .values(key, hour.plusSeconds(3600), "built", 1).execute();

            assertThat(there.select(QUOTA_USAGE.HOUR_START).from(QUOTA_USAGE)
                    .where(QUOTA_USAGE.API_KEY_ID.eq(key)).orderBy(QUOTA_USAGE.HOUR_START)
                    .fetch(QUOTA_USAGE.HOUR_START))
                    .containsExactly(hour, hour.plusSeconds(3600));
        } finally {
            TimeZone.setDefault(zone);
        }
        assertThat(dsl.select(QUOTA_USAGE.ACCOUNT_ID, QUOTA_USAGE.HOUR_START.cast(String.class))
                .from(QUOTA_USAGE).where(QUOTA_USAGE.API_KEY_ID.eq(key))
                .orderBy(QUOTA_USAGE.HOUR_START).fetch().map(r -> r.value1() + " " + r.value2()))
                .containsExactly("bound 2026-03-01 10:00:00", "built 2026-03-01 11:00:00");
    }

    /**
     * 2027-03-14 02:00 does not exist in Los Angeles, whose clocks skip from 02:00 to 03:00 that
     * night: a moment carried as a java.sql.Timestamp by a process there was stored as 03:00.
     * Moments travel as wall-clock times (InstantBinding), which no zone's rules touch.
     */
    @Test
    void aProcessInAZoneWithSummerTimeStoresAndReadsTheHourItsClocksSkip(@TempDir Path dir) {
        String url = ((HikariDataSource) TestServer.get().app().database().dataSource())
                .getJdbcUrl();
        String key = UUID.randomUUID().toString().substring(0, 24);
        Instant skipped = Instant.parse("2027-03-14T02:00:00Z");
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
        try (Database server = Database.open(Settings.fromEnvironment(Map.of(
                "DB_URL", url, "DATA_DIR", dir.toString(), "DB_POOL_SIZE", "2"), false))) {
            DSLContext there = server.dsl();
            RenderedWrite.insert(there, QUOTA_USAGE, QUOTA_USAGE.API_KEY_ID,
                    QUOTA_USAGE.HOUR_START, QUOTA_USAGE.ACCOUNT_ID, QUOTA_USAGE.USED)
                    .with(key, skipped, "skipped", 1).execute();
            there.insertInto(QUOTA_USAGE, QUOTA_USAGE.API_KEY_ID, QUOTA_USAGE.HOUR_START,
                    QUOTA_USAGE.ACCOUNT_ID, QUOTA_USAGE.USED)
                    .values(key, skipped.plusSeconds(3600), "after", 1).execute();

            assertThat(there.select(QUOTA_USAGE.HOUR_START).from(QUOTA_USAGE)
                    .where(QUOTA_USAGE.API_KEY_ID.eq(key)
                            .and(QUOTA_USAGE.HOUR_START.eq(skipped)))
                    .fetch(QUOTA_USAGE.HOUR_START))
                    .containsExactly(skipped);
        } finally {
            TimeZone.setDefault(zone);
        }
        assertThat(dsl.select(QUOTA_USAGE.ACCOUNT_ID, QUOTA_USAGE.HOUR_START.cast(String.class))
                .from(QUOTA_USAGE).where(QUOTA_USAGE.API_KEY_ID.eq(key))
                .orderBy(QUOTA_USAGE.HOUR_START).fetch().map(r -> r.value1() + " " + r.value2()))
                .containsExactly("skipped 2027-03-14 02:00:00", "after 2027-03-14 03:00:00");
    }

    @Test
    void valuesOfTheWrongTypeOrCountAreRefused() {
        RenderedWrite insert = RenderedWrite.insert(dsl, QUOTA_USAGE, QUOTA_USAGE.API_KEY_ID,
                QUOTA_USAGE.HOUR_START);

        assertThatThrownBy(() -> insert.with(Instant.now(), "key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("api_key_id");
        assertThatThrownBy(() -> insert.with("key"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoParametersOfOneNameAreRefusedUpFront() {
        assertThatThrownBy(() -> RenderedWrite.of(dsl, dsl.update(QUOTA_USAGE)
                .set(QUOTA_USAGE.HOUR_START, DSL.param("moment", QUOTA_USAGE.HOUR_START))
                .where(QUOTA_USAGE.HOUR_START.lt(DSL.param("moment", QUOTA_USAGE.HOUR_START)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name of its own");
        assertThatThrownBy(() -> RenderedWrite.of(dsl, dsl.update(QUOTA_USAGE)
                .set(QUOTA_USAGE.USED, 4)
                .where(QUOTA_USAGE.API_KEY_ID.eq(DSL.param("key", QUOTA_USAGE.API_KEY_ID)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inline");
    }
}
