package io.loopdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Several distinct options, between a minimum and a maximum count, answered by their values. */
public record MultiSelectForm(List<Option> options, int minSelections, int maxSelections)
        implements ResponseForm {

    public MultiSelectForm {
        options = List.copyOf(options);
    }

    static MultiSelectForm from(ConfigReader config) {
        List<Option> options = config.options();
        int min = config.wholeNumber("min_selections").orElse(0);
        int max = config.wholeNumber("max_selections").orElse(options.size());

        if (min < 0) {
            throw config.invalid("min_selections must not be negative");
        }
        if (max < 1 || max > options.size()) {
            throw config.invalid("max_selections must be between 1 and the number of options ("
                    + options.size() + ")");
        }
        if (min > max) {
            throw config.invalid("min_selections must not be greater than max_selections");
        }
        return new MultiSelectForm(options, min, max);
    }

    @Override
    public ResponseType type() {
        return ResponseType.MULTI_SELECT;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("options", Option.toJson(options));
        return json.put("min_selections", minSelections).put("max_selections", maxSelections);
    }

    @Override
    public JsonNode checkAnswer(JsonNode answer, String field) {
        AnswerCheck check = AnswerCheck.of(answer, field);
        JsonNode chosen = check.array();
        if (chosen.size() > maxSelections) {
            throw check.refused(chosen.size() + " chosen, at most " + maxSelections + " allowed");
        }

        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : chosen) {
            String value = AnswerCheck.of(item, field).text();
            if (!Option.hasValue(options, value)) {
                throw check.refused(AnswerCheck.quoted(value) + " is not one of the options");
            }
            if (!seen.add(value)) {
                throw check.refused(AnswerCheck.quoted(value) + " is chosen twice");
            }
            values.add(value);
        }
        if (values.size() < minSelections) {
            throw check.refused(values.size() + " chosen, at least " + minSelections + " needed");
        }
        return values;
    }

    @Override
    public String describe() {
        return "Choose " + howMany() + " of: " + Option.labels(options);
    }

    private String howMany() {
        if (minSelections == maxSelections) {
            return "exactly " + minSelections;
        }
        if (minSelections == 0) {
            return maxSelections == options.size() ? "any" : "up to " + maxSelections;
        }
        return minSelections + " to " + maxSelections;
    }
}
