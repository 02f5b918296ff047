package io.loopdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.problem.InvalidInput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Typed reads of one JSON object of a response config, refusing wrong types by name. */
final class ConfigReader {

    static final int MAX_OPTIONS = 50;

    private static final BigDecimal MAX_WHOLE = BigDecimal.valueOf(1_000_000_000);

    // Colours end up in style attributes of the reviewer page, so only plain colour syntax passes.
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,30}");

    private final String where;
    private final JsonNode node;

    private ConfigReader(String where, JsonNode node) {
        this.where = where;
        this.node = node;
    }

    static ConfigReader of(ResponseType type, JsonNode config) {
        if (config == null || !config.isObject()) {
            throw refused(type.wireName() + ": response_config must be an object");
        }
        return new ConfigReader(type.wireName(), config);
    }

    static InvalidInput refused(String detail) {
        return new InvalidInput("Invalid response configuration", detail);
    }

    InvalidInput invalid(String detail) {
        return refused(where + ": " + detail);
    }

    /** The value under the name or else its first present alias; JSON null counts as absent. */
    Optional<JsonNode> field(String name, String... aliases) {
        JsonNode value = node.get(name);
        for (int i = 0; isAbsent(value) && i < aliases.length; i++) {
            value = node.get(aliases[i]);
        }
        return isAbsent(value) ? Optional.empty() : Optional.of(value);
    }

    Optional<String> text(String name, int maxChars) {
        Optional<JsonNode> value = field(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isTextual()) {
            throw invalid(name + " must be a string");
        }
        String text = value.get().textValue();
        if (text.codePointCount(0, text.length()) > maxChars) {
            throw invalid(name + " must be at most " + maxChars + " characters");
        }
        return Optional.of(text);
    }

    Optional<String> color(String name) {
        Optional<String> color = text(name, 30);
        if (color.isPresent() && !COLOR.matcher(color.get()).matches()) {
            throw invalid(name + " must be a hex colour like #22c55e or a colour name");
        }
        return color;
    }

    Optional<Boolean> flag(String name) {
        Optional<JsonNode> value = field(name);
        if (value.isPresent() && !value.get().isBoolean()) {
            throw invalid(name + " must be true or false");
        }
        return value.map(JsonNode::booleanValue);
    }

    Optional<BigDecimal> number(String name, String... aliases) {
        return field(name, aliases).map(value -> Decimals.read(value)
                .orElseThrow(() -> invalid(name + " must be a number")));
    }

    Optional<Integer> wholeNumber(String name) {
        return number(name).map(value -> {
            if (!Decimals.isWhole(value)) {
                throw invalid(name + " must be a whole number");
            }
            if (value.abs().compareTo(MAX_WHOLE) > 0) {
                throw invalid(name + " is out of range");
            }
            return value.intValueExact();
        });
    }

    List<Option> options() {
        JsonNode entries = field("options").orElseThrow(() -> invalid("options is required"));
        if (!entries.isArray()) {
            throw invalid("options must be an array");
        }
        if (entries.isEmpty() || entries.size() > MAX_OPTIONS) {
            throw invalid("options must have 1 to " + MAX_OPTIONS + " entries");
        }
        List<Option> options = new ArrayList<>();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Option option = option(entries.get(i), "options[" + i + "]");
            if (!values.add(option.value())) {
                throw refused("options: duplicate value '" + option.value() + "'");
            }
            options.add(option);
        }
        return List.copyOf(options);
    }

    private static Option option(JsonNode entry, String where) {
        if (entry.isTextual()) {
            return Option.of(entry.textValue(), null, null, null, where);
        }
        if (!entry.isObject()) {
            throw refused(where + ": must be a string or an object");
        }
        ConfigReader reader = new ConfigReader(where, entry);
        String value = reader.text("value", Option.MAX_VALUE)
                .orElseThrow(() -> reader.invalid("value is required"));
        return Option.of(value,
                reader.text("label", Option.MAX_LABEL).orElse(null),
                reader.text("description", Option.MAX_DESCRIPTION).orElse(null),
                reader.color("color").orElse(null),
                where);
    }

    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }
}
