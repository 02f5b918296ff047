package io.loopdesk.review.web;

/**
 * The part of a reviewer's request page that keeps watching the request: it asks every second
 * whether the request changed, and says so when the reviewer's claim has ended under them.
 *
 * @param version the request version the page shows
 * @param answering whether the page holds an answer form (then a change is announced and the
 *     form disabled rather than replaced, so what was typed stays readable)
 * @param banner what to announce, or null
 * @param endsAnswer whether the banner means the answer form can no longer be sent
 * @param canClaimAgain whether the request is back in the queue and may be claimed again
 */
public record Watch(String id, int version, boolean answering, boolean polling, Notice banner,
                    boolean endsAnswer, boolean canClaimAgain) {

    public String url() {
        return "/review/" + id + "/watch?version=" + version + (answering ? "&answering=1" : "");
    }
}
