package io.loopdesk.account;

import static io.loopdesk.db.schema.Tables.API_KEY;
import static io.loopdesk.db.schema.Tables.QUOTA_USAGE;
import static io.loopdesk.db.schema.Tables.WEBHOOK_ENDPOINT;

import io.loopdesk.db.RenderedSelect;
import io.loopdesk.db.schema.tables.records.ApiKeyRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** API keys by hash; listing and revoking are always scoped to the owning account. */
public final class ApiKeyRepository {

    private final DSLContext dsl;
    private static final String HAS_ENDPOINTS = "has_endpoints";
    /** What every API call runs first: rendered once (see RenderedSelect). */
    private final RenderedSelect<Record> activeByHash;

    public ApiKeyRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.activeByHash = RenderedSelect.of(dsl, dsl.select(API_KEY.asterisk(), QUOTA_USAGE.USED,
                        DSL.field(DSL.exists(DSL.selectOne().from(WEBHOOK_ENDPOINT)
                                .where(WEBHOOK_ENDPOINT.ACCOUNT_ID.eq(API_KEY.ACCOUNT_ID))
                                .and(WEBHOOK_ENDPOINT.ENABLED.eq(DSL.inline(true)))))
                                .as(HAS_ENDPOINTS))
                .from(API_KEY)
                .leftJoin(QUOTA_USAGE).on(QUOTA_USAGE.API_KEY_ID.eq(API_KEY.ID)
                        .and(QUOTA_USAGE.HOUR_START.eq(
                                DSL.param("hour", QUOTA_USAGE.HOUR_START))))
                .where(API_KEY.SECRET_HASH.eq(DSL.param("hash", API_KEY.SECRET_HASH))
                        .and(API_KEY.REVOKED_AT.isNull())));
    }

    public void insert(ApiKey key, String secretHash) {
        dsl.insertInto(API_KEY)
                .set(API_KEY.ID, key.id())
                .set(API_KEY.ACCOUNT_ID, key.accountId())
                .set(API_KEY.NAME, key.name())
                .set(API_KEY.PREFIX, key.prefix())
                .set(API_KEY.SECRET_HASH, secretHash)
                .set(API_KEY.PERMISSIONS, Permission.encode(key.permissions()))
                .set(API_KEY.HOURLY_LIMIT, key.hourlyLimit().orElse(null))
                .set(API_KEY.CREATED_AT, key.createdAt())
                .execute();
    }

    /**
     * The live key with this hash, and its quota use in {@code hour} joined in: every API call
     * needs both, the key to authenticate and the use for its rate-limit headers. Also whether
     * its account has an enabled webhook endpoint, so that a change made by a script of an
     * account without any need not look for them again.
     */
    public Optional<KeyInUse> findActiveByHash(String secretHash, Instant hour) {
        return activeByHash.with(hour, secretHash)
                .fetchOptional(r -> new KeyInUse(toKey(r.into(API_KEY)), hour,
                        r.get(QUOTA_USAGE.USED) == null ? 0 : r.get(QUOTA_USAGE.USED),
                        Boolean.TRUE.equals(r.get(HAS_ENDPOINTS, Boolean.class))));
    }

    public Optional<ApiKey> findForAccount(String id, String accountId) {
        return dsl.selectFrom(API_KEY)
                .where(API_KEY.ID.eq(id).and(API_KEY.ACCOUNT_ID.eq(accountId)))
                .fetchOptional(this::toKey);
    }

    public List<ApiKey> listForAccount(String accountId) {
        return dsl.selectFrom(API_KEY)
                .where(API_KEY.ACCOUNT_ID.eq(accountId))
                .orderBy(API_KEY.CREATED_AT.desc())
                .fetch(this::toKey);
    }

    public boolean revoke(String id, String accountId, Instant now) {
        return dsl.update(API_KEY)
                .set(API_KEY.REVOKED_AT, now)
                .where(API_KEY.ID.eq(id)
                        .and(API_KEY.ACCOUNT_ID.eq(accountId))
                        .and(API_KEY.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    public void touch(String id, Instant now) {
        dsl.update(API_KEY).set(API_KEY.LAST_USED_AT, now).where(API_KEY.ID.eq(id)).execute();
    }

    private ApiKey toKey(ApiKeyRecord r) {
        return new ApiKey(r.getId(), r.getAccountId(), r.getName(), r.getPrefix(),
                Permission.decode(r.getPermissions()), Optional.ofNullable(r.getHourlyLimit()),
                r.getCreatedAt(), Optional.ofNullable(r.getLastUsedAt()),
                Optional.ofNullable(r.getRevokedAt()));
    }
}
