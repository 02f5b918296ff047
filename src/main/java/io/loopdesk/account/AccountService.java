package io.loopdesk.account;

import io.loopdesk.Ids;
import io.loopdesk.problem.Conflict;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.problem.NotFound;
import io.loopdesk.problem.Unauthorized;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-up, log-in, browser sessions and API keys. */
public final class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Duration SESSION_LIFETIME = Duration.ofDays(14);
    private static final int FREE_FAILURES = 5;
    private static final Duration MAX_LOCKOUT = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountRepository accounts;
    private final ApiKeyRepository keys;
    private final SessionRepository sessions;
    private final Clock clock;

    public AccountService(AccountRepository accounts, ApiKeyRepository keys,
                          SessionRepository sessions, Clock clock) {
        this.accounts = accounts;
        this.keys = keys;
        this.sessions = sessions;
        this.clock = clock;
    }

    public Account signUp(String email, String name, String password) {
        String normalised = normaliseEmail(email);
        if (!EMAIL.matcher(normalised).matches() || normalised.length() > 254) {
            throw InvalidInput.validation("email must be a valid address");
        }
        String displayName = name == null ? "" : name.strip();
        if (displayName.isEmpty() || displayName.length() > 100) {
            throw InvalidInput.validation("name must be 1 to 100 characters");
        }
        if (password == null || password.length() < 8 || password.length() > 200) {
            throw InvalidInput.validation("password must be 8 to 200 characters");
        }

        Account account = new Account(Ids.next(), normalised, displayName, "active",
                clock.instant());
        try {
            accounts.insert(account, Passwords.hash(password), Ids.randomHex(32));
        } catch (IntegrityConstraintViolationException e) {
            throw new Conflict("An account with this email already exists");
        }
        log.info("account created account={}", account.id());
        return account;
    }

    /**
     * Checks a password. After a few failures for one address each further attempt must wait
     * longer (doubling, up to five minutes), which slows guessing without locking anyone out.
     */
    public Account logIn(String email, String password) {
        String normalised = normaliseEmail(email);
        Instant now = clock.instant();
        accounts.loginFailures(normalised).ifPresent(failures -> {
            Duration wait = lockout(failures.count());
            Instant openAt = failures.lastAt().plus(wait);
            if (now.isBefore(openAt)) {
                long seconds = Math.max(1, Duration.between(now, openAt).toSeconds());
                throw new InvalidInput("Too many failed log-ins. Try again in " + seconds
                        + (seconds == 1 ? " second." : " seconds."));
            }
        });

        Optional<Account> account = accounts.findByEmail(normalised);
        boolean valid = account.flatMap(a -> accounts.passwordHash(a.id()))
                .map(hash -> password != null && Passwords.matches(password, hash))
                .orElse(false);
        if (!valid) {
            accounts.recordLoginFailure(normalised, now);
            throw new Unauthorized("Wrong email or password");
        }
        accounts.clearLoginFailures(normalised);
        return account.get();
    }

    public StartedSession startSession(String accountId) {
        String token = randomToken();
        Account account = accounts.findById(accountId).orElseThrow();
        WebSession session = new WebSession(Secrets.sha256(token), accountId, account.name(),
                account.email(), randomToken(), clock.instant().plus(SESSION_LIFETIME));
        sessions.insert(session, clock.instant());
        return new StartedSession(token, session);
    }

    public Optional<WebSession> findSession(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return sessions.findLive(Secrets.sha256(token), clock.instant());
    }

    public void endSession(String token) {
        if (token != null && !token.isBlank()) {
            sessions.delete(Secrets.sha256(token));
        }
    }

    public Optional<Account> findAccount(String id) {
        return accounts.findById(id);
    }

    public boolean hasNoAccounts() {
        return accounts.isEmpty();
    }

    public IssuedKey createApiKey(String accountId, String name, Set<Permission> permissions,
                                  Optional<Integer> hourlyLimit) {
        String keyName = name == null ? "" : name.strip();
        if (keyName.isEmpty() || keyName.length() > 100) {
            throw InvalidInput.validation("name must be 1 to 100 characters");
        }
        if (permissions.isEmpty()) {
            throw InvalidInput.validation("permissions must name at least one permission");
        }
        String secret = "ld_" + Ids.randomHex(24);
        ApiKey key = new ApiKey(Ids.next(), accountId, keyName, secret.substring(0, 11),
                Set.copyOf(permissions), hourlyLimit, clock.instant(), Optional.empty(),
                Optional.empty());
        keys.insert(key, Secrets.sha256(secret));
        log.info("api key created account={} key={} prefix={}", accountId, key.id(), key.prefix());
        return new IssuedKey(key, secret);
    }

    /**
     * The live key for a secret, with its use of this hour's quota; marks the key used at most
     * once a minute to keep reads cheap.
     */
    public Optional<KeyInUse> resolveKey(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<KeyInUse> found = keys.findActiveByHash(Secrets.sha256(secret.strip()),
                now.truncatedTo(ChronoUnit.HOURS));
        found.map(KeyInUse::key)
                .filter(k -> k.lastUsedAt().map(t -> t.isBefore(now.minusSeconds(60))).orElse(true))
                .ifPresent(k -> keys.touch(k.id(), now));
        return found;
    }

    public List<ApiKey> listKeys(String accountId) {
        return keys.listForAccount(accountId);
    }

    public void revokeKey(String accountId, String keyId) {
        if (!keys.revoke(keyId, accountId, clock.instant())) {
            throw new NotFound("API key not found");
        }
        log.info("api key revoked account={} key={}", accountId, keyId);
    }

    private static Duration lockout(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(20, failures - FREE_FAILURES);
        return Duration.ofSeconds(Math.min(seconds, MAX_LOCKOUT.toSeconds()));
    }

    private static String normaliseEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The cookie value exists only here, on its way to the browser. */
    public record StartedSession(String token, WebSession session) {
    }
}
