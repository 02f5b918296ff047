package io.loopdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A point on a scale from scaleMin to scaleMax in steps; labels name some of the points. */
public record RatingForm(
        BigDecimal scaleMin, BigDecimal scaleMax, BigDecimal scaleStep, Map<String, String> labels)
        implements ResponseForm {

    static final BigDecimal MAX_SCALE = BigDecimal.valueOf(100);

    // Clients compute steps like 0.1 + 0.2 in binary floating point; such answers still count.
    private static final BigDecimal STEP_TOLERANCE = new BigDecimal("1e-9");

    public RatingForm {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    static RatingForm from(ConfigReader config) {
        BigDecimal min = config.number("scale_min", "min").orElse(BigDecimal.ONE);
        BigDecimal max = config.number("scale_max", "max")
                .orElseThrow(() -> config.invalid("scale_max is required"));
        BigDecimal step = config.number("scale_step", "step").orElse(BigDecimal.ONE);

        if (max.compareTo(min) <= 0) {
            throw config.invalid("scale_max must be greater than scale_min");
        }
        if (max.compareTo(MAX_SCALE) > 0) {
            throw config.invalid("scale_max must be at most " + MAX_SCALE);
        }
        if (step.signum() <= 0) {
            throw config.invalid("scale_step must be greater than 0");
        }
        if (step.compareTo(max.subtract(min)) > 0) {
            throw config.invalid("scale_step must not be larger than the scale");
        }
        return new RatingForm(min, max, step, labels(config));
    }

    private static Map<String, String> labels(ConfigReader config) {
        JsonNode labels = config.field("labels").orElse(JsonNodeFactory.instance.objectNode());
        if (!labels.isObject()) {
            throw config.invalid("labels must be an object of scale value to label");
        }
        Map<String, String> read = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> label : labels.properties()) {
            JsonNode text = label.getValue();
            if (!text.isTextual() || text.textValue().length() > Option.MAX_LABEL) {
                throw config.invalid("labels: '" + label.getKey() + "' must be a string of at most "
                        + Option.MAX_LABEL + " characters");
            }
            read.put(label.getKey(), text.textValue());
        }
        return read;
    }

    @Override
    public ResponseType type() {
        return ResponseType.RATING;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("scale_min", Decimals.node(scaleMin));
        json.set("scale_max", Decimals.node(scaleMax));
        json.set("scale_step", Decimals.node(scaleStep));
        if (!labels.isEmpty()) {
            labels.forEach(json.putObject("labels")::put);
        }
        return json;
    }

    @Override
    public JsonNode checkAnswer(JsonNode answer, String field) {
        AnswerCheck check = AnswerCheck.of(answer, field);
        BigDecimal rating = check.number();

        if (rating.compareTo(scaleMin) < 0) {
            throw check.refused(text(rating) + " is below the minimum " + text(scaleMin));
        }
        if (rating.compareTo(scaleMax) > 0) {
            throw check.refused(text(rating) + " is above the maximum " + text(scaleMax));
        }
        BigDecimal steps = rating.subtract(scaleMin).divide(scaleStep, MathContext.DECIMAL64);
        BigDecimal nearest = steps.setScale(0, RoundingMode.HALF_UP);
        if (steps.subtract(nearest).abs().compareTo(STEP_TOLERANCE) > 0) {
            throw check.refused(text(rating) + " is not on a step of " + text(scaleStep)
                    + " from " + text(scaleMin));
        }
        return Decimals.node(scaleMin.add(nearest.multiply(scaleStep)));
    }

    @Override
    public String describe() {
        return "Rate from " + text(scaleMin) + " to " + text(scaleMax)
                + " in steps of " + text(scaleStep);
    }

    private static String text(BigDecimal value) {
        return Decimals.text(value);
    }
}
