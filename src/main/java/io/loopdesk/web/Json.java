package io.loopdesk.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.loopdesk.problem.InvalidInput;
import java.util.regex.Pattern;

/** The one JSON mapper: snake_case records, ISO-8601 instants, strict about duplicate keys. */
public final class Json {

    public static final ObjectMapper MAPPER = createMapper();

    /** How the parser says where an unclosed array or object was opened. */
    private static final Pattern START_MARKER = Pattern.compile(
            "\\(start marker at \\[Source: .*?; (line: \\d+, column: \\d+)\\]\\)");

    private Json() {
    }

    private static ObjectMapper createMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxNumberLength(100)
                .maxStringLength(2_000_000)
                .build());
        mapper.registerModule(new JavaTimeModule());
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        return mapper;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Value cannot be written as JSON", e);
        }
    }

    /** Parses text stored by this application; a failure here is a bug, not bad input. */
    public static JsonNode readStored(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    /** Parses a client's body; anything that is not a JSON object is refused. */
    public static ObjectNode readBody(String text) {
        if (text == null || text.isBlank()) {
            return object();
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return object();
            }
            if (!node.isObject()) {
                throw new InvalidInput("Invalid request body", "The body must be a JSON object");
            }
            if (holdsBrokenText(node)) {
                // The database would store such text as '?', silently changing what was sent.
                throw new InvalidInput("Invalid request body",
                        "Strings must be valid Unicode, without unpaired surrogates");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new InvalidInput("Invalid request body", notJson(e));
        }
    }

    /** What the parser found wrong and where, without echoing the body. */
    private static String notJson(JsonProcessingException e) {
        String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        // The parser quotes what it stumbled on; a long token is cut to keep the answer short.
        int end = why.indexOf('\n');
        why = (end < 0 ? why : why.substring(0, end)).strip();
        // "(start marker at [Source: REDACTED (...); line: 1, column: 9])" says only where.
        why = START_MARKER.matcher(why).replaceAll("(opened at $1)");
        if (why.length() > 200) {
            why = why.substring(0, 200) + "…";
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return "The body is not valid JSON: " + why + where;
    }

    private static boolean holdsBrokenText(JsonNode node) {
        if (node.isTextual()) {
            return !isWellFormed(node.textValue());
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (holdsBrokenText(item)) {
                    return true;
                }
            }
        }
        for (var field : node.properties()) {
            if (!isWellFormed(field.getKey()) || holdsBrokenText(field.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** True unless the text holds a surrogate that is not half of a pair. */
    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
