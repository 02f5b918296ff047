package io.loopdesk.form;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;

/** One choice of a select form. {@code description} and {@code color} may be null. */
public record Option(String value, String label, String description, String color) {

    static final int MAX_VALUE = 100;
    static final int MAX_LABEL = 200;
    static final int MAX_DESCRIPTION = 500;

    /** An option read from a config; a missing or blank label falls back to the value. */
    static Option of(String value, String label, String description, String color, String where) {
        if (value.isBlank()) {
            throw ConfigReader.refused(where + ": value must not be empty");
        }
        if (value.codePointCount(0, value.length()) > MAX_VALUE) {
            throw ConfigReader.refused(where + ": value must be at most " + MAX_VALUE
                    + " characters");
        }
        String shown = label == null || label.isBlank() ? value : label;
        return new Option(value, shown, description, color);
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("value", value).put("label", label);
        if (description != null) {
            json.put("description", description);
        }
        if (color != null) {
            json.put("color", color);
        }
        return json;
    }

    static ArrayNode toJson(List<Option> options) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        options.forEach(option -> json.add(option.toJson()));
        return json;
    }

    static boolean hasValue(List<Option> options, String value) {
        return options.stream().anyMatch(option -> option.value.equals(value));
    }

    static String labels(List<Option> options) {
        return options.stream().map(Option::label).collect(Collectors.joining(", "));
    }
}
