package io.loopdesk.db;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

/**
 * A statement's SQL, rendered by jOOQ once, and its open parameters: what
 * {@link RenderedSelect} and {@link RenderedWrite} bind each call's values to.
 */
final class RenderedSql {

    final String sql;
    private final List<Param<?>> params;

    RenderedSql(DSLContext dsl, QueryPart statement) {
        this.sql = dsl.render(statement);
        this.params = dsl.extractParams(statement).values().stream()
                .filter(param -> !param.isInline())
                .toList();
        if (params.size() != dsl.extractBindValues(statement).size()) {
            throw new IllegalArgumentException("Each parameter needs a name of its own: " + sql);
        }
        for (Param<?> param : params) {
            // A value written into the query (eq("x"), isTrue()) is bound like a parameter, and
            // every call would have to repeat it: such values must be inlined.
            if (param.getParamName() == null) {
                throw new IllegalArgumentException("Only named parameters may be left open;"
                        + " inline the value " + param + " in: " + sql);
            }
        }
    }

    /**
     * The values, in the order their parameters appear in the SQL, each typed like its
     * parameter; a value of another Java type (a sign of values given out of order) is refused.
     */
    Object[] typed(Object... values) {
        if (values.length != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " values, got "
                    + values.length);
        }
        Object[] typed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Param<?> param = params.get(i);
            if (values[i] != null && !param.getType().isInstance(values[i])) {
                throw new IllegalArgumentException("parameter " + param.getParamName()
                        + " takes " + param.getType().getSimpleName() + ", got "
                        + values[i].getClass().getSimpleName());
            }
            typed[i] = DSL.val(values[i], param.getDataType());
        }
        return typed;
    }
}
