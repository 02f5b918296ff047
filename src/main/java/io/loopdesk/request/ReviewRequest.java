package io.loopdesk.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.form.ResponseType;
import java.time.Instant;
import java.util.List;

/**
 * One piece of work for a loop, with everything about it: what is asked, how it may be answered,
 * its deadline, and what became of it. {@code version} grows with every change.
 */
public record ReviewRequest(
        String id,
        String accountId,
        String loopId,
        String apiKeyId,
        ProcessingType processingType,
        ContentType contentType,
        Priority priority,
        String requestText,
        String imageUrl,
        JsonNode context,
        String platform,
        String platformVersion,
        ResponseType responseType,
        JsonNode responseConfig,
        JsonNode defaultResponse,
        Instant timeoutAt,
        String callbackUrl,
        List<String> tags,
        Status status,
        String claimedBy,
        Instant claimedAt,
        Instant claimExpiresAt,
        String responseBy,
        Instant responseAt,
        JsonNode responseData,
        String responseSource,
        Instant cancelledAt,
        String cancelReason,
        JsonNode feedback,
        String feedbackId,
        Instant feedbackAt,
        String quotaKeyId,
        Instant quotaHour,
        Instant createdAt,
        Instant updatedAt,
        int version) {

    public static final String FROM_REVIEWER = "reviewer";
    public static final String FROM_TIMEOUT = "timeout_default";

    public boolean isOwnedBy(String accountId) {
        return this.accountId.equals(accountId);
    }

    public boolean isClaimedBy(String reviewerId) {
        return status == Status.CLAIMED && reviewerId.equals(claimedBy);
    }

    public boolean isOverdue(Instant now) {
        return status.isOpen() && !timeoutAt.isAfter(now);
    }

    public boolean canCancel() {
        return status.isOpen();
    }

    /** This request as {@link RequestRepository#cancelAtCommit} leaves it. */
    public ReviewRequest cancelled(String reason, Instant now) {
        return new ReviewRequest(id, accountId, loopId, apiKeyId, processingType, contentType,
                priority, requestText, imageUrl, context, platform, platformVersion,
                responseType, responseConfig, defaultResponse, timeoutAt, callbackUrl, tags,
                Status.CANCELLED, claimedBy, claimedAt, null, responseBy, responseAt,
                responseData, responseSource, now, reason, feedback, feedbackId, feedbackAt,
                quotaKeyId, quotaHour, createdAt, now, version + 1);
    }

    /** This request as {@link RequestRepository#markClaimed} leaves it. */
    public ReviewRequest claimed(String reviewerId, Instant now, Instant leaseEnd) {
        return new ReviewRequest(id, accountId, loopId, apiKeyId, processingType, contentType,
                priority, requestText, imageUrl, context, platform, platformVersion,
                responseType, responseConfig, defaultResponse, timeoutAt, callbackUrl, tags,
                Status.CLAIMED, reviewerId, now, leaseEnd, responseBy, responseAt,
                responseData, responseSource, cancelledAt, cancelReason, feedback, feedbackId,
                feedbackAt, quotaKeyId, quotaHour, createdAt, now, version + 1);
    }

    /** This request as {@link RequestRepository#markCompleted} leaves it. */
    public ReviewRequest completed(String reviewerId, JsonNode answer, Instant now) {
        return new ReviewRequest(id, accountId, loopId, apiKeyId, processingType, contentType,
                priority, requestText, imageUrl, context, platform, platformVersion,
                responseType, responseConfig, defaultResponse, timeoutAt, callbackUrl, tags,
                Status.COMPLETED, reviewerId, claimedAt == null ? now : claimedAt, null,
                reviewerId, now, answer, FROM_REVIEWER, cancelledAt, cancelReason, feedback,
                feedbackId, feedbackAt, quotaKeyId, quotaHour, createdAt, now, version + 1);
    }

    /** Seconds from creation to the answer, for completed and timed-out requests. */
    public Long responseTimeSeconds() {
        return responseAt == null ? null
                : java.time.Duration.between(createdAt, responseAt).toSeconds();
    }
}
