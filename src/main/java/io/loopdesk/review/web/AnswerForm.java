package io.loopdesk.review.web;

import io.loopdesk.form.AnswerWords;
import io.loopdesk.form.BooleanForm;
import io.loopdesk.form.MultiSelectForm;
import io.loopdesk.form.NumberForm;
import io.loopdesk.form.Option;
import io.loopdesk.form.RatingForm;
import io.loopdesk.form.ResponseForm;
import io.loopdesk.form.SingleSelectForm;
import io.loopdesk.form.TextForm;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer form as the reviewer page draws it: one record per response type, carrying the
 * bounds already written as the HTML attributes want them. Colours were checked to be plain
 * hex or names when the request was created; the template still escapes them.
 */
public sealed interface AnswerForm {

    /** Scales with at most this many whole points are drawn as stars, longer ones as a slider. */
    int MOST_STARS = 10;

    /** One sentence saying what the form asks for. */
    String hint();

    static AnswerForm of(ResponseForm form) {
        String hint = form.describe();
        if (form instanceof TextForm text) {
            return new Text(hint, text.placeholder(), text.minLength(), text.maxLength(),
                    text.isRequired() || text.minLength() > 0);
        }
        if (form instanceof SingleSelectForm single) {
            return new Choice(hint, single.options(), false, 1, 1);
        }
        if (form instanceof MultiSelectForm multi) {
            return new Choice(hint, multi.options(), true, multi.minSelections(),
                    multi.maxSelections());
        }
        if (form instanceof RatingForm rating) {
            return Rating.of(hint, rating);
        }
        if (form instanceof NumberForm number) {
            return Number.of(hint, number);
        }
        BooleanForm yesNo = (BooleanForm) form;
        return new YesNo(hint, yesNo.trueLabel(), yesNo.falseLabel(), yesNo.trueColor(),
                yesNo.falseColor());
    }

    /** Free text with a live character count. */
    record Text(String hint, String placeholder, int minLength, int maxLength, boolean required)
            implements AnswerForm {

        public String limits() {
            return minLength > 0 ? minLength + " to " + maxLength + " characters"
                    : "up to " + maxLength + " characters";
        }
    }

    /** Radio buttons ({@code multiple} false) or check boxes with a live count. */
    record Choice(String hint, List<Option> options, boolean multiple, int min, int max)
            implements AnswerForm {

        public String howMany() {
            if (!multiple) {
                return "Choose one.";
            }
            if (min == max) {
                return "Choose exactly " + min + ".";
            }
            if (min == 0) {
                return max == options.size() ? "Choose any." : "Choose up to " + max + ".";
            }
            return "Choose " + min + " to " + max + ".";
        }
    }

    /**
     * A point of a scale; {@code label} is null where the config names none. {@code position}
     * is its place along a slider in percent.
     */
    record Point(String value, String label, String position) {

        /** How a mark under a slider hangs from its point: flush at the ends, else centred. */
        public String edge() {
            return switch (position) {
                case "0" -> "at-start";
                case "100" -> "at-end";
                default -> "";
            };
        }
    }

    /** Stars for short whole scales; a stepped slider with its named points otherwise. */
    record Rating(String hint, boolean asStars, String min, String max, String step,
                  List<Point> points, List<Point> marks) implements AnswerForm {

        public String question() {
            return asStars ? "How many stars, from " + min + " to " + max + "?" : hint;
        }

        static Rating of(String hint, RatingForm form) {
            BigDecimal min = form.scaleMin();
            BigDecimal max = form.scaleMax();
            BigDecimal step = form.scaleStep();
            BigDecimal span = max.subtract(min);
            int count = span.divide(step, MathContext.DECIMAL64).intValue() + 1;
            boolean whole = isWhole(min) && isWhole(step);
            boolean asStars = whole && step.compareTo(BigDecimal.ONE) == 0
                    && min.signum() >= 0 && count <= MOST_STARS;

            List<Point> points = new ArrayList<>();
            List<Point> marks = new ArrayList<>();
            for (int i = 0; i < count && i <= 1000; i++) {
                BigDecimal value = min.add(step.multiply(BigDecimal.valueOf(i)));
                String text = plain(value);
                String label = form.labels().get(text);
                String position = plain(value.subtract(min).multiply(BigDecimal.valueOf(100))
                        .divide(span, 2, RoundingMode.HALF_UP));
                Point point = new Point(text, label, position);
                points.add(point);
                if (label != null || i == 0 || i == count - 1) {
                    marks.add(point);
                }
            }
            return new Rating(hint, asStars, plain(min), plain(max), plain(step), points, marks);
        }
    }

    /** A number field between its prefix and suffix, stepping by its smallest decimal. */
    record Number(String hint, String prefix, String suffix, String step, String min, String max,
                  int decimals) implements AnswerForm {

        static Number of(String hint, NumberForm form) {
            BigDecimal lowest = form.minValue() != null ? form.minValue()
                    : form.allowNegative() ? null : BigDecimal.ZERO;
            BigDecimal highest = form.maxValue();
            String step = form.decimalPlaces() == 0 ? "1"
                    : BigDecimal.ONE.movePointLeft(form.decimalPlaces()).toPlainString();
            return new Number(bounds(form, lowest, highest) + precision(form.decimalPlaces()),
                    form.prefix(), form.suffix(), step,
                    lowest == null ? null : plain(lowest), highest == null ? null : plain(highest),
                    form.decimalPlaces());
        }

        private static String bounds(NumberForm form, BigDecimal lowest, BigDecimal highest) {
            if (lowest != null && highest != null) {
                return "From " + shown(form, lowest) + " to " + shown(form, highest);
            }
            if (lowest != null) {
                return "At least " + shown(form, lowest);
            }
            return highest != null ? "At most " + shown(form, highest) : "Any number";
        }

        private static String precision(int decimals) {
            return switch (decimals) {
                case 0 -> ", whole numbers only.";
                case 1 -> ", with up to 1 decimal.";
                default -> ", with up to " + decimals + " decimals.";
            };
        }

        private static String shown(NumberForm form, BigDecimal value) {
            return AnswerWords.withUnits(form.prefix(), plain(value), form.suffix());
        }
    }

    /** Two large buttons, each sending its answer. */
    record YesNo(String hint, String trueLabel, String falseLabel, String trueColor,
                 String falseColor) implements AnswerForm {
    }

    private static boolean isWhole(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0;
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
