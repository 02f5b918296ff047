package io.loopdesk.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
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
 */
final class ExplicitTransactions implements TransactionProvider, ConnectionProvider {

    private final DataSource dataSource;
    private final ThreadLocal<Open> open = new ThreadLocal<>();

    /** The thread's transaction: its connection, and how many savepoints are open in it. */
    private static final class Open {
        final Connection connection;
        int savepoints;

        Open(Connection connection) {
            this.connection = connection;
        }

        String savepoint() {
            return "loopdesk_" + savepoints;
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
            tx.savepoints++;
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
        if (tx.savepoints > 0) {
            run(tx.connection, "RELEASE SAVEPOINT " + tx.savepoint());
            tx.savepoints--;
            return;
        }
        try {
            run(tx.connection, "COMMIT");
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
        if (tx.savepoints > 0) {
            run(tx.connection, "ROLLBACK TO SAVEPOINT " + tx.savepoint());
            tx.savepoints--;
            return;
        }
        end(tx);
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
