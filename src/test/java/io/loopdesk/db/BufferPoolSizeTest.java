package io.loopdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loopdesk.Settings;
import org.junit.jupiter.api.Test;

/** The embedded database's buffer pool: a quarter of the machine unless MARIADB_BUFFER_POOL_MB. */
class BufferPoolSizeTest {

    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void unsetItIsAQuarterOfTheMachineAndNeverBelowMariaDbsOwnDefault() {
        assertThat(EmbeddedMariaDb.bufferPoolMegabytes(null, 24 * GIB)).isEqualTo(6 * 1024);
        assertThat(EmbeddedMariaDb.bufferPoolMegabytes("  ", 8 * GIB)).isEqualTo(2 * 1024);
        assertThat(EmbeddedMariaDb.bufferPoolMegabytes(null, GIB / 4)).isEqualTo(128);
    }

    @Test
    void aSetValueIsTakenAsItIs() {
        assertThat(EmbeddedMariaDb.bufferPoolMegabytes("64", 24 * GIB)).isEqualTo(64);
        assertThat(EmbeddedMariaDb.bufferPoolMegabytes(" 4096 ", GIB)).isEqualTo(4096);
    }

    @Test
    void aValueThatIsNotAWholeNumberOfAtLeast32StopsTheStart() {
        for (String bad : new String[] {"abc", "1e3", "12.5", "-5", "0", "31", "99999999999"}) {
            assertThatThrownBy(() -> EmbeddedMariaDb.bufferPoolMegabytes(bad, 24 * GIB))
                    .as(bad)
                    .isInstanceOf(Settings.Invalid.class)
                    .hasMessage("MARIADB_BUFFER_POOL_MB must be a whole number of at least 32,"
                            + " got '" + bad + "'");
        }
    }
}
