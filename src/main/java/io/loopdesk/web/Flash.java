package io.loopdesk.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.loopdesk.account.Secrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;

/**
 * A note for the next page a signed-in browser sees, shown once: what a form's answer would
 * have said, had it not been a redirect (Post/Redirect/Get). Notes live in the database, so
 * that any server process may serve that next page, and are sealed with a key derived from the
 * browser's session token: the database holds only the token's hash, so it cannot open them.
 * Taking a note deletes it; a note nobody takes expires after a few minutes.
 *
 * <p>A cookie names the notes waiting (not their contents), so that the pages of a browser
 * with none, nearly every page, do not ask the database.
 */
public final class Flash {

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] KEY_PURPOSE = "loopdesk flash".getBytes(StandardCharsets.UTF_8);
    private static final String WAITING_COOKIE = "loopdesk_flash";
    private static final Pattern NAME = Pattern.compile("[a-z_]{1,40}");

    private final FlashRepository notes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Flash(DSLContext dsl, Clock clock) {
        this.notes = new FlashRepository(dsl);
        this.clock = clock;
    }

    /** Leaves {@code value} under {@code name} for this browser's next page. */
    public void put(Context ctx, String name, String value) {
        String token = sessionToken(ctx)
                .orElseThrow(() -> new IllegalStateException("a flash needs a session"));
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a flash name is a few lowercase letters");
        }
        Instant now = clock.instant();
        notes.deleteExpired(now);
        notes.save(Secrets.sha256(token), name, seal(token, name, value), now.plus(LIFETIME));
        Set<String> waiting = waiting(ctx);
        waiting.add(name);
        markWaiting(ctx, waiting);
    }

    /** The note under {@code name}, once: a second call, here or in any process, finds none. */
    public Optional<String> take(Context ctx, String name) {
        Optional<String> token = sessionToken(ctx);
        Set<String> waiting = waiting(ctx);
        if (token.isEmpty() || !waiting.remove(name)) {
            return Optional.empty();
        }
        markWaiting(ctx, waiting);
        String tokenHash = Secrets.sha256(token.get());
        Optional<String> sealed = notes.findLive(tokenHash, name, clock.instant());
        if (sealed.isEmpty() || !notes.delete(tokenHash, name, sealed.get())) {
            return Optional.empty();
        }
        return open(token.get(), name, sealed.get());
    }

    /** The names of the notes this browser has waiting, as this request last left them. */
    private static Set<String> waiting(Context ctx) {
        Set<String> names = ctx.attribute(WAITING_COOKIE);
        if (names == null) {
            String cookie = ctx.cookie(WAITING_COOKIE);
            names = new TreeSet<>();
            if (cookie != null) {
                Arrays.stream(cookie.split("\\.")).filter(n -> NAME.matcher(n).matches())
                        .forEach(names::add);
            }
            ctx.attribute(WAITING_COOKIE, names);
        }
        return names;
    }

    private static void markWaiting(Context ctx, Set<String> names) {
        ctx.attribute(WAITING_COOKIE, names);
        int maxAge = names.isEmpty() ? 0 : (int) LIFETIME.toSeconds();
        ctx.cookie(new Cookie(WAITING_COOKIE, String.join(".", names), "/", maxAge,
                Authentication.overHttps(ctx), true, null, SameSite.LAX));
    }

    private static Optional<String> sessionToken(Context ctx) {
        return Optional.ofNullable(ctx.cookie(Authentication.SESSION_COOKIE))
                .filter(token -> !token.isBlank());
    }

    private String seal(String token, String name, String value) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, token, name, nonce);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length
                    + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /** Empty when the note was sealed for another token or name, or was tampered with. */
    private static Optional<String> open(String token, String name, String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            byte[] nonce = new byte[NONCE_BYTES];
            System.arraycopy(bytes, 0, nonce, 0, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, token, name, nonce);
            byte[] value = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(new String(value, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException
                 | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, String token, String name, byte[] nonce)
            throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        SecretKeySpec key = new SecretKeySpec(mac.doFinal(KEY_PURPOSE), "AES");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
