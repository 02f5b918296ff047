package io.loopdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The answer form of a request: its normalised {@code response_config} and the rules an answer
 * ({@code response_data} or {@code default_response}) must keep.
 */
public sealed interface ResponseForm
        permits TextForm, SingleSelectForm, MultiSelectForm, RatingForm, NumberForm, BooleanForm {

    /**
     * Reads a {@code response_config} for the given type, accepting aliases and string options.
     *
     * @throws io.loopdesk.problem.InvalidInput "Invalid response configuration", with the
     *     problem named in {@code data}
     */
    static ResponseForm parse(ResponseType type, JsonNode config) {
        Objects.requireNonNull(type, "type");
        ConfigReader reader = ConfigReader.of(type, config);
        return switch (type) {
            case TEXT -> TextForm.from(reader);
            case SINGLE_SELECT -> SingleSelectForm.from(reader);
            case MULTI_SELECT -> MultiSelectForm.from(reader);
            case RATING -> RatingForm.from(reader);
            case NUMBER -> NumberForm.from(reader);
            case BOOLEAN -> BooleanForm.from(reader);
        };
    }

    ResponseType type();

    /** The normalised config as stored and returned: snake_case keys, absent options omitted. */
    ObjectNode toJson();

    /**
     * Returns the normalised answer.
     *
     * @throws io.loopdesk.problem.InvalidInput "Validation failed", data naming the problem
     */
    default JsonNode checkAnswer(JsonNode answer) {
        return checkAnswer(answer, "response_data");
    }

    /** As {@link #checkAnswer(JsonNode)}, naming {@code field} (e.g. default_response) in data. */
    JsonNode checkAnswer(JsonNode answer, String field);

    /** One short English sentence saying what the form asks for. */
    String describe();
}
