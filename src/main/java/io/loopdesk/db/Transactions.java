package io.loopdesk.db;

import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Runs work in one database transaction. The transaction's connection is bound to the thread
 * (see {@link ExplicitTransactions}), so repositories built on the shared {@link DSLContext} take
 * part in the surrounding transaction without being told.
 */
public final class Transactions {

    private final DSLContext dsl;

    public Transactions(DSLContext dsl) {
        this.dsl = dsl;
    }

    public <T> T inTransaction(Supplier<T> work) {
        return dsl.transactionResult(configuration -> work.get());
    }

    public void inTransaction(Runnable work) {
        dsl.transaction(configuration -> work.run());
    }
}
