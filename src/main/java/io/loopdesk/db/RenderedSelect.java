package io.loopdesk.db;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A select that jOOQ renders to SQL once, when its repository is built, instead of on every
 * call; each call binds only its values. Rendering is not free: for a read of one wide row by
 * primary key it took a third of the server's time for the read, so the reads every API call
 * makes are kept this way. The query is still written with jOOQ's DSL and checked against the
 * schema; its values are {@link DSL#param(String, org.jooq.Field) parameters} typed like the
 * columns they are compared with, and each call's values are bound with those types.
 */
public final class RenderedSelect<R extends Record> {

    private final DSLContext dsl;
    private final RenderedSql rendered;
    private final Table<R> table;
    private final Select<?> shape;

    private RenderedSelect(DSLContext dsl, Select<?> select, Table<R> table) {
        this.dsl = dsl;
        this.rendered = new RenderedSql(dsl, select);
        this.table = table;
        this.shape = select;
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
    public ResultQuery<R> with(Object... values) {
        ResultQuery<Record> query = dsl.resultQuery(rendered.sql, rendered.typed(values));
        return table != null ? query.coerce(table) : coerceToShape(query);
    }

    @SuppressWarnings("unchecked")
    private ResultQuery<R> coerceToShape(ResultQuery<Record> query) {
        return (ResultQuery<R>) query.coerce(shape.getSelect());
    }
}
