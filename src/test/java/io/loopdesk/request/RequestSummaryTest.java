package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestSummaryTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DUE = Instant.parse("2026-01-02T00:00:00Z");
    private static final Instant ANSWERED = Instant.parse("2026-01-01T01:00:00Z");
    private static final Instant CANCELLED = Instant.parse("2026-01-01T02:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-01-01T03:00:00Z");

    @Test
    void aShortTextIsKeptWhole() {
        assertThat(RequestSummary.start("Approve this?")).isEqualTo("Approve this?");
    }

    @Test
    void aLongTextIsCutAtTheLimitCountedInCharactersAsTheDatabaseCountsThem() {
        String emoji = "\uD83D\uDE00";
        String cut = RequestSummary.start(emoji.repeat(RequestSummary.TEXT_START_LENGTH + 5));

        assertThat(cut.codePointCount(0, cut.length()))
                .isEqualTo(RequestSummary.TEXT_START_LENGTH);
        assertThat(cut).isEqualTo(emoji.repeat(RequestSummary.TEXT_START_LENGTH));
        assertThat(RequestSummary.start("a".repeat(RequestSummary.TEXT_START_LENGTH)))
                .hasSize(RequestSummary.TEXT_START_LENGTH);
    }

    @Test
    void theMomentIsTheDeadlineWhileOpenAndTheEndAfterwards() {
        assertThat(summary(Status.PENDING, ANSWERED, CANCELLED).moment()).isEqualTo(DUE);
        assertThat(summary(Status.CLAIMED, null, null).moment()).isEqualTo(DUE);
        assertThat(summary(Status.COMPLETED, ANSWERED, null).moment()).isEqualTo(ANSWERED);
        assertThat(summary(Status.TIMEOUT, ANSWERED, null).moment()).isEqualTo(ANSWERED);
        assertThat(summary(Status.CANCELLED, null, CANCELLED).moment()).isEqualTo(CANCELLED);
    }

    @Test
    void withoutTheTimeOfItsEndTheLastChangeStandsIn() {
        assertThat(summary(Status.TIMEOUT, null, null).moment()).isEqualTo(UPDATED);
        assertThat(summary(Status.CANCELLED, null, null).moment()).isEqualTo(UPDATED);
    }

    private static RequestSummary summary(Status status, Instant answered, Instant cancelled) {
        return new RequestSummary("r1", "l1", Priority.MEDIUM, status, "text", CREATED, DUE,
                answered, cancelled, null, UPDATED);
    }
}
