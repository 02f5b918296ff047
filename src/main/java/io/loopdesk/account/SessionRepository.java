package io.loopdesk.account;

import static io.loopdesk.db.schema.Tables.ACCOUNT;
import static io.loopdesk.db.schema.Tables.WEB_SESSION;

import io.loopdesk.db.RenderedSelect;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Browser sessions, in the database so that any server process can serve any browser. */
public final class SessionRepository {

    private final DSLContext dsl;
    /** What every page and every poll of an open page runs first: rendered once. */
    private final RenderedSelect<Record> live;

    public SessionRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.live = RenderedSelect.of(dsl, dsl.select(WEB_SESSION.TOKEN_HASH,
                        WEB_SESSION.ACCOUNT_ID, ACCOUNT.NAME, ACCOUNT.EMAIL,
                        WEB_SESSION.CSRF_TOKEN, WEB_SESSION.EXPIRES_AT)
                .from(WEB_SESSION)
                .join(ACCOUNT).on(ACCOUNT.ID.eq(WEB_SESSION.ACCOUNT_ID))
                .where(WEB_SESSION.TOKEN_HASH.eq(DSL.param("hash", WEB_SESSION.TOKEN_HASH))
                        .and(WEB_SESSION.EXPIRES_AT.gt(
                                DSL.param("now", WEB_SESSION.EXPIRES_AT)))));
    }

    public void insert(WebSession session, Instant now) {
        dsl.insertInto(WEB_SESSION)
                .set(WEB_SESSION.TOKEN_HASH, session.tokenHash())
                .set(WEB_SESSION.ACCOUNT_ID, session.accountId())
                .set(WEB_SESSION.CSRF_TOKEN, session.csrfToken())
                .set(WEB_SESSION.CREATED_AT, now)
                .set(WEB_SESSION.EXPIRES_AT, session.expiresAt())
                .execute();
    }

    /** The live session of that token hash, with its account's name and email. */
    public Optional<WebSession> findLive(String tokenHash, Instant now) {
        return live.with(tokenHash, now).fetchOptional(r -> new WebSession(
                r.get(WEB_SESSION.TOKEN_HASH), r.get(WEB_SESSION.ACCOUNT_ID), r.get(ACCOUNT.NAME),
                r.get(ACCOUNT.EMAIL), r.get(WEB_SESSION.CSRF_TOKEN),
                r.get(WEB_SESSION.EXPIRES_AT)));
    }

    public void delete(String tokenHash) {
        dsl.deleteFrom(WEB_SESSION).where(WEB_SESSION.TOKEN_HASH.eq(tokenHash)).execute();
    }

    public int deleteExpired(Instant now) {
        return dsl.deleteFrom(WEB_SESSION).where(WEB_SESSION.EXPIRES_AT.le(now)).execute();
    }
}
