package io.loopdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.Optional;

/** JSON numbers as exact decimals, the way scales, bounds and answers are compared. */
final class Decimals {

    private Decimals() {
    }

    /**
     * The number in a JSON number node; strings, NaN and infinities give empty. Going through
     * double keeps the magnitude bounded (a huge exponent cannot make arithmetic explode) and
     * gives the shortest decimal a client's float meant, so 0.1 stays 0.1.
     */
    static Optional<BigDecimal> read(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return Optional.empty();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Optional.of(BigDecimal.valueOf(node.longValue()));
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            return Optional.empty();
        }
        return Optional.of(canonical(BigDecimal.valueOf(value)));
    }

    /** Without trailing zeros, so 5.0 and 5 are the same value and equal forms compare equal. */
    static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static boolean isWhole(BigDecimal value) {
        return decimalPlaces(value) == 0;
    }

    static int decimalPlaces(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    /** A whole number as an int or long node, anything else as a double node. */
    static JsonNode node(BigDecimal value) {
        if (!isWhole(value) || value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
            return DoubleNode.valueOf(value.doubleValue());
        }
        long whole = value.longValueExact();
        return whole == (int) whole
                ? JsonNodeFactory.instance.numberNode((int) whole)
                : JsonNodeFactory.instance.numberNode(whole);
    }

    static String text(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
