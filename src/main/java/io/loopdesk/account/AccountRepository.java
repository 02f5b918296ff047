package io.loopdesk.account;

import static io.loopdesk.db.schema.Tables.ACCOUNT;
import static io.loopdesk.db.schema.Tables.LOGIN_THROTTLE;

import io.loopdesk.db.schema.tables.records.AccountRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Accounts, their password hashes and signing secrets, and failed log-in counts. */
public final class AccountRepository {

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
        return dsl.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOptional(AccountRepository::toAccount);
    }

    public List<Account> findByIds(Collection<String> ids) {
        return dsl.selectFrom(ACCOUNT).where(ACCOUNT.ID.in(ids)).fetch(AccountRepository::toAccount);
    }

    public Optional<Account> findByEmail(String email) {
        return dsl.selectFrom(ACCOUNT).where(ACCOUNT.EMAIL.eq(email))
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

    /** The account a row of its table holds, also when read joined to another table. */
    public static Account toAccount(AccountRecord r) {
        return new Account(r.getId(), r.getEmail(), r.getName(), r.getStatus(), r.getCreatedAt());
    }

    public record LoginFailures(int count, Instant lastAt) {
    }
}
