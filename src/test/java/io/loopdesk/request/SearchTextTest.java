package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loopdesk.problem.InvalidInput;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchTextTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void aLongAddressTextIsCutAtTwoHundredCharactersAndNeverInsideOne() {
        String text = SearchText.fromAddress("a".repeat(199) + EMOJI + "more").orElseThrow();

        assertThat(text).isEqualTo("a".repeat(199) + EMOJI);
        assertThat(SearchText.fromAddress(EMOJI.repeat(250)))
                .contains(EMOJI.repeat(SearchText.MAX_LENGTH));
    }

    @Test
    void lineBreaksOfAnyKindAreReadAsOneLineFeed() {
        assertThat(SearchText.fromAddress("one\r\ntwo\rthree\nfour"))
                .contains("one\ntwo\nthree\nfour");
    }

    @Test
    void whatAPageCannotCarryIsReadAsTheReplacementCharacter() {
        assertThat(SearchText.fromAddress("a\u0000b\uD83Dc\uDE00"))
                .contains("a\uFFFDb\uFFFDc\uFFFD");
    }

    @Test
    void outerWhitespaceIsDroppedAlsoWhereTheCutLeavesIt() {
        assertThat(SearchText.fromAddress("  words \n")).contains("words");
        assertThat(SearchText.fromAddress("b".repeat(199) + " and more"))
                .contains("b".repeat(199));
        assertThat(SearchText.fromAddress(" \r\n\t ")).isEmpty();
    }

    @Test
    void whatTheAddressGivesTheApiTakesBackUnchanged() {
        for (String raw : List.of("x\r\n".repeat(80), "a".repeat(199) + EMOJI + "b",
                EMOJI.repeat(300), "4711", "true", " tab\there ", "b".repeat(199) + " c",
                "a\u0000b\uD83D")) {
            String shown = SearchText.fromAddress(raw).orElseThrow();

            assertThat(SearchText.parse("filter.text", shown)).isEqualTo(shown);
            assertThat(SearchText.fromAddress(shown)).isEqualTo(Optional.of(shown));
        }
    }

    @Test
    void theApiCountsLineBreaksSentAsCrLfOnce() {
        String sent = ("x".repeat(19) + "\r\n").repeat(10);

        assertThat(SearchText.parse("filter.text", sent))
                .isEqualTo(("x".repeat(19) + "\n").repeat(9) + "x".repeat(19));
    }

    @Test
    void theApiNeitherCutsNorDropsAText() {
        assertThatThrownBy(() -> SearchText.parse("filter.text", "a".repeat(201)))
                .isInstanceOf(InvalidInput.class)
                .hasFieldOrPropertyWithValue("data",
                        "filter.text must be at most 200 characters");
        assertThatThrownBy(() -> SearchText.parse("filter.text", " \r\n "))
                .isInstanceOf(InvalidInput.class)
                .hasFieldOrPropertyWithValue("data", "filter.text must not be blank");
        assertThat(SearchText.parse("filter.text", EMOJI.repeat(200)))
                .isEqualTo(EMOJI.repeat(200));
    }
}
