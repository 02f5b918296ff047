package io.loopdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loopdesk.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transactions on the product's own pool and jOOQ context: what commits stays, what fails is
 * rolled back, an inner transaction is a savepoint, writes left for the commit go with it or not
 * at all, and no transaction outlives its work on a connection that the pool hands out again.
 */
class ExplicitTransactionsTest {

    private static Database database;
    private static DSLContext dsl;
    private static Transactions tx;

    @BeforeAll
    static void probeTable() throws SQLException {
        database = TestServer.get().app().database();
        dsl = database.dsl();
        tx = database.transactions();
        try (Connection c = database.dataSource().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS tx_probe"
                    + " (id VARCHAR(64) PRIMARY KEY, label VARCHAR(32) NOT NULL) ENGINE=InnoDB");
        }
    }

    @Test
    void committedWorkIsSeenByOthers() throws SQLException {
        String run = UUID.randomUUID().toString();
        tx.inTransaction(() -> {
            insert(run, "a");
            insert(run, "b");
        });
        assertThat(labelsSeenElsewhere(run)).containsExactly("a", "b");
    }

    @Test
    void workThatThrowsLeavesNothing() throws SQLException {
        String run = UUID.randomUUID().toString();
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            insert(run, "a");
            throw new IllegalStateException("changed my mind");
        })).isInstanceOf(IllegalStateException.class).hasMessage("changed my mind");
        assertThat(labelsSeenElsewhere(run)).isEmpty();
    }

    @Test
    void aFailedStatementRollsTheWholeTransactionBack() throws SQLException {
        String run = UUID.randomUUID().toString();
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            insert(run, "a");
            insert(run, "a"); // the same primary key again
        })).isInstanceOf(org.jooq.exception.DataAccessException.class);
        assertThat(labelsSeenElsewhere(run)).isEmpty();
    }

    @Test
    void uncommittedWorkIsInvisibleToOthersUntilTheCommit() throws SQLException {
        String run = UUID.randomUUID().toString();
        List<String> seenMeanwhile = new ArrayList<>();
        tx.inTransaction(() -> {
            insert(run, "a");
            assertThat(dsl.fetchCount(DSL.table("tx_probe"), idIs(run, "a"))).isEqualTo(1);
            try {
                seenMeanwhile.addAll(labelsSeenElsewhere(run));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(seenMeanwhile).isEmpty();
        assertThat(labelsSeenElsewhere(run)).containsExactly("a");
    }

    @Test
    void anInnerTransactionThatFailsUndoesOnlyItsOwnWork() throws SQLException {
        String run = UUID.randomUUID().toString();
        tx.inTransaction(() -> {
            insert(run, "outer-before");
            assertThatThrownBy(() -> tx.inTransaction(() -> {
                insert(run, "inner");
                throw new IllegalStateException("inner fails");
            })).hasMessage("inner fails");
            tx.inTransaction(() -> insert(run, "inner-kept"));
            insert(run, "outer-after");
        });
        assertThat(labelsSeenElsewhere(run))
                .containsExactly("inner-kept", "outer-after", "outer-before");
    }

    @Test
    void statementsAfterAFailedTransactionCommitOnTheirOwn() throws SQLException {
        // Every connection of the pool in turn: none may be left inside a transaction.
        for (int i = 0; i < 40; i++) {
            String run = UUID.randomUUID().toString();
            assertThatThrownBy(() -> tx.inTransaction(() -> {
                insert(run, "lost");
                throw new IllegalStateException("fails");
            })).isInstanceOf(IllegalStateException.class);
            insert(run, "kept");
            assertThat(labelsSeenElsewhere(run)).containsExactly("kept");
        }
    }

    @Test
    void writesLeftForTheCommitAreSentWithItInTheirOrder() throws SQLException {
        String run = UUID.randomUUID().toString();
        List<Integer> seenBeforeTheCommit = new ArrayList<>();
        tx.inTransaction(() -> {
            insert(run, "now");
            Transactions.atCommit(insertQuery(run, "later"));
            Transactions.atCommit(dsl.update(DSL.table("tx_probe"))
                    .set(DSL.field("label", String.class), "last")
                    .where(idIs(run, "later")));
            seenBeforeTheCommit.add(dsl.fetchCount(DSL.table("tx_probe"), idIs(run, "later")));
        });
        assertThat(seenBeforeTheCommit).containsExactly(0);
        assertThat(labelsSeenElsewhere(run)).containsExactly("last", "now");
    }

    @Test
    void aWriteLeftForTheCommitThatFailsRollsTheWholeTransactionBack() throws SQLException {
        String run = UUID.randomUUID().toString();
        insert(run, "taken");
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            insert(run, "a");
            Transactions.atCommit(insertQuery(run, "b"));
            Transactions.atCommit(insertQuery(run, "taken")); // the same primary key again
            Transactions.atCommit(insertQuery(run, "c"));
        })).isInstanceOf(org.jooq.exception.DataAccessException.class);
        assertThat(labelsSeenElsewhere(run)).containsExactly("taken");
        // The connection went back to the pool outside any transaction.
        for (int i = 0; i < 40; i++) {
            insert(run, "after-" + i);
        }
        assertThat(labelsSeenElsewhere(run)).hasSize(41);
    }

    @Test
    void aSavepointRolledBackDropsTheWritesLeftForTheCommitInsideIt() throws SQLException {
        String run = UUID.randomUUID().toString();
        tx.inTransaction(() -> {
            Transactions.atCommit(insertQuery(run, "outer"));
            assertThatThrownBy(() -> tx.inTransaction(() -> {
                Transactions.atCommit(insertQuery(run, "inner-dropped"));
                throw new IllegalStateException("inner fails");
            })).hasMessage("inner fails");
            tx.inTransaction(() -> Transactions.atCommit(insertQuery(run, "inner-kept")));
        });
        assertThat(labelsSeenElsewhere(run)).containsExactly("inner-kept", "outer");
    }

    @Test
    void writesSentBeforeTheCommitAreSeenByTheTransactionAndCommittedWithIt()
            throws SQLException {
        String run = UUID.randomUUID().toString();
        tx.inTransaction(() -> {
            Transactions.atCommit(insertQuery(run, "early"));
            assertThat(dsl.fetchCount(DSL.table("tx_probe"), idIs(run, "early"))).isZero();
            Transactions.sendWritesNow(dsl);
            assertThat(dsl.fetchCount(DSL.table("tx_probe"), idIs(run, "early"))).isOne();
            try {
                assertThat(labelsSeenElsewhere(run)).isEmpty();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            Transactions.atCommit(insertQuery(run, "late"));
        });
        assertThat(labelsSeenElsewhere(run)).containsExactly("early", "late");
    }

    @Test
    void writesAreNotSentEarlyInsideASavepoint() throws SQLException {
        String run = UUID.randomUUID().toString();
        tx.inTransaction(() -> {
            Transactions.atCommit(insertQuery(run, "outer"));
            assertThatThrownBy(() -> tx.inTransaction(() -> {
                Transactions.atCommit(insertQuery(run, "inner"));
                Transactions.sendWritesNow(dsl);
            })).isInstanceOf(IllegalStateException.class);
        });
        assertThat(labelsSeenElsewhere(run)).containsExactly("outer");
    }

    @Test
    void outsideATransactionAWriteForTheCommitRunsAtOnce() throws SQLException {
        String run = UUID.randomUUID().toString();
        Transactions.atCommit(insertQuery(run, "alone"));
        assertThat(labelsSeenElsewhere(run)).containsExactly("alone");
    }

    @Test
    void aSelectSentFirstBeginsTheTransactionAndKeepsItsLocks() throws SQLException {
        String run = UUID.randomUUID().toString();
        insert(run, "locked");
        RenderedSelect<org.jooq.Record> lockLabel = RenderedSelect.of(dsl,
                dsl.select(DSL.field("label", String.class)).from(DSL.table("tx_probe"))
                        .where(DSL.field("id", String.class)
                                .eq(DSL.param("id", SQLDataType.VARCHAR(64))))
                        .forUpdate());
        List<Boolean> lockedMeanwhile = new ArrayList<>();
        tx.inTransaction(() -> {
            assertThat(lockLabel.with(run + "/locked").fetch(r -> r.get(0, String.class)))
                    .containsExactly("locked");
            lockedMeanwhile.add(lockedElsewhere(run + "/locked"));
            assertThat(dsl.resultQuery("select label from tx_probe where id = ?",
                    run + "/locked").fetch().getValues(0, String.class)).containsExactly("locked");
        });
        assertThat(lockedMeanwhile).containsExactly(true);
        assertThat(lockedElsewhere(run + "/locked")).isFalse();
    }

    @Test
    void writesLeftForTheCommitAloneAreOneTransaction() throws SQLException {
        String run = UUID.randomUUID().toString();
        insert(run, "taken");
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            Transactions.atCommit(insertQuery(run, "b"));
            Transactions.atCommit(insertQuery(run, "taken")); // the same primary key again
        })).isInstanceOf(org.jooq.exception.DataAccessException.class);
        assertThat(labelsSeenElsewhere(run)).containsExactly("taken");
        tx.inTransaction(() -> Transactions.atCommit(insertQuery(run, "c")));
        assertThat(labelsSeenElsewhere(run)).containsExactly("c", "taken");
        for (int i = 0; i < 40; i++) {
            insert(run, "after-" + i);
        }
        assertThat(labelsSeenElsewhere(run)).hasSize(42);
    }

    @Test
    void aTransactionWhoseFirstSelectFailsLeavesNoTransactionBehind() throws SQLException {
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 40; i++) {
            assertThatThrownBy(() -> tx.inTransaction(() -> {
                dsl.resultQuery("select nothing from tx_probe_missing").fetch();
            })).isInstanceOf(org.jooq.exception.DataAccessException.class);
            tx.inTransaction(() -> { });
            insert(run, "after-" + i);
        }
        assertThat(labelsSeenElsewhere(run)).hasSize(40);
    }

    private static org.jooq.Query insertQuery(String run, String label) {
        return dsl.insertInto(DSL.table("tx_probe"), DSL.field("id"), DSL.field("label"))
                .values(run + "/" + label, label);
    }

    private static void insert(String run, String label) {
        insertQuery(run, label).execute();
    }

    private static org.jooq.Condition idIs(String run, String label) {
        return DSL.field("id", String.class).eq(run + "/" + label);
    }

    /** Whether a connection of its own, outside the pool, finds the row locked. */
    private static boolean lockedElsewhere(String id) {
        try (Connection c = ownConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select label from tx_probe where id = ? for update nowait")) {
            c.setAutoCommit(false);
            ps.setString(1, id);
            try {
                ps.executeQuery().close();
                return false;
            } catch (SQLException e) {
                // NOWAIT on a locked row: MariaDB's lock wait timeout, MySQL's ER_LOCK_NOWAIT.
                if (e.getErrorCode() == 1205 || e.getErrorCode() == 3572) {
                    return true;
                }
                throw e;
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection ownConnection() throws SQLException {
        String url = database.dataSource().unwrap(com.zaxxer.hikari.HikariDataSource.class)
                .getJdbcUrl();
        var settings = TestServer.get().app().settings();
        return java.sql.DriverManager.getConnection(url, settings.dbUser(),
                settings.dbPassword());
    }

    /** What a connection of its own, outside the pool, sees of this run's rows. */
    private static List<String> labelsSeenElsewhere(String run) throws SQLException {
        try (Connection c = ownConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT label FROM tx_probe WHERE id LIKE ? ORDER BY label")) {
            ps.setString(1, run + "/%");
            List<String> labels = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.add(rs.getString(1));
                }
            }
            return labels;
        }
    }
}
