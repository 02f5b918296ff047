package io.loopdesk.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.exception.TooManyRowsException;
import org.jooq.impl.DSL;

/**
 * A select that jOOQ renders to SQL once, when its repository is built, instead of on every
 * call; each call binds only its values, straight through JDBC, and jOOQ reads the rows into
 * records typed like the select's fields. Rendering is not free: for a read of one wide row by
 * primary key it took a third of the server's time for the read, so the reads every API call
 * makes are kept this way. The query is still written with jOOQ's DSL and checked against the
 * schema; its values are {@link DSL#param(String, org.jooq.Field) parameters} typed like the
 * columns they are compared with, and each call's values are converted as those columns store
 * them.
 *
 * <p>In a transaction that has sent nothing yet, the select carries its
 * {@code START TRANSACTION} in the same round trip, as {@link ExplicitTransactions} puts it
 * ahead of any other first select.
 */
public final class RenderedSelect<R extends Record> {

    private final DSLContext dsl;
    private final RenderedSql rendered;
    private final Table<R> table;
    private final Field<?>[] fields;

    private RenderedSelect(DSLContext dsl, Select<?> select, Table<R> table) {
        this.dsl = dsl;
        this.rendered = new RenderedSql(dsl, select);
        this.table = table;
        this.fields = table != null ? table.fields() : select.getSelect().toArray(Field[]::new);
    }

    /** A select whose rows are {@code table}'s records. */
    public static <R extends Record> RenderedSelect<R> of(DSLContext dsl, Table<R> table,
                                                          Select<R> select) {
        return new RenderedSelect<>(dsl, select, table);
    }

    /** A select of any columns, read by the fields it selects. */
    public static RenderedSelect<Record> of(DSLContext dsl, Select<?> select) {
        return new RenderedSelect<>(dsl, select, null);
    }

    /** The select with these values, in the order their parameters appear in its SQL. */
    public Bound with(Object... values) {
        return new Bound(rendered.stored(values));
    }

    /** One call's select, ready to be sent. */
    public final class Bound {

        private final Object[] values;

        private Bound(Object[] values) {
            this.values = values;
        }

        public Result<R> fetch() {
            boolean begins = dsl.configuration().transactionProvider()
                    instanceof ExplicitTransactions transactions && transactions.beginHere();
            String sql = begins ? ExplicitTransactions.BEGIN + rendered.sql : rendered.sql;
            ConnectionProvider connections = dsl.configuration().connectionProvider();
            Connection connection = connections.acquire();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                BoundWrite.bind(statement, 1, values);
                statement.execute();
                if (begins) {
                    statement.getMoreResults(); // the START TRANSACTION's count comes first
                }
                try (ResultSet rows = statement.getResultSet()) {
                    Result<Record> read = dsl.fetch(rows, fields);
                    return table != null ? read.into(table) : cast(read);
                }
            } catch (SQLException e) {
                throw BoundWrite.failure(sql, e);
            } finally {
                connections.release(connection);
            }
        }

        public <T> List<T> fetch(RecordMapper<? super R, T> mapper) {
            return fetch().map(mapper);
        }

        public <T> Optional<T> fetchOptional(RecordMapper<? super R, T> mapper) {
            Result<R> rows = fetch();
            if (rows.size() > 1) {
                throw new TooManyRowsException("expected at most one row: " + rendered.sql);
            }
            return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(mapper.map(rows.get(0)));
        }

        public <T> T fetchOne(Field<T> field) {
            return fetchOptional(row -> row.get(field)).orElse(null);
        }
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> Result<R> cast(Result<Record> rows) {
        return (Result<R>) rows;
    }
}
