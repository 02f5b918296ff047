package io.loopdesk.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DMLQuery;
import org.jooq.ConnectionProvider;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ResultQuery;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;

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
 *
 * <p>{@code START TRANSACTION} itself is not sent when the transaction begins but with its first
 * statement, in the same round trip: ahead of a select's SQL (this is also the listener that
 * puts it there and then skips its empty result), or ahead of the writes left for the commit
 * when nothing came before them. Before a first statement of another kind it goes in a round
 * trip of its own, and a transaction that sends nothing costs nothing.
 */
final class ExplicitTransactions
        implements TransactionProvider, ConnectionProvider, ExecuteListener {

    /** What a transaction's first statement starts with, sent in the same round trip. */
    static final String BEGIN = "START TRANSACTION;\n";

    /** Marks a select that carries its transaction's {@code START TRANSACTION}. */
    private static final String BEGINS = ExplicitTransactions.class.getName() + ".begins";

    private final DataSource dataSource;
    private final ThreadLocal<Open> open = new ThreadLocal<>();

    /**
     * The thread's transaction: its connection, the writes left for its commit, and for each
     * open savepoint how many of those writes came before it.
     */
    private static final class Open {
        final Connection connection;
        /** Whether {@code START TRANSACTION} has been sent. */
        boolean begun;
        final List<BoundWrite> atCommit = new ArrayList<>();
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
        if (tx == null) {
            return borrow();
        }
        beginNow(tx);
        return tx.connection;
    }

    /**
     * A select about to be sent as its transaction's first statement carries the
     * {@code START TRANSACTION} ahead of its own SQL; the transaction counts as begun from here.
     */
    @Override
    public void renderEnd(ExecuteContext ctx) {
        Open tx = open.get();
        if (tx != null && !tx.begun && ctx.query() instanceof ResultQuery<?>
                && !(ctx.query() instanceof DMLQuery<?>)) {
            tx.begun = true;
            ctx.data(BEGINS, Boolean.TRUE);
            ctx.sql(BEGIN + ctx.sql());
        }
    }

    /**
     * Whether the thread's transaction has sent nothing yet, so that the select about to be
     * sent must carry its {@code START TRANSACTION}; the transaction counts as begun from here.
     * For selects sent past jOOQ ({@link RenderedSelect}).
     */
    boolean beginHere() {
        Open tx = open.get();
        if (tx == null || tx.begun) {
            return false;
        }
        tx.begun = true;
        return true;
    }

    /** The {@code START TRANSACTION}'s result is an update count: the rows come after it. */
    @Override
    public void executeEnd(ExecuteContext ctx) {
        if (ctx.data(BEGINS) == null || ctx.resultSet() != null) {
            return;
        }
        try {
            if (ctx.statement().getMoreResults()) {
                ctx.resultSet(ctx.statement().getResultSet());
            }
        } catch (SQLException e) {
            throw new DataAccessException("Cannot read the rows after START TRANSACTION", e);
        }
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
            beginNow(tx);
            tx.savepoints.push(tx.atCommit.size());
            run(tx.connection, "SAVEPOINT " + tx.savepoint());
            return;
        }
        open.set(new Open(borrow()));
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
            if (!tx.atCommit.isEmpty()) {
                send(tx, "COMMIT");
            } else if (tx.begun) {
                run(tx.connection, "COMMIT");
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
    void atCommit(BoundWrite write) {
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
    void sendWrites() {
        Open tx = open.get();
        if (tx == null || tx.atCommit.isEmpty()) {
            return;
        }
        if (!tx.savepoints.isEmpty()) {
            throw new IllegalStateException("writes left for the commit can be sent early only"
                    + " outside any inner transaction");
        }
        send(tx, "");
        tx.atCommit.clear();
    }

    /**
     * The writes left for the commit as one multi-statement round trip, after the
     * {@code START TRANSACTION} when nothing has been sent before them, and followed by
     * {@code last} unless it is empty. Their values are bound straight to the statement; the
     * database stops at the first that fails, and every result is read so that its failure is
     * thrown here.
     */
    private static void send(Open tx, String last) {
        StringBuilder sql = new StringBuilder();
        if (!tx.begun) {
            sql.append(BEGIN);
            tx.begun = true;
        }
        for (int i = 0; i < tx.atCommit.size(); i++) {
            if (i > 0) {
                sql.append(";\n");
            }
            sql.append(tx.atCommit.get(i).sql);
        }
        if (!last.isEmpty()) {
            sql.append(";\n").append(last);
        }
        try (PreparedStatement statement = tx.connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (BoundWrite write : tx.atCommit) {
                index = write.bind(statement, index);
            }
            boolean rows = statement.execute();
            while (rows || statement.getUpdateCount() != -1) {
                rows = statement.getMoreResults();
            }
        } catch (SQLException e) {
            throw BoundWrite.failure(sql.toString(), e);
        }
    }

    private static void beginNow(Open tx) {
        if (!tx.begun) {
            tx.begun = true;
            run(tx.connection, "START TRANSACTION");
        }
    }

    /** Rolls the transaction back and unbinds it; a connection that cannot is not reused. */
    private void end(Open tx) {
        open.remove();
        boolean broken = false;
        try {
            if (tx.begun) {
                run(tx.connection, "ROLLBACK");
            }
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
