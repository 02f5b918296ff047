package io.loopdesk.db;

import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A write that jOOQ renders to SQL once, like {@link RenderedSelect}: for the writes every create
 * and cancel sends with its commit, rendering them anew each time took a sixth of the server's
 * time. The statement is written with jOOQ's DSL; its values are
 * {@link DSL#param(String, Field) named parameters}, converted on each call as their columns
 * store them and bound straight through JDBC.
 */
public final class RenderedWrite {

    private final DSLContext dsl;
    private final RenderedSql rendered;

    private RenderedWrite(DSLContext dsl, Query statement) {
        this.dsl = dsl;
        this.rendered = new RenderedSql(dsl, statement);
    }

    public static RenderedWrite of(DSLContext dsl, Query statement) {
        return new RenderedWrite(dsl, statement);
    }

    /** An insert of one row; {@link #with} takes its values in the order of {@code fields}. */
    public static RenderedWrite insert(DSLContext dsl, Table<?> table, Field<?>... fields) {
        return new RenderedWrite(dsl, dsl.insertInto(table, fields)
                .values(Arrays.stream(fields).map(RenderedWrite::paramFor).toList()));
    }

    /** The write with these values, in the order its parameters appear in its SQL. */
    public BoundWrite with(Object... values) {
        return new BoundWrite(dsl.configuration(), rendered.sql, rendered.stored(values));
    }

    private static <T> Field<T> paramFor(Field<T> field) {
        return DSL.param(field.getName(), field);
    }
}
