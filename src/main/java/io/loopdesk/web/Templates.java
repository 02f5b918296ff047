package io.loopdesk.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.Map;

/**
 * Renders the precompiled JTE templates from {@code templates/}. Javalin 7 has no JTE plugin of
 * its own here, so this small renderer fills that place.
 */
public final class Templates implements FileRenderer {

    /** Room for a whole requests page, so that the output is not copied as it grows. */
    private static final int FIRST_CAPACITY = 64 * 1024;

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    @Override
    @SuppressWarnings("unchecked")
    public String render(String name, Map<String, ?> model, Context ctx) {
        StringOutput output = new StringOutput(FIRST_CAPACITY);
        // The cast picks the map overload; otherwise the single-parameter one is chosen.
        engine.render(name, (Map<String, Object>) model, output);
        return output.toString();
    }
}
