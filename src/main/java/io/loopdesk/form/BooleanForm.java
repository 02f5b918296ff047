package io.loopdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A yes-or-no answer under two labels; the colours may be null. */
public record BooleanForm(String trueLabel, String falseLabel, String trueColor, String falseColor)
        implements ResponseForm {

    static BooleanForm from(ConfigReader config) {
        return new BooleanForm(
                label(config, "true_label", "Yes"),
                label(config, "false_label", "No"),
                config.color("true_color").orElse(null),
                config.color("false_color").orElse(null));
    }

    private static String label(ConfigReader config, String name, String fallback) {
        return config.text(name, Option.MAX_LABEL).filter(label -> !label.isBlank())
                .orElse(fallback);
    }

    @Override
    public ResponseType type() {
        return ResponseType.BOOLEAN;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("true_label", trueLabel)
                .put("false_label", falseLabel);
        if (trueColor != null) {
            json.put("true_color", trueColor);
        }
        if (falseColor != null) {
            json.put("false_color", falseColor);
        }
        return json;
    }

    @Override
    public JsonNode checkAnswer(JsonNode answer, String field) {
        return BooleanNode.valueOf(AnswerCheck.of(answer, field).bool());
    }

    @Override
    public String describe() {
        return trueLabel + " or " + falseLabel;
    }
}
