package io.loopdesk.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A session is found by its token's hash, with its account, until the moment it expires. */
class SessionRepositoryTest {

    private final TestServer server = TestServer.get();
    private final SessionRepository sessions =
            new SessionRepository(server.app().database().dsl());

    @Test
    void aSessionLivesUntilItExpiresAndOnlyUnderItsOwnHash() {
        Person person = server.newPerson("Session holder");
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        Instant expires = now.plus(14, ChronoUnit.DAYS);
        String hash = Secrets.sha256(UUID.randomUUID().toString());
        sessions.insert(new WebSession(hash, person.id(), null, null, "csrf-" + hash.substring(0, 16), expires),
                now);

        WebSession found = sessions.findLive(hash, now).orElseThrow();
        assertThat(found.accountId()).isEqualTo(person.id());
        assertThat(found.accountName()).isEqualTo(person.name());
        assertThat(found.accountEmail()).isEqualTo(person.email());
        assertThat(found.csrfToken()).isEqualTo("csrf-" + hash.substring(0, 16));
        assertThat(found.expiresAt()).isEqualTo(expires);

        assertThat(sessions.findLive(hash, expires.minusNanos(1_000))).isPresent();
        assertThat(sessions.findLive(hash, expires)).isEmpty();
        assertThat(sessions.findLive(Secrets.sha256("another token"), now)).isEmpty();
    }
}
