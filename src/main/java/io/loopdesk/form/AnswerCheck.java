package io.loopdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.problem.InvalidInput;
import java.math.BigDecimal;
import java.util.Locale;

/** One answer under check: typed reads that refuse with the field's name in the detail. */
final class AnswerCheck {

    private final String field;
    private final JsonNode answer;

    private AnswerCheck(String field, JsonNode answer) {
        this.field = field;
        this.answer = answer;
    }

    static AnswerCheck of(JsonNode answer, String field) {
        AnswerCheck check = new AnswerCheck(field, answer);
        if (answer == null || answer.isNull() || answer.isMissingNode()) {
            throw check.refused("an answer is required");
        }
        return check;
    }

    InvalidInput refused(String detail) {
        return InvalidInput.validation(field + ": " + detail);
    }

    /** A value quoted for a detail, shortened so a huge answer is not echoed back whole. */
    static String quoted(String value) {
        return value.length() <= 60 ? "'" + value + "'" : "'" + value.substring(0, 57) + "...'";
    }

    String text() {
        if (!answer.isTextual()) {
            throw wrongType("a string");
        }
        return answer.textValue();
    }

    BigDecimal number() {
        if (!answer.isNumber()) {
            throw wrongType("a number");
        }
        return Decimals.read(answer).orElseThrow(() -> refused("the number is out of range"));
    }

    boolean bool() {
        if (!answer.isBoolean()) {
            throw wrongType("true or false");
        }
        return answer.booleanValue();
    }

    JsonNode array() {
        if (!answer.isArray()) {
            throw wrongType("an array of option values");
        }
        return answer;
    }

    private InvalidInput wrongType(String expected) {
        String got = answer.getNodeType().name().toLowerCase(Locale.ROOT);
        return refused("expected " + expected + ", got " + got);
    }
}
