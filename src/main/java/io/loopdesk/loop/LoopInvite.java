package io.loopdesk.loop;

/**
 * A loop with its invitation spelled out: the answer to creating a loop and to rotating its
 * invite code. {@code qrCodeBase64} is a {@code data:image/png;base64,...} URL of the QR code.
 */
public record LoopInvite(LoopView loop, String inviteCode, String qrCodeBase64, String qrCodeUrl,
                         String joinUrl) {
}
