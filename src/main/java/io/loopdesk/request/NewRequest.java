package io.loopdesk.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopdesk.form.ResponseForm;
import io.loopdesk.form.ResponseType;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.web.Body;
import io.loopdesk.web.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A create-request body, checked field by field (SPEC 2.5). Parsing either yields a complete,
 * valid draft or throws the 400 that names the first problem; nothing is stored before that.
 */
public record NewRequest(
        ProcessingType processingType,
        ContentType contentType,
        Priority priority,
        String requestText,
        String imageUrl,
        ObjectNode context,
        long timeoutSeconds,
        ResponseForm form,
        JsonNode defaultResponse,
        String platform,
        String platformVersion,
        String callbackUrl,
        List<String> tags) {

    static final int MAX_CONTEXT_BYTES = 64 * 1024;
    private static final String TYPES =
            "text, single_select, multi_select, rating, number, boolean";

    public static NewRequest parse(Body body) {
        return parse(body, UnaryOperator.identity());
    }

    /** As {@link #parse(Body)}, with {@code callbackUrlCheck} refusing unsafe callback targets. */
    public static NewRequest parse(Body body, UnaryOperator<String> callbackUrlCheck) {
        ProcessingType processing = body.requiredEnum("processing_type", ProcessingType::fromWire,
                "time-sensitive, deferred");
        ContentType content = body.requiredEnum("type", ContentType::fromWire, "markdown, image");
        Priority priority = body.requiredEnum("priority", Priority::fromWire,
                "low, medium, high, critical");
        String text = body.requiredString("request_text", 1, 10_000);
        if (text.isBlank()) {
            throw InvalidInput.validation("request_text must not be blank");
        }
        String imageUrl = body.optionalString("image_url", 1, 2048)
                .map(url -> httpUrl("image_url", url)).orElse(null);
        if (content == ContentType.IMAGE && imageUrl == null) {
            throw InvalidInput.validation("image_url is required when type is image");
        }
        ObjectNode context = body.optionalObject("context").orElse(null);
        if (context != null && Json.write(context).getBytes(StandardCharsets.UTF_8).length
                > MAX_CONTEXT_BYTES) {
            throw InvalidInput.validation("context must be at most 64 KiB when serialised");
        }
        long timeout = timeoutSeconds(body, processing);

        ResponseType responseType = body.requiredEnum("response_type", ResponseType::fromWire,
                TYPES);
        if (!body.has("response_config")) {
            throw new InvalidInput("Invalid response configuration", "response_config is required");
        }
        ResponseForm form = ResponseForm.parse(responseType, body.raw("response_config"));
        if (body.raw("default_response") == null) {
            throw InvalidInput.validation("default_response is required");
        }
        JsonNode defaultResponse = form.checkAnswer(body.raw("default_response"),
                "default_response");

        String platform = body.optionalString("platform", 1, 50).orElse("api");
        String platformVersion = body.optionalString("platform_version", 0, 50).orElse(null);
        String callbackUrl = body.optionalString("callback_url", 1, 2048)
                .map(url -> httpUrl("callback_url", callbackUrlCheck.apply(url))).orElse(null);
        List<String> tags = body.optionalStrings("tags", 20, 50).orElse(List.of());

        return new NewRequest(processing, content, priority, text, imageUrl, context, timeout,
                form, defaultResponse, platform, platformVersion, callbackUrl, tags);
    }

    private static long timeoutSeconds(Body body, ProcessingType processing) {
        Optional<Long> given = body.optionalWhole("timeout_seconds",
                processing.minTimeoutSeconds(), processing.maxTimeoutSeconds());
        if (given.isEmpty() && processing == ProcessingType.TIME_SENSITIVE) {
            throw InvalidInput.validation(
                    "timeout_seconds is required for time-sensitive requests");
        }
        return given.orElse(processing.maxTimeoutSeconds());
    }

    /** An absolute http(s) URL with a host, or a 400 naming the field. */
    public static String httpUrl(String field, String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw InvalidInput.validation(field + " must be an http or https URL");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw InvalidInput.validation(field + " must be an http or https URL");
        }
    }
}
