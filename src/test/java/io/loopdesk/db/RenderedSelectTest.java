package io.loopdesk.db;

import static io.loopdesk.db.schema.Tables.QUOTA_USAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loopdesk.support.TestServer;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A select rendered once answers each call as the same select built for that call would, with
 * its values bound as the columns' types; a value left in the query by mistake is refused when
 * the select is made, not on some later call.
 */
class RenderedSelectTest {

    private static DSLContext dsl;

    @BeforeAll
    static void context() {
        dsl = TestServer.get().app().database().dsl();
    }

    @Test
    void eachCallBindsItsOwnValuesWithTheColumnsTypes() {
        String key = UUID.randomUUID().toString().substring(0, 24);
        Instant first = Instant.parse("2026-03-01T10:00:00Z");
        Instant second = first.plusSeconds(3600);
        dsl.insertInto(QUOTA_USAGE, QUOTA_USAGE.API_KEY_ID, QUOTA_USAGE.HOUR_START,
                        QUOTA_USAGE.ACCOUNT_ID, QUOTA_USAGE.USED)
                .values(key, first, key, 3).values(key, second, key, 7).execute();
        RenderedSelect<Record> used = RenderedSelect.of(dsl, dsl.select(QUOTA_USAGE.USED)
                .from(QUOTA_USAGE)
                .where(QUOTA_USAGE.API_KEY_ID.eq(DSL.param("key", QUOTA_USAGE.API_KEY_ID)))
                .and(QUOTA_USAGE.HOUR_START.eq(DSL.param("hour", QUOTA_USAGE.HOUR_START))));

        assertThat(used.with(key, first).fetchOne(QUOTA_USAGE.USED)).isEqualTo(3);
        assertThat(used.with(key, second).fetchOne(QUOTA_USAGE.USED)).isEqualTo(7);
        assertThat(used.with(key, second.plusSeconds(3600)).fetch()).isEmpty();
        assertThat(used.with("'; delete from quota_usage; --", first).fetch()).isEmpty();
        assertThat(used.with(key, first).fetchOne(QUOTA_USAGE.USED)).isEqualTo(3);
    }

    @Test
    void valuesLeftInTheQueryAreRefusedUpFront() {
        assertThatThrownBy(() -> RenderedSelect.of(dsl, dsl.select(QUOTA_USAGE.USED)
                .from(QUOTA_USAGE)
                .where(QUOTA_USAGE.API_KEY_ID.eq(DSL.param("key", QUOTA_USAGE.API_KEY_ID)))
                .and(QUOTA_USAGE.USED.gt(5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inline");
    }

    @Test
    void aCallWithTooFewOrTooManyValuesIsRefused() {
        RenderedSelect<Record> used = RenderedSelect.of(dsl, dsl.select(QUOTA_USAGE.USED)
                .from(QUOTA_USAGE)
                .where(QUOTA_USAGE.API_KEY_ID.eq(DSL.param("key", QUOTA_USAGE.API_KEY_ID))));
        assertThatThrownBy(() -> used.with()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> used.with("a", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
