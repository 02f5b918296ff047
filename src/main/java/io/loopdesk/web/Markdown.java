package io.loopdesk.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Request text as reviewers see it. Markdown is rendered with raw HTML escaped, then the HTML is
 * sanitised again, so a rendering bug alone cannot let a script, a style or a tracker through.
 */
public final class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .nodeRendererFactory(ImageAsLink::new)
            .build();

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SAFE_LINK =
            Pattern.compile("(?i)(https?://|mailto:)[^\\s]+");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "em", "strong", "code", "pre", "blockquote", "hr", "br")
            .allowElements("ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6")
            .allowElements("table", "thead", "tbody", "tr", "th", "td")
            .allowAttributes("start").matching(Pattern.compile("\\d{1,9}")).onElements("ol")
            .allowAttributes("align").matching(Pattern.compile("left|center|right"))
            .onElements("th", "td")
            .allowAttributes("class").matching(Pattern.compile("language-[\\w+#.-]{1,40}"))
            .onElements("code")
            .allowUrlProtocols("http", "https", "mailto")
            // Relative links would point into Loopdesk itself; only absolute ones are kept.
            .allowAttributes("href").matching(SAFE_LINK).onElements("a")
            .allowAttributes("title").onElements("a")
            .allowElements(Markdown::opensInNewTab, "a")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    private Markdown() {
    }

    /** HTML safe to put into a page as is; null or blank markdown gives "". */
    public static String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown)));
    }

    /** Plain text without markdown syntax, whitespace collapsed, at most maxChars long. */
    public static String excerpt(String markdown, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
        }
        if (markdown == null) {
            return "";
        }
        PlainText plain = new PlainText();
        PARSER.parse(markdown).accept(plain);
        String text = WHITESPACE.matcher(plain.text).replaceAll(" ").strip();
        if (text.codePointCount(0, text.length()) <= maxChars) {
            return text;
        }

        int end = text.offsetByCodePoints(0, maxChars - 1);
        String cut = text.substring(0, end);
        int lastSpace = cut.lastIndexOf(' ');
        boolean endsInsideWord = text.charAt(end) != ' ';
        if (endsInsideWord && lastSpace > cut.length() / 2) {
            cut = cut.substring(0, lastSpace);
        }
        return cut.stripTrailing() + "…";
    }

    /** A link without a usable address is dropped, keeping its text. */
    private static String opensInNewTab(String element, List<String> attributes) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).toLowerCase(Locale.ROOT).equals("href")) {
                attributes.add("target");
                attributes.add("_blank");
                return element;
            }
        }
        return null;
    }

    /**
     * Images would load from wherever the requester points them, so they become links the
     * reviewer may choose to follow; inside a link only their alt text is kept.
     */
    private static final class ImageAsLink implements NodeRenderer {

        private final HtmlNodeRendererContext context;

        ImageAsLink(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            Image image = (Image) node;
            PlainText alt = new PlainText();
            image.accept(alt);
            String label = alt.text.toString().strip();
            if (isInsideLink(image)) {
                context.getWriter().text(label);
                return;
            }
            String href = context.urlSanitizer().sanitizeLinkUrl(image.getDestination());
            context.getWriter().tag("a", Map.of("href", context.encodeUrl(href)));
            context.getWriter().text(label.isEmpty() ? "image" : label);
            context.getWriter().tag("/a");
        }

        private static boolean isInsideLink(Node node) {
            for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
                if (parent instanceof Link) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Collects the text a person reads, with a space wherever blocks or table cells meet. */
    private static final class PlainText extends AbstractVisitor {

        private final StringBuilder text = new StringBuilder();

        @Override
        public void visit(Text node) {
            text.append(node.getLiteral());
        }

        @Override
        public void visit(Code node) {
            text.append(node.getLiteral());
        }

        @Override
        public void visit(FencedCodeBlock node) {
            text.append(node.getLiteral());
        }

        @Override
        public void visit(IndentedCodeBlock node) {
            text.append(node.getLiteral());
        }

        @Override
        public void visit(SoftLineBreak node) {
            text.append(' ');
        }

        @Override
        public void visit(HardLineBreak node) {
            text.append(' ');
        }

        @Override
        protected void visitChildren(Node parent) {
            for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                child.accept(this);
                if (child instanceof Block || child instanceof CustomNode) {
                    text.append(' ');
                }
            }
        }
    }
}
