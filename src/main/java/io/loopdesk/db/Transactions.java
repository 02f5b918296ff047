package io.loopdesk.db;

import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;

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

    /**
     * Sends {@code write} with the commit of the thread's transaction, in one round trip with
     * it and after every write given before; outside a transaction it runs at once. For writes
     * to rows that concurrent transactions share: their locks are then held only for the
     * commit itself. Nothing later in the transaction sees such a write, so it is for rows the
     * transaction does not read again; when it fails, the transaction is rolled back and the
     * failure is what the transaction throws.
     */
    public static void atCommit(BoundWrite write) {
        if (write.configuration().transactionProvider() instanceof ExplicitTransactions t) {
            t.atCommit(write);
        } else {
            write.execute();
        }
    }

    /** {@link #atCommit(BoundWrite)} for a write built for this one call. */
    public static void atCommit(Query write) {
        if (write.configuration() == null) {
            throw new IllegalArgumentException("a write to send with the commit must be built"
                    + " by the database's DSLContext: " + write);
        }
        RenderedSql rendered = RenderedSql.once(DSL.using(write.configuration()), write);
        atCommit(new BoundWrite(write.configuration(), rendered.sql,
                rendered.storedOwnValues()));
    }

    /**
     * Sends the writes left for the commit of the thread's transaction now, for work later in
     * the transaction that must see them (a delete of what they wrote, say); nothing outside a
     * transaction. Refused inside an inner transaction, whose rollback would undo writes given
     * before it began.
     */
    public static void sendWritesNow(DSLContext dsl) {
        if (dsl.configuration().transactionProvider() instanceof ExplicitTransactions t) {
            t.sendWrites();
        }
    }
}
