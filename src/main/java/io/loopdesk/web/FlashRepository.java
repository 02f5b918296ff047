package io.loopdesk.web;

import static io.loopdesk.db.schema.Tables.SESSION_FLASH;

import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** Sealed one-time notes by session (its token's hash) and name. */
final class FlashRepository {

    private final DSLContext dsl;

    FlashRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Stores the note, replacing an earlier one of the same name that was never shown. */
    void save(String tokenHash, String name, String sealed, Instant expiresAt) {
        dsl.insertInto(SESSION_FLASH)
                .set(SESSION_FLASH.TOKEN_HASH, tokenHash)
                .set(SESSION_FLASH.NAME, name)
                .set(SESSION_FLASH.SEALED, sealed)
                .set(SESSION_FLASH.EXPIRES_AT, expiresAt)
                .onDuplicateKeyUpdate()
                .set(SESSION_FLASH.SEALED, sealed)
                .set(SESSION_FLASH.EXPIRES_AT, expiresAt)
                .execute();
    }

    Optional<String> findLive(String tokenHash, String name, Instant now) {
        return dsl.select(SESSION_FLASH.SEALED).from(SESSION_FLASH)
                .where(SESSION_FLASH.TOKEN_HASH.eq(tokenHash)
                        .and(SESSION_FLASH.NAME.eq(name))
                        .and(SESSION_FLASH.EXPIRES_AT.gt(now)))
                .fetchOptional(SESSION_FLASH.SEALED);
    }

    /** Whether this call removed exactly this note; false when another request took it first. */
    boolean delete(String tokenHash, String name, String sealed) {
        return dsl.deleteFrom(SESSION_FLASH)
                .where(SESSION_FLASH.TOKEN_HASH.eq(tokenHash)
                        .and(SESSION_FLASH.NAME.eq(name))
                        .and(SESSION_FLASH.SEALED.eq(sealed)))
                .execute() == 1;
    }

    int deleteExpired(Instant now) {
        return dsl.deleteFrom(SESSION_FLASH).where(SESSION_FLASH.EXPIRES_AT.le(now)).execute();
    }
}
