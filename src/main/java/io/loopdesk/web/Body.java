package io.loopdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopdesk.problem.InvalidInput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reads of a JSON body's fields. Every wrong type or broken bound is a 400 "Validation
 * failed" whose data names the field, so no bad input ever reaches a service half-checked.
 */
public final class Body {

    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final ObjectNode node;
    private final boolean isForm;
    /** Where this body sits in the one sent, such as {@code "filter."}, for error messages. */
    private final String path;

    public Body(ObjectNode node) {
        this(node, false, "");
    }

    private Body(ObjectNode node, boolean isForm, String path) {
        this.node = node;
        this.isForm = isForm;
        this.path = path;
    }

    public static Body of(String text) {
        return new Body(Json.readBody(text));
    }

    /**
     * The body of an HTTP request: JSON from scripts, or a form from the browser's htmx
     * calls to the same routes. Form fields named {@code a.b} nest; whole numbers, true and
     * false become JSON numbers and booleans; repeated fields become arrays. A form cannot say
     * that "42" is text, so a string field of a form takes a number or boolean as its text.
     */
    public static Body of(io.javalin.http.Context ctx) {
        String type = ctx.contentType();
        String text = ctx.body();
        boolean looksLikeJson = text.stripLeading().startsWith("{")
                || text.stripLeading().startsWith("[");
        // curl -d sends JSON labelled as a form; the body's shape decides.
        if (type != null && type.startsWith("application/x-www-form-urlencoded")
                && !looksLikeJson) {
            return new Body(fromForm(ctx.formParamMap()), true, "");
        }
        return of(text);
    }

    private static ObjectNode fromForm(java.util.Map<String, List<String>> form) {
        ObjectNode root = Json.object();
        form.forEach((name, values) -> {
            if (isPageField(name) || values.isEmpty()) {
                return;
            }
            String[] path = name.replace("[]", "").split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode object ? object : parent.putObject(path[i]);
            }
            String leaf = path[path.length - 1];
            if (values.size() > 1 || name.endsWith("[]")) {
                var array = parent.putArray(leaf);
                values.forEach(value -> array.add(formValue(value)));
            } else if (!values.get(0).isEmpty()) {
                parent.set(leaf, formValue(values.get(0)));
            }
        });
        return root;
    }

    /** The fields a page's form carries for the server, not for the route. */
    private static boolean isPageField(String name) {
        return name.equals(Authentication.CSRF_FIELD) || name.equals(MethodOverride.FIELD)
                || name.equals(FormAnswers.RETURN_FIELD);
    }

    private static JsonNode formValue(String value) {
        if (value.equals("true") || value.equals("false")) {
            return Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
        }
        // Only a number written one way only, so that its text is exactly what was sent.
        if (value.matches("-?\\d{1,15}") && Long.toString(Long.parseLong(value)).equals(value)) {
            return Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(value));
        }
        return Json.MAPPER.getNodeFactory().textNode(value);
    }

    public ObjectNode node() {
        return node;
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public boolean isEmpty() {
        return node.isEmpty();
    }

    /**
     * Refuses every field but these. For requests that change many things at once: there a
     * misspelt field ({@code dryRun}, {@code stauts}) that is ignored widens what they change.
     */
    public void allowOnly(String... fields) {
        List<String> known = List.of(fields);
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw InvalidInput.validation(name(field) + " is not a field this request takes;"
                        + " it takes " + String.join(", ", known));
            }
        });
    }

    /** A flag that is false unless sent as true; null or any other value is refused. */
    public boolean flag(String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isNull()) {
            throw InvalidInput.validation(name(field) + " must be true or false");
        }
        return optionalBoolean(field).orElse(false);
    }

    public JsonNode raw(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    public String requiredString(String field, int min, int max) {
        return optionalString(field, min, max)
                .orElseThrow(() -> InvalidInput.validation(name(field) + " is required"));
    }

    public Optional<String> optionalString(String field, int min, int max) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!isText(value)) {
            throw InvalidInput.validation(name(field) + " must be a string");
        }
        String text = value.asText();
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max) {
            throw InvalidInput.validation(min == max
                    ? name(field) + " must be " + max + " characters"
                    : name(field) + " must be " + min + " to " + max + " characters");
        }
        return Optional.of(text);
    }

    public <E> E requiredEnum(String field, Function<String, Optional<E>> parse, String allowed) {
        return optionalEnum(field, parse, allowed)
                .orElseThrow(() -> InvalidInput.validation(name(field) + " is required (" + allowed
                        + ")"));
    }

    public <E> Optional<E> optionalEnum(String field, Function<String, Optional<E>> parse,
                                        String allowed) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw InvalidInput.validation(name(field) + " must be one of " + allowed);
        }
        return Optional.of(parse.apply(value.textValue()).orElseThrow(
                () -> InvalidInput.validation(name(field) + " must be one of " + allowed)));
    }

    public Optional<Long> optionalWhole(String field, long min, long max) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() && !(value.isNumber() && isWhole(value))) {
            throw InvalidInput.validation(name(field) + " must be a whole number");
        }
        if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw InvalidInput.validation(name(field) + " must be between " + min + " and " + max);
        }
        return Optional.of(value.longValue());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw InvalidInput.validation(name(field) + " must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    public Optional<ObjectNode> optionalObject(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw InvalidInput.validation(name(field) + " must be a JSON object");
        }
        return Optional.of((ObjectNode) value);
    }

    /** The object in {@code field}, read as this body is read. */
    public Optional<Body> optionalBody(String field) {
        return optionalObject(field).map(object -> new Body(object, isForm, name(field) + "."));
    }

    public Optional<Instant> optionalInstant(String field) {
        return optionalString(field, 1, 64).map(text -> parseInstant(name(field), text));
    }

    /** A list of strings, each within the bounds, at most {@code maxItems} of them. */
    public Optional<List<String>> optionalStrings(String field, int maxItems, int maxLength) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw InvalidInput.validation(name(field) + " must be an array of strings");
        }
        if (value.size() > maxItems) {
            throw InvalidInput.validation(name(field) + " may hold at most " + maxItems + " items");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!isText(item)) {
                throw InvalidInput.validation(name(field) + " must be an array of strings");
            }
            String text = item.asText();
            if (text.codePointCount(0, text.length()) > maxLength) {
                throw InvalidInput.validation(
                        name(field) + " items must be at most " + maxLength + " characters");
            }
            items.add(text);
        }
        return Optional.of(items);
    }

    /**
     * An ISO-8601 date-time within the years 1000 to 9999, the range the database stores and
     * compares: a bound beyond it would not be refused there but compared wrongly.
     */
    public static Instant parseInstant(String field, String text) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                instant = java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw InvalidInput.validation(field + " must be an ISO-8601 date-time");
            }
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw InvalidInput.validation(field + " must be within the years 1000 to 9999");
        }
        return instant;
    }

    /** The field as the caller wrote it: {@code filter.text}, not {@code text}. */
    private String name(String field) {
        return path + field;
    }

    /** A form's numbers and booleans were text when sent; JSON's never were. */
    private boolean isText(JsonNode value) {
        return value.isTextual() || isForm && (value.isIntegralNumber() || value.isBoolean());
    }

    private static boolean isWhole(JsonNode value) {
        return value.decimalValue().stripTrailingZeros().scale() <= 0;
    }
}
