package io.loopdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Free text between a minimum and a maximum length, counted in characters (code points). */
public record TextForm(String placeholder, int minLength, int maxLength, boolean isRequired)
        implements ResponseForm {

    static final int MAX_LENGTH = 50_000;
    static final int DEFAULT_MAX_LENGTH = 5_000;

    static TextForm from(ConfigReader config) {
        String placeholder = config.text("placeholder", 500).orElse(null);
        int min = config.wholeNumber("min_length").orElse(0);
        int max = config.wholeNumber("max_length").orElse(DEFAULT_MAX_LENGTH);
        boolean required = config.flag("required").orElse(false);

        if (min < 0) {
            throw config.invalid("min_length must not be negative");
        }
        if (max < 1 || max > MAX_LENGTH) {
            throw config.invalid("max_length must be between 1 and " + MAX_LENGTH);
        }
        if (min > max) {
            throw config.invalid("min_length must not be greater than max_length");
        }
        return new TextForm(placeholder, min, max, required);
    }

    @Override
    public ResponseType type() {
        return ResponseType.TEXT;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (placeholder != null) {
            json.put("placeholder", placeholder);
        }
        return json.put("min_length", minLength)
                .put("max_length", maxLength)
                .put("required", isRequired);
    }

    @Override
    public JsonNode checkAnswer(JsonNode answer, String field) {
        AnswerCheck check = AnswerCheck.of(answer, field);
        String text = check.text();
        int length = text.codePointCount(0, text.length());

        if (isRequired && text.isBlank()) {
            throw check.refused("an answer is required, not only whitespace");
        }
        if (length < minLength) {
            throw check.refused(length + " characters is below the minimum " + minLength);
        }
        if (length > maxLength) {
            throw check.refused(length + " characters is above the maximum " + maxLength);
        }
        return TextNode.valueOf(text);
    }

    @Override
    public String describe() {
        String length = minLength == 0
                ? "up to " + maxLength + " characters"
                : minLength + " to " + maxLength + " characters";
        return "Free text, " + length + (isRequired ? " (required)" : "");
    }
}
