package io.loopdesk.loop;

import java.time.Instant;

/** What deleting a loop removed. */
public record LoopDeletion(String loopId, Instant deletedAt, DeletedData deletedData) {

    public record DeletedData(int membersRemoved, int requestsDeleted) {
    }
}
