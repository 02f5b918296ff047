package io.loopdesk.request;

import io.loopdesk.account.Account;
import io.loopdesk.request.CancelOutcome.Cancelled;
import java.util.LinkedHashMap;
import java.util.Map;

/** The wire form of a request (SPEC 2.7), shared by the API and webhook payloads. */
public final class RequestJson {

    private RequestJson() {
    }

    public static Map<String, Object> of(ReviewRequest r, Account responder) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("loop_id", r.loopId());
        json.put("creator_id", r.accountId());
        json.put("api_key_id", r.apiKeyId());
        json.put("processing_type", r.processingType().wireName());
        json.put("type", r.contentType().wireName());
        json.put("priority", r.priority().wireName());
        json.put("request_text", r.requestText());
        json.put("image_url", r.imageUrl());
        json.put("context", r.context());
        json.put("platform", r.platform());
        json.put("platform_version", r.platformVersion());
        json.put("response_type", r.responseType().wireName());
        json.put("response_config", r.responseConfig());
        json.put("default_response", r.defaultResponse());
        json.put("timeout_at", r.timeoutAt());
        json.put("callback_url", r.callbackUrl());
        json.put("tags", r.tags());
        json.put("status", r.status().wireName());
        json.put("claimed_by", r.claimedBy());
        json.put("claimed_at", r.claimedAt());
        json.put("claim_expires_at", r.claimExpiresAt());
        json.put("response_by", r.responseBy());
        json.put("response_by_user", responder == null ? null : Map.of(
                "user_id", responder.id(), "name", responder.name(), "email", responder.email()));
        json.put("response_at", r.responseAt());
        json.put("response_data", r.responseData());
        json.put("response_source", r.responseSource());
        json.put("response_time_seconds", r.responseTimeSeconds());
        json.put("cancelled_at", r.cancelledAt());
        json.put("cancel_reason", r.cancelReason());
        json.put("feedback", r.feedback());
        json.put("created_at", r.createdAt());
        json.put("updated_at", r.updatedAt());
        json.put("version", r.version());
        return json;
    }

    public static Map<String, Object> refundInfo(Cancelled cancelled) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("refunded", cancelled.refunded());
        info.put("reason", cancelled.refundReason());
        return info;
    }

    /** The data of a successful single cancel (SPEC 2.8). */
    public static Map<String, Object> cancelled(Cancelled cancelled) {
        ReviewRequest r = cancelled.request();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request_id", r.id());
        data.put("status", r.status().wireName());
        data.put("cancelled_at", r.cancelledAt());
        data.put("previous_status", cancelled.previousStatus().wireName());
        data.put("refund_info", refundInfo(cancelled));
        data.put("cancel_reason", r.cancelReason());
        return data;
    }
}
