package io.loopdesk.account;

import static io.loopdesk.db.schema.Tables.ACCOUNT;
import static io.loopdesk.db.schema.Tables.LOGIN_THROTTLE;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/** Accounts, their password hashes and signing secrets, and failed log-in counts. */
public final class AccountRepository {

    /** The columns an account is read by: never its password hash or signing secret. */
    public static final List<Field<?>> SHOWN = List.of(ACCOUNT.ID, ACCOUNT.EMAIL, ACCOUNT.NAME,
            ACCOUNT.STATUS, ACCOUNT.CREATED_AT);

    private final DSLContext dsl;

    public AccountRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(Account account, String passwordHash, String signingSecret) {
        dsl.insertInto(ACCOUNT)
                .set(ACCOUNT.ID, account.id())
                .set(ACCOUNT.EMAIL, account.email())
                .set(ACCOUNT.NAME, account.name())
                .set(ACCOUNT.PASSWORD_HASH, passwordHash)
                .set(ACCOUNT.STATUS, account.status())
                .set(ACCOUNT.SIGNING_SECRET, signingSecret)
                .set(ACCOUNT.CREATED_AT, account.createdAt())
                .execute();
    }

    public Optional<Account> findById(String id) {
        return dsl.select(SHOWN).from(ACCOUNT).where(ACCOUNT.ID.eq(id))
                .fetchOptional(AccountRepository::toAccount);
    }

    public List<Account> findByIds(Collection<String> ids) {
        return dsl.select(SHOWN).from(ACCOUNT).where(ACCOUNT.ID.in(ids))
                .fetch(AccountRepository::toAccount);
    }

    public Optional<Account> findByEmail(String email) {
        return dsl.select(SHOWN).from(ACCOUNT).where(ACCOUNT.EMAIL.eq(email))
                .fetchOptional(AccountRepository::toAccount);
    }

    public Optional<String> passwordHash(String accountId) {
        return dsl.select(ACCOUNT.PASSWORD_HASH).from(ACCOUNT).where(ACCOUNT.ID.eq(accountId))
                .fetchOptional(ACCOUNT.PASSWORD_HASH);
    }

    public Optional<String> signingSecret(String accountId) {
        return dsl.select(ACCOUNT.SIGNING_SECRET).from(ACCOUNT).where(ACCOUNT.ID.eq(accountId))
                .fetchOptional(ACCOUNT.SIGNING_SECRET);
    }

    public boolean isEmpty() {
        return !dsl.fetchExists(ACCOUNT);
    }

    /** Recent failed log-ins for this address: how many, and the last one's time. */
    public Optional<LoginFailures> loginFailures(String email) {
        return dsl.selectFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.EMAIL.eq(email))
                .fetchOptional(r -> new LoginFailures(r.getFailures(), r.getLastFailureAt()));
    }

    public void recordLoginFailure(String email, Instant now) {
        dsl.insertInto(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.EMAIL, email)
                .set(LOGIN_THROTTLE.FAILURES, 1)
                .set(LOGIN_THROTTLE.LAST_FAILURE_AT, now)
                .onDuplicateKeyUpdate()
                .set(LOGIN_THROTTLE.FAILURES, LOGIN_THROTTLE.FAILURES.plus(1))
                .set(LOGIN_THROTTLE.LAST_FAILURE_AT, now)
                .execute();
    }

    public void clearLoginFailures(String email) {
        dsl.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.EMAIL.eq(email)).execute();
    }

    /**
     * The account in a row read with {@link #SHOWN}, also joined to another table; null where
     * an outer join found none.
     */
    public static Account toAccount(Record r) {
        String id = r.get(ACCOUNT.ID);
        return id == null ? null : new Account(id, r.get(ACCOUNT.EMAIL), r.get(ACCOUNT.NAME),
                r.get(ACCOUNT.STATUS), r.get(ACCOUNT.CREATED_AT));
    }

    public record LoginFailures(int count, Instant lastAt) {
    }
}
