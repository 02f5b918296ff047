package io.loopdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownTest {

    @Nested
    class SafeHtml {

        @Test
        void ordinaryFormattingIsRendered() {
            String html = Markdown.toSafeHtml(
                    "# Title\n\nSome **bold**, *italic* and `code`.\n\n> quoted\n\n- one\n- two\n\n"
                            + "3. three\n4. four\n\n---\nline  \nbreak");

            assertThat(html).contains("<h1>Title</h1>", "<strong>bold</strong>", "<em>italic</em>",
                    "<code>code</code>", "<blockquote>", "<ul>", "<li>one</li>",
                    "<ol start=\"3\">", "<hr />", "<br />");
        }

        @Test
        void tablesAndFencedCodeAreRendered() {
            String html = Markdown.toSafeHtml(
                    "| key | value |\n|:--|--:|\n| a | 1 |\n\n```java\nif (a < b) {}\n```");

            assertThat(html).contains("<table>", "<th align=\"left\">key</th>",
                    "<td align=\"right\">1</td>", "<pre><code class=\"language-java\">",
                    "a &lt; b");
        }

        @Test
        void linksOpenInANewTabWithoutReferrerOrRanking() {
            String html = Markdown.toSafeHtml("[docs](https://example.com/a?b=1)");

            assertThat(html).contains("href=\"https://example.com/a?b&#61;1\"",
                    "target=\"_blank\"", "rel=\"nofollow noopener noreferrer\"", ">docs</a>");
        }

        @Test
        void mailtoLinksAreKept() {
            assertThat(Markdown.toSafeHtml("[write](mailto:ops@example.com)"))
                    .contains("href=\"mailto:ops&#64;example.com\"");
        }

        @Test
        void aScriptTagIsShownAsTextAndNeverRuns() {
            String html =
                    Markdown.toSafeHtml("Hi <script>alert(1)</script>\n\n<script>x()</script>");

            assertThat(html).doesNotContainIgnoringCase("<script")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x](  javascript:alert(1) )",
            "<javascript:alert(1)>",
            "[x](vbscript:msgbox(1))",
            "[x][r]\n\n[r]: javascript:alert(1)",
        })
        void aScriptLinkKeepsItsTextButLosesItsAddress(String markdown) {
            String html = Markdown.toSafeHtml(markdown);

            assertThat(html).doesNotContain("href", "<a");
        }

        @Test
        void dataAndRelativeLinksAreDropped() {
            String html = Markdown.toSafeHtml(
                    "[d](data:text/html;base64,PHNjcmlwdD4=) and [r](/v1/api/requests)");

            assertThat(html).isEqualTo("<p>d and r</p>\n");
        }

        @Test
        void anImgTagWithAnEventHandlerIsEscaped() {
            String html = Markdown.toSafeHtml("<img src=x onerror=alert(1)>");

            assertThat(html).doesNotContain("<img").doesNotContainPattern("<[^>]*onerror")
                    .contains("&lt;img");
        }

        @Test
        void aRawAnchorIsEscapedNotLinked() {
            String html = Markdown.toSafeHtml("<a href=\"https://evil.example\">click</a>");

            assertThat(html).doesNotContain("<a ").contains("&lt;a href");
        }

        @Test
        void aMarkdownImageBecomesALinkAndLoadsNothing() {
            String html = Markdown.toSafeHtml("![chart](https://tracker.example/pixel.gif)");

            assertThat(html).doesNotContain("<img")
                    .contains("<a href=\"https://tracker.example/pixel.gif\"", ">chart</a>");
        }

        @Test
        void anImageInsideALinkLeavesOnlyItsAltText() {
            String html =
                    Markdown.toSafeHtml("[![logo](https://t.example/x.png)](https://a.example)");

            assertThat(html).doesNotContain("<img", "t.example")
                    .contains("href=\"https://a.example\"", ">logo</a>");
        }

        @Test
        void attributesCannotBeSmuggledThroughALinkTitle() {
            String titleBreakout = "[x](https://a.example \"t\\\" onclick=\\\"alert(1)\")";
            String html = Markdown.toSafeHtml(titleBreakout + " and <b style=\"x\">b</b>");

            assertThat(html).doesNotContainPattern("<[^>]*(onclick|style)=");
        }

        @Test
        void nothingGivesAnEmptyString() {
            assertThat(Markdown.toSafeHtml(null)).isEmpty();
            assertThat(Markdown.toSafeHtml("  \n ")).isEmpty();
        }
    }

    @Nested
    class Excerpt {

        @Test
        void markdownSyntaxIsStrippedAndWhitespaceCollapsed() {
            String text = Markdown.excerpt("# Title\n\nSome **bold**   text and"
                    + " [a link](https://x.y).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                    + "- `code`\n- <b>raw</b>", 200);

            assertThat(text).isEqualTo("Title Some bold text and a link. a b 1 2 code raw");
        }

        @Test
        void shortTextIsLeftWhole() {
            assertThat(Markdown.excerpt("Approve *this*?", 15)).isEqualTo("Approve this?");
        }

        @Test
        void longTextIsCutAtAWordWithAnEllipsis() {
            String text = Markdown.excerpt("The quick brown fox jumps over the lazy dog", 20);

            assertThat(text).isEqualTo("The quick brown fox…").hasSizeLessThanOrEqualTo(20);
        }

        @Test
        void aSingleLongWordIsCutInside() {
            assertThat(Markdown.excerpt("Supercalifragilisticexpialidocious", 10))
                    .isEqualTo("Supercali…");
        }

        @Test
        void aCutNeverSplitsACharacter() {
            String text = Markdown.excerpt("😀😀😀😀😀😀", 4);

            assertThat(text).isEqualTo("😀😀😀…");
        }

        @Test
        void nothingGivesAnEmptyStringAndANonPositiveLimitIsAMistake() {
            assertThat(Markdown.excerpt(null, 10)).isEmpty();
            assertThatThrownBy(() -> Markdown.excerpt("x", 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
