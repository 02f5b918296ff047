package io.loopdesk.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.form.ResponseType;
import java.util.ArrayList;
import java.util.List;

/** An answer in words: option labels rather than values, the form's own yes/no labels. */
final class AnswerText {

    private AnswerText() {
    }

    static String of(ResponseType type, JsonNode config, JsonNode answer) {
        if (answer == null || answer.isNull() || answer.isMissingNode()) {
            return "";
        }
        return switch (type) {
            case SINGLE_SELECT -> label(config, answer.asText());
            case MULTI_SELECT -> multi(config, answer);
            case BOOLEAN -> answer.asBoolean()
                    ? config.path("true_label").asText("Yes")
                    : config.path("false_label").asText("No");
            case NUMBER -> config.path("prefix").asText("") + answer.asText()
                    + config.path("suffix").asText("");
            case RATING -> rating(config, answer);
            case TEXT -> answer.asText();
        };
    }

    private static String multi(JsonNode config, JsonNode answer) {
        if (!answer.isArray() || answer.isEmpty()) {
            return "Nothing selected";
        }
        List<String> labels = new ArrayList<>();
        answer.forEach(value -> labels.add(label(config, value.asText())));
        return String.join(", ", labels);
    }

    private static String rating(JsonNode config, JsonNode answer) {
        String value = answer.asText();
        String scale = " on a scale of " + config.path("scale_min").asText("1") + " to "
                + config.path("scale_max").asText("?");
        String named = config.path("labels").path(value).asText("");
        return value + scale + (named.isEmpty() ? "" : " (" + named + ")");
    }

    private static String label(JsonNode config, String value) {
        for (JsonNode option : config.path("options")) {
            if (value.equals(option.path("value").asText())) {
                return option.path("label").asText(value);
            }
        }
        return value;
    }
}
