package io.loopdesk.webhook;

import static io.loopdesk.db.schema.Tables.WEBHOOK_ENDPOINT;

import io.loopdesk.db.RenderedSelect;
import io.loopdesk.db.schema.tables.records.WebhookEndpointRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Webhook endpoints, always read within their account. */
public final class EndpointRepository {

    private final DSLContext dsl;
    /** What every change of a request runs: rendered once (see RenderedSelect). */
    private final RenderedSelect<WebhookEndpointRecord> enabled;

    public EndpointRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.enabled = RenderedSelect.of(dsl, WEBHOOK_ENDPOINT, dsl.selectFrom(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.ACCOUNT_ID.eq(
                        DSL.param("account_id", WEBHOOK_ENDPOINT.ACCOUNT_ID)))
                .and(WEBHOOK_ENDPOINT.ENABLED.eq(DSL.inline(true)))
                .orderBy(WEBHOOK_ENDPOINT.CREATED_AT, WEBHOOK_ENDPOINT.ID));
    }

    public void insert(WebhookEndpoint endpoint) {
        dsl.insertInto(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.ID, endpoint.id())
                .set(WEBHOOK_ENDPOINT.ACCOUNT_ID, endpoint.accountId())
                .set(WEBHOOK_ENDPOINT.URL, endpoint.url())
                .set(WEBHOOK_ENDPOINT.DESCRIPTION, endpoint.description())
                .set(WEBHOOK_ENDPOINT.EVENTS, EventType.encode(endpoint.events()))
                // LIMITATION: the secret is stored as it is, because signing needs it (it cannot be
                // hashed like an API key) — encrypting it at rest needs an operator-held key,
                // which Loopdesk has no setting for yet.
                .set(WEBHOOK_ENDPOINT.SECRET, endpoint.secret())
                .set(WEBHOOK_ENDPOINT.ENABLED, endpoint.enabled())
                .set(WEBHOOK_ENDPOINT.DISABLED_REASON, endpoint.disabledReason())
                .set(WEBHOOK_ENDPOINT.CREATED_AT, endpoint.createdAt())
                .set(WEBHOOK_ENDPOINT.UPDATED_AT, endpoint.updatedAt())
                .execute();
    }

    public Optional<WebhookEndpoint> findById(String id) {
        return dsl.selectFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ID.eq(id))
                .fetchOptional(EndpointRepository::toEndpoint);
    }

    public Optional<WebhookEndpoint> findForAccount(String id, String accountId) {
        return dsl.selectFrom(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.ID.eq(id))
                .and(WEBHOOK_ENDPOINT.ACCOUNT_ID.eq(accountId))
                .fetchOptional(EndpointRepository::toEndpoint);
    }

    public List<WebhookEndpoint> listForAccount(String accountId) {
        return dsl.selectFrom(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.ACCOUNT_ID.eq(accountId))
                .orderBy(WEBHOOK_ENDPOINT.CREATED_AT, WEBHOOK_ENDPOINT.ID)
                .fetch(EndpointRepository::toEndpoint);
    }

    public List<WebhookEndpoint> enabledForAccount(String accountId) {
        return enabled.with(accountId).fetch(EndpointRepository::toEndpoint);
    }

    public int countForAccount(String accountId) {
        return dsl.fetchCount(WEBHOOK_ENDPOINT, WEBHOOK_ENDPOINT.ACCOUNT_ID.eq(accountId));
    }

    public void update(WebhookEndpoint endpoint) {
        dsl.update(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.URL, endpoint.url())
                .set(WEBHOOK_ENDPOINT.DESCRIPTION, endpoint.description())
                .set(WEBHOOK_ENDPOINT.EVENTS, EventType.encode(endpoint.events()))
                .set(WEBHOOK_ENDPOINT.SECRET, endpoint.secret())
                .set(WEBHOOK_ENDPOINT.ENABLED, endpoint.enabled())
                .set(WEBHOOK_ENDPOINT.DISABLED_REASON, endpoint.disabledReason())
                .set(WEBHOOK_ENDPOINT.UPDATED_AT, endpoint.updatedAt())
                .where(WEBHOOK_ENDPOINT.ID.eq(endpoint.id()))
                .and(WEBHOOK_ENDPOINT.ACCOUNT_ID.eq(endpoint.accountId()))
                .execute();
    }

    /** Switches an endpoint off because its receiver said so; false if it already was off. */
    public boolean disable(String id, String reason, Instant now) {
        return dsl.update(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.ENABLED, false)
                .set(WEBHOOK_ENDPOINT.DISABLED_REASON, reason)
                .set(WEBHOOK_ENDPOINT.UPDATED_AT, now)
                .where(WEBHOOK_ENDPOINT.ID.eq(id))
                .and(WEBHOOK_ENDPOINT.ENABLED.isTrue())
                .execute() == 1;
    }

    public boolean delete(String id, String accountId) {
        return dsl.deleteFrom(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.ID.eq(id))
                .and(WEBHOOK_ENDPOINT.ACCOUNT_ID.eq(accountId))
                .execute() == 1;
    }

    private static WebhookEndpoint toEndpoint(WebhookEndpointRecord r) {
        return new WebhookEndpoint(r.getId(), r.getAccountId(), r.getUrl(), r.getDescription(),
                EventType.decode(r.getEvents()), r.getSecret(), r.getEnabled(),
                r.getDisabledReason(), r.getCreatedAt(), r.getUpdatedAt());
    }
}
