package io.loopdesk.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-HITL-Signature-256} header: {@code sha256=} and the hex HMAC-SHA256 of
 * {@code "<timestamp>.<body>"}, keyed with the secret exactly as it was shown to the customer.
 * Signing the timestamp with the body lets a receiver refuse old messages replayed later.
 */
public final class Signature {

    public static final String PREFIX = "sha256=";

    private Signature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}
