package io.loopdesk.db;

import java.util.List;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.QueryPart;

/**
 * A statement's SQL, rendered by jOOQ once, and its open parameters: what
 * {@link RenderedSelect} and {@link RenderedWrite} bind each call's values to.
 */
final class RenderedSql {

    final String sql;
    private final List<Param<?>> params;

    RenderedSql(DSLContext dsl, QueryPart statement) {
        this(dsl, statement, true);
    }

    /**
     * {@code reused}: the SQL serves many calls, each binding values of its own, so every open
     * parameter must be named; a statement rendered for one call binds its own values.
     */
    private RenderedSql(DSLContext dsl, QueryPart statement, boolean reused) {
        this.sql = dsl.render(statement);
        this.params = dsl.extractParams(statement).values().stream()
                .filter(param -> !param.isInline())
                .toList();
        if (params.size() != dsl.extractBindValues(statement).size()) {
            throw new IllegalArgumentException("Each parameter needs a name of its own: " + sql);
        }
        for (Param<?> param : reused ? params : List.<Param<?>>of()) {
            // A value written into the query (eq("x"), isTrue()) is bound like a parameter, and
            // every call would have to repeat it: such values must be inlined.
            if (param.getParamName() == null) {
                throw new IllegalArgumentException("Only named parameters may be left open;"
                        + " inline the value " + param + " in: " + sql);
            }
        }
    }

    /** A statement built for one call, with the values written into it. */
    static RenderedSql once(DSLContext dsl, QueryPart statement) {
        return new RenderedSql(dsl, statement, false);
    }

    /**
     * The values, in the order their parameters appear in the SQL, as the database stores them,
     * for JDBC; a value of another Java type than its parameter's (a sign of values given out of
     * order) is refused.
     */
    Object[] stored(Object... values) {
        if (values.length != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " values, got "
                    + values.length);
        }
        Object[] stored = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Param<?> param = params.get(i);
            if (values[i] != null && !param.getType().isInstance(values[i])) {
                throw new IllegalArgumentException("parameter " + param.getParamName()
                        + " takes " + param.getType().getSimpleName() + ", got "
                        + values[i].getClass().getSimpleName());
            }
            stored[i] = toStored(param, values[i]);
        }
        return stored;
    }

    /** The values the statement was built with, as the database stores them. */
    Object[] storedOwnValues() {
        return params.stream().map(param -> toStored(param, param.getValue())).toArray();
    }

    /** Through the parameter's converter: an Instant becomes the UTC LocalDateTime stored. */
    @SuppressWarnings("unchecked")
    private static Object toStored(Param<?> param, Object value) {
        return ((Converter<Object, Object>) param.getDataType().getConverter()).to(value);
    }
}
