package io.loopdesk.dashboard;

import io.loopdesk.request.RequestService.BatchItem;
import io.loopdesk.request.Status;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a cancel-many came to, told per request: the htmx answer of the batch route. */
public record CancelSummary(int asked, int cancelled, int refunded, List<Item> notCancelled,
                            Map<String, Integer> finishedByStatus, int notFound) {

    /** A request that was left as it was, and why. */
    public record Item(String requestId, String why) {

        public String shortId() {
            return requestId.length() > 8 ? requestId.substring(0, 8) : requestId;
        }

        public boolean exists() {
            return !why.startsWith("not found");
        }
    }

    static CancelSummary of(List<BatchItem> items) {
        int cancelled = 0;
        int refunded = 0;
        int notFound = 0;
        List<Item> left = new java.util.ArrayList<>();
        Map<String, Integer> finished = new TreeMap<>();
        for (BatchItem item : items) {
            switch (item.outcome()) {
                case "cancelled" -> {
                    cancelled++;
                    refunded += item.refunded() ? 1 : 0;
                }
                case "not_cancellable" -> {
                    finished.merge(item.status().wireName(), 1, Integer::sum);
                    left.add(new Item(item.requestId(), already(item.status())));
                }
                default -> {
                    notFound++;
                    left.add(new Item(item.requestId(), "not found (deleted, or not yours)"));
                }
            }
        }
        return new CancelSummary(items.size(), cancelled, refunded, List.copyOf(left), finished,
                notFound);
    }

    /** Long lists of leftovers are told as counts; the few are named one by one. */
    public boolean listsEachLeftover() {
        return notCancelled.size() <= 20;
    }

    private static String already(Status status) {
        return switch (status) {
            case COMPLETED -> "already completed (answered)";
            case TIMEOUT -> "already timed out";
            case CANCELLED -> "already cancelled";
            default -> "now " + status.wireName();
        };
    }
}
