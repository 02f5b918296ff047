package io.loopdesk.request;

/** What a cancel came to: cancelled now, or already final in the status that won. */
public sealed interface CancelOutcome {

    ReviewRequest request();

    record Cancelled(ReviewRequest request, Status previousStatus) implements CancelOutcome {

        public boolean refunded() {
            return previousStatus == Status.PENDING;
        }

        public String refundReason() {
            return refunded() ? "Request cancelled before processing began"
                    : "Request was already being processed by reviewer";
        }
    }

    record NotCancellable(ReviewRequest request) implements CancelOutcome {
    }
}
