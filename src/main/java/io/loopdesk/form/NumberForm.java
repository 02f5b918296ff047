package io.loopdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * A number within optional bounds and a number of decimals, shown between a prefix and a suffix
 * (e.g. "$" and " USD"). {@code minValue}, {@code maxValue}, {@code prefix} and {@code suffix}
 * may be null.
 */
public record NumberForm(
        BigDecimal minValue,
        BigDecimal maxValue,
        int decimalPlaces,
        String prefix,
        String suffix,
        boolean allowNegative)
        implements ResponseForm {

    static final int MAX_DECIMAL_PLACES = 10;
    static final int MAX_AFFIX = 20;

    static NumberForm from(ConfigReader config) {
        BigDecimal min = config.number("min_value", "min").orElse(null);
        BigDecimal max = config.number("max_value", "max").orElse(null);
        int decimals = config.wholeNumber("decimal_places").orElse(2);
        String prefix = config.text("prefix", MAX_AFFIX).orElse(null);
        String suffix = config.text("suffix", MAX_AFFIX).orElse(null);
        boolean allowNegative = config.flag("allow_negative").orElse(true);

        if (min != null && max != null && min.compareTo(max) > 0) {
            throw config.invalid("min_value must not be greater than max_value");
        }
        if (decimals < 0 || decimals > MAX_DECIMAL_PLACES) {
            throw config.invalid("decimal_places must be between 0 and " + MAX_DECIMAL_PLACES);
        }
        if (!allowNegative && (isNegative(min) || isNegative(max))) {
            throw config.invalid("min_value and max_value must not be negative when "
                    + "allow_negative is false");
        }
        return new NumberForm(min, max, decimals, prefix, suffix, allowNegative);
    }

    private static boolean isNegative(BigDecimal value) {
        return value != null && value.signum() < 0;
    }

    @Override
    public ResponseType type() {
        return ResponseType.NUMBER;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (minValue != null) {
            json.set("min_value", Decimals.node(minValue));
        }
        if (maxValue != null) {
            json.set("max_value", Decimals.node(maxValue));
        }
        json.put("decimal_places", decimalPlaces);
        if (prefix != null) {
            json.put("prefix", prefix);
        }
        if (suffix != null) {
            json.put("suffix", suffix);
        }
        return json.put("allow_negative", allowNegative);
    }

    @Override
    public JsonNode checkAnswer(JsonNode answer, String field) {
        AnswerCheck check = AnswerCheck.of(answer, field);
        BigDecimal number = check.number();

        if (!allowNegative && number.signum() < 0) {
            throw check.refused(text(number) + " is negative, which is not allowed");
        }
        if (minValue != null && number.compareTo(minValue) < 0) {
            throw check.refused(text(number) + " is below the minimum " + text(minValue));
        }
        if (maxValue != null && number.compareTo(maxValue) > 0) {
            throw check.refused(text(number) + " is above the maximum " + text(maxValue));
        }
        if (Decimals.decimalPlaces(number) > decimalPlaces) {
            throw check.refused(text(number) + " has more than " + decimals());
        }
        return Decimals.node(number);
    }

    @Override
    public String describe() {
        String kind = decimalPlaces == 0 ? "A whole number" : "A number";
        String precision = decimalPlaces == 0 ? "" : " with up to " + decimals();
        return kind + range() + precision;
    }

    private String range() {
        BigDecimal lowest = !allowNegative && minValue == null ? BigDecimal.ZERO : minValue;
        if (lowest != null && maxValue != null) {
            return " from " + shown(lowest) + " to " + shown(maxValue);
        }
        if (lowest != null) {
            return " of at least " + shown(lowest);
        }
        return maxValue == null ? "" : " of at most " + shown(maxValue);
    }

    private String decimals() {
        return decimalPlaces + (decimalPlaces == 1 ? " decimal" : " decimals");
    }

    private String shown(BigDecimal value) {
        return AnswerWords.withUnits(prefix, text(value), suffix);
    }

    private static String text(BigDecimal value) {
        return Decimals.text(value);
    }
}
