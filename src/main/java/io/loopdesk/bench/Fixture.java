package io.loopdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.account.AccountRepository;
import io.loopdesk.account.AccountService;
import io.loopdesk.account.ApiKeyRepository;
import io.loopdesk.account.IssuedKey;
import io.loopdesk.account.Permission;
import io.loopdesk.account.SessionRepository;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The people of a run: accounts and API keys are made with the product's own account service on
 * the benchmark's connection pool (there is no sign-up API); loops and memberships go through
 * the HTTP API like any client's.
 */
final class Fixture {

    /** An account with one API key; {@code keyId} names the key in {@code quota_usage}. */
    record Person(String id, String name, String apiKey, String keyId) {
    }

    private final AccountService accounts;
    private final int port;

    Fixture(DSLContext dsl, int port) {
        this.accounts = new AccountService(new AccountRepository(dsl), new ApiKeyRepository(dsl),
                new SessionRepository(dsl), Clock.systemUTC());
        this.port = port;
    }

    Person person(String name) {
        String email = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID()
                + "@bench.test";
        var account = accounts.signUp(email, name, "bench password " + UUID.randomUUID());
        return withKey(account.id(), name);
    }

    /** Another key for the same account, so that its quota use can be checked on its own. */
    Person anotherKey(Person person) {
        return withKey(person.id(), person.name());
    }

    private Person withKey(String accountId, String name) {
        IssuedKey key = accounts.createApiKey(accountId, "bench", Permission.all(),
                Optional.empty());
        return new Person(accountId, name, key.secret(), key.key().id());
    }

    /** A browser session cookie value for the dashboard's pages. */
    String session(Person person) {
        return accounts.startSession(person.id()).token();
    }

    /** Creates a loop owned by {@code owner}; answers its id and invite code. */
    String[] loop(Person owner, String name) {
        try (Api api = Api.withKey(port, owner.apiKey())) {
            JsonNode data = api.postExpecting(201, "/v1/api/loops", Map.of("name", name));
            return new String[] {data.path("loop").path("id").asText(),
                data.path("invite_code").asText()};
        }
    }

    void join(Person member, String inviteCode) {
        try (Api api = Api.withKey(port, member.apiKey())) {
            api.postExpecting(200, "/v1/api/loops/join", Map.of("invite_code", inviteCode));
        }
    }
}
