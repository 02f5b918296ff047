package io.loopdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/** Exactly one of the options, answered by its value. */
public record SingleSelectForm(List<Option> options) implements ResponseForm {

    public SingleSelectForm {
        options = List.copyOf(options);
    }

    static SingleSelectForm from(ConfigReader config) {
        return new SingleSelectForm(config.options());
    }

    @Override
    public ResponseType type() {
        return ResponseType.SINGLE_SELECT;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("options", Option.toJson(options));
        return json;
    }

    @Override
    public JsonNode checkAnswer(JsonNode answer, String field) {
        AnswerCheck check = AnswerCheck.of(answer, field);
        String value = check.text();
        if (!Option.hasValue(options, value)) {
            throw check.refused(AnswerCheck.quoted(value) + " is not one of the options");
        }
        return TextNode.valueOf(value);
    }

    @Override
    public String describe() {
        return "Choose one: " + Option.labels(options);
    }
}
