package io.loopdesk.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Transactions opened with {@code START TRANSACTION} and closed with {@code COMMIT} or
 * {@code ROLLBACK} on a pooled connection that stays in autocommit mode. Switching autocommit off
 * and on again around every transaction, as JDBC does, costs a round trip more: three
 * statements besides the work instead of two, and a round trip is most of what a short
 * statement costs the server.
 *
 * <p>While a transaction is open its connection is bound to the thread, and every statement of
 * the shared {@code DSLContext} on that thread runs in it; outside a transaction each statement
 * borrows a connection for itself. A transaction begun inside another is a savepoint of it.
 *
 * <p>Writes to rows that every transaction of a kind shares, counters such as the tallies and
 * the hourly quota, can be left for the commit ({@link #atCommit}): they are then sent in one
 * round trip with the {@code COMMIT} itself, in the order they were given, so their row locks
 * are held only while the database works and never while this process waits for a thread or
 * the network. When one of them fails the database runs none after it, not the commit either,
 * and the whole transaction is rolled back.
 */
final class ExplicitTransactions implements TransactionProvider, ConnectionProvider {

    private final DataSource dataSource;
    private final ThreadLocal<Open> open = new ThreadLocal<>();

    /**
     * The thread's transaction: its connection, the writes left for its commit, and for each
     * open savepoint how many of those writes came before it.
     */
    private static final class Open {
        final Connection connection;
        final List<Query> atCommit = new ArrayList<>();
        final Deque<Integer> savepoints = new ArrayDeque<>();

        Open(Connection connection) {
            this.connection = connection;
        }

        String savepoint() {
            return "loopdesk_" + savepoints.size();
        }
    }

    ExplicitTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection acquire() {
        Open tx = open.get();
        return tx != null ? tx.connection : borrow();
    }

    @Override
    public void release(Connection connection) {
        Open tx = open.get();
        if (tx == null || tx.connection != connection) {
            giveBack(connection, false);
        }
    }

    @Override
    public void begin(TransactionContext ctx) {
        Open tx = open.get();
        if (tx != null) {
            tx.savepoints.push(tx.atCommit.size());
            run(tx.connection, "SAVEPOINT " + tx.savepoint());
            return;
        }
        Connection connection = borrow();
        try {
            run(connection, "START TRANSACTION");
        } catch (RuntimeException e) {
            giveBack(connection, true);
            throw e;
        }
        open.set(new Open(connection));
    }

    @Override
    public void commit(TransactionContext ctx) {
        Open tx = open.get();
        if (!tx.savepoints.isEmpty()) {
            run(tx.connection, "RELEASE SAVEPOINT " + tx.savepoint());
            tx.savepoints.pop();
            return;
        }
        try {
            if (tx.atCommit.isEmpty()) {
                run(tx.connection, "COMMIT");
            } else {
                commitWith(ctx.configuration(), tx.atCommit);
            }
        } catch (RuntimeException e) {
            end(tx);
            throw e;
        }
        open.remove();
        giveBack(tx.connection, false);
    }

    @Override
    public void rollback(TransactionContext ctx) {
        Open tx = open.get();
        if (tx == null) {
            return; // a failed COMMIT has already ended it
        }
        if (!tx.savepoints.isEmpty()) {
            run(tx.connection, "ROLLBACK TO SAVEPOINT " + tx.savepoint());
            tx.atCommit.subList(tx.savepoints.pop(), tx.atCommit.size()).clear();
            return;
        }
        end(tx);
    }

    /**
     * Leaves {@code write} for the commit of the thread's transaction, or runs it at once when
     * no transaction is open. A savepoint rolled back drops the writes left after it began.
     */
    void atCommit(Query write) {
        Open tx = open.get();
        if (tx == null) {
            write.execute();
        } else {
            tx.atCommit.add(write);
        }
    }

    /**
     * Sends the writes left for the commit of the thread's transaction now, in one round trip,
     * for work that must see them before it commits; the transaction stays open. Not inside a
     * savepoint: rolled back, it would undo writes given before it began.
     */
    void sendWrites(Configuration configuration) {
        Open tx = open.get();
        if (tx == null || tx.atCommit.isEmpty()) {
            return;
        }
        if (!tx.savepoints.isEmpty()) {
            throw new IllegalStateException("writes left for the commit can be sent early only"
                    + " outside any inner transaction");
        }
        send(configuration, tx.atCommit, "");
        tx.atCommit.clear();
    }

    /** The writes and the {@code COMMIT} as one multi-statement round trip. */
    private static void commitWith(Configuration configuration, List<Query> writes) {
        send(configuration, writes, "COMMIT");
    }

    private static void send(Configuration configuration, List<Query> writes, String last) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < writes.size(); i++) {
            if (i > 0) {
                sql.append(";\n");
            }
            sql.append('{').append(i).append('}');
        }
        if (!last.isEmpty()) {
            sql.append(";\n").append(last);
        }
        DSL.using(configuration).query(sql.toString(), writes.toArray(QueryPart[]::new))
                .execute();
    }

    /** Rolls the transaction back and unbinds it; a connection that cannot is not reused. */
    private void end(Open tx) {
        open.remove();
        boolean broken = false;
        try {
            run(tx.connection, "ROLLBACK");
        } catch (RuntimeException e) {
            broken = true;
        }
        giveBack(tx.connection, broken);
    }

    private Connection borrow() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DataAccessException("Cannot get a database connection", e);
        }
    }

    /**
     * Returns the connection to the pool; one that may still be inside a transaction is
     * evicted, so that no later borrower runs in it.
     */
    private void giveBack(Connection connection, boolean broken) {
        if (broken && dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(connection);
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("Cannot return a database connection", e);
        }
    }

    private static void run(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new DataAccessException(sql + " failed: " + e.getMessage(), e);
        }
    }
}
