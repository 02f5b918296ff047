package io.loopdesk.db;

import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.ContextConverter;
import org.jooq.Converter;
import org.jooq.impl.DefaultBinding;

/**
 * How a DATETIME column's moments travel: as {@link LocalDateTime}s holding the UTC wall-clock
 * time (see {@link InstantConverter}), never as {@link java.sql.Timestamp}s, which jOOQ would use
 * by default.
 *
 * <p>A Timestamp lives in the process's default zone and is taken apart through a calendar on
 * every read, which made reading the moments of a page of requests a third of reading the rows.
 * Sent as a parameter of a statement prepared on the server, it also arrives as the TIMESTAMP
 * type, and the server then finds no row whose indexed DATETIME equals a moment after 2038. A
 * LocalDateTime is written and read by the driver as the wall-clock time it is, in any zone.
 *
 * <p>Only binding and reading values are done here; the SQL for a parameter, or a moment inlined
 * as a literal, is jOOQ's own.
 */
public final class InstantBinding implements Binding<LocalDateTime, Instant> {

    private static final InstantConverter CONVERTER = new InstantConverter();
    private static final Binding<LocalDateTime, Instant> JOOQ =
            DefaultBinding.binding(ContextConverter.scoped(CONVERTER));

    @Override
    public Converter<LocalDateTime, Instant> converter() {
        return CONVERTER;
    }

    @Override
    public void sql(BindingSQLContext<Instant> ctx) throws SQLException {
        JOOQ.sql(ctx);
    }

    @Override
    public void set(BindingSetStatementContext<Instant> ctx) throws SQLException {
        LocalDateTime stored = CONVERTER.to(ctx.value());
        if (stored == null) {
            ctx.statement().setNull(ctx.index(), Types.TIMESTAMP);
        } else {
            ctx.statement().setObject(ctx.index(), stored);
        }
    }

    @Override
    public void get(BindingGetResultSetContext<Instant> ctx) throws SQLException {
        ctx.value(CONVERTER.from(ctx.resultSet().getObject(ctx.index(), LocalDateTime.class)));
    }

    // Stored procedures and user-defined types are not used; jOOQ's own ways serve them.

    @Override
    public void register(BindingRegisterContext<Instant> ctx) throws SQLException {
        JOOQ.register(ctx);
    }

    @Override
    public void set(BindingSetSQLOutputContext<Instant> ctx) throws SQLException {
        JOOQ.set(ctx);
    }

    @Override
    public void get(BindingGetStatementContext<Instant> ctx) throws SQLException {
        JOOQ.get(ctx);
    }

    @Override
    public void get(BindingGetSQLInputContext<Instant> ctx) throws SQLException {
        JOOQ.get(ctx);
    }
}
