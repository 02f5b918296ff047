package io.loopdesk.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DataException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.exception.SQLStateClass;

/**
 * A write's SQL, rendered by jOOQ, with one call's values already converted to what JDBC binds.
 * Writes sent with a commit ({@link Transactions#atCommit}) are bound straight to the commit's
 * statement this way: having jOOQ render them once more into one multi-statement, on every
 * create and cancel, took a tenth of the server's CPU.
 */
public final class BoundWrite {

    private final Configuration configuration;
    final String sql;
    private final Object[] values;

    /** {@code values} converted already, each a String, Number, Boolean, LocalDateTime or null. */
    BoundWrite(Configuration configuration, String sql, Object[] values) {
        for (Object value : values) {
            if (value != null && !(value instanceof String || value instanceof Number
                    || value instanceof Boolean || value instanceof LocalDateTime)) {
                throw new IllegalArgumentException("cannot bind a "
                        + value.getClass().getSimpleName() + " in: " + sql);
            }
        }
        this.configuration = configuration;
        this.sql = sql;
        this.values = values;
    }

    Configuration configuration() {
        return configuration;
    }

    /** Runs the write now, in the thread's transaction when one is open; the rows it changed. */
    public int execute() {
        ConnectionProvider connections = configuration.connectionProvider();
        Connection connection = connections.acquire();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, 1);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        } finally {
            connections.release(connection);
        }
    }

    /** Binds the values from parameter {@code first} on; the index after the last. */
    int bind(PreparedStatement statement, int first) throws SQLException {
        return bind(statement, first, values);
    }

    /** Binds values converted as their columns store them, from parameter {@code first} on. */
    static int bind(PreparedStatement statement, int first, Object[] values)
            throws SQLException {
        int index = first;
        for (Object value : values) {
            // A moment as InstantBinding binds it, so that both write the same wall-clock time.
            statement.setObject(index++, value);
        }
        return index;
    }

    /** The failure as jOOQ reports it, so that callers tell a broken constraint apart. */
    static DataAccessException failure(String sql, SQLException e) {
        String message = "SQL [" + sql + "]; " + e.getMessage();
        SQLStateClass kind = e.getSQLState() == null ? SQLStateClass.OTHER
                : SQLStateClass.fromCode(e.getSQLState());
        return switch (kind) {
            case C22_DATA_EXCEPTION -> new DataException(message, e);
            case C23_INTEGRITY_CONSTRAINT_VIOLATION ->
                    new IntegrityConstraintViolationException(message, e);
            default -> new DataAccessException(message, e);
        };
    }
}
