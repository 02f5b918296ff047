package io.loopdesk.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.loopdesk.form.ResponseType;
import io.loopdesk.problem.InvalidInput;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An answer as the browser's answer form posts it: every field is text, so the form's type
 * decides what each one means. A text answer "42" stays text, a number "42.50" becomes a
 * number, and an empty check-box group becomes an empty selection rather than nothing.
 */
public final class AnswerFields {

    public static final String FIELD = "response_data";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_NUMBER_LENGTH = 100;

    private AnswerFields() {
    }

    /** The answer in the form's fields, or null when the form sent none. */
    public static JsonNode read(ResponseType type, Map<String, List<String>> fields) {
        List<String> values = fields.getOrDefault(FIELD,
                fields.getOrDefault(FIELD + "[]", List.of()));
        if (type == ResponseType.MULTI_SELECT) {
            ArrayNode chosen = NODES.arrayNode();
            values.stream().filter(value -> !value.isEmpty()).forEach(chosen::add);
            return chosen;
        }
        if (values.isEmpty()) {
            return type == ResponseType.TEXT ? NODES.textNode("") : null;
        }
        String value = values.get(0);
        return switch (type) {
            case TEXT -> NODES.textNode(value);
            case SINGLE_SELECT -> value.isEmpty() ? null : NODES.textNode(value);
            case NUMBER, RATING -> number(value.strip());
            case BOOLEAN -> bool(value.strip());
            case MULTI_SELECT -> throw new IllegalStateException("handled above");
        };
    }

    private static JsonNode number(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_NUMBER_LENGTH) {
            throw InvalidInput.validation(FIELD + ": expected a number");
        }
        try {
            return NODES.numberNode(new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw InvalidInput.validation(FIELD + ": '" + shortened(text) + "' is not a number");
        }
    }

    private static JsonNode bool(String text) {
        return switch (text) {
            case "true" -> NODES.booleanNode(true);
            case "false" -> NODES.booleanNode(false);
            case "" -> null;
            default -> throw InvalidInput.validation(FIELD + ": expected true or false");
        };
    }

    private static String shortened(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
