package io.loopdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** An answer as a reviewer reads it back: option labels, the form's own yes/no words. */
public final class AnswerWords {

    private AnswerWords() {
    }

    public static String of(ResponseForm form, JsonNode answer) {
        if (answer == null || answer.isNull() || answer.isMissingNode()) {
            return "";
        }
        if (form instanceof SingleSelectForm single) {
            return label(single.options(), answer.asText());
        }
        if (form instanceof MultiSelectForm multi) {
            List<String> labels = new ArrayList<>();
            answer.forEach(value -> labels.add(label(multi.options(), value.asText())));
            return labels.isEmpty() ? "Nothing chosen" : String.join(", ", labels);
        }
        if (form instanceof BooleanForm yesNo) {
            return answer.asBoolean() ? yesNo.trueLabel() : yesNo.falseLabel();
        }
        if (form instanceof NumberForm number) {
            return withUnits(number.prefix(), answer.asText(), number.suffix());
        }
        if (form instanceof RatingForm rating) {
            String named = rating.labels().get(answer.asText());
            return answer.asText() + " of " + rating.scaleMax().stripTrailingZeros().toPlainString()
                    + (named == null ? "" : " (" + named + ")");
        }
        return answer.asText();
    }

    private static String label(List<Option> options, String value) {
        return options.stream().filter(option -> option.value().equals(value))
                .map(Option::label).findFirst().orElse(value);
    }

    /**
     * A number between its prefix and suffix, as "$12.50" or "12.50 USD": a suffix that starts
     * with a letter or digit gets a space, so a config's "USD" does not read "12.50USD".
     */
    public static String withUnits(String prefix, String number, String suffix) {
        String before = prefix == null ? "" : prefix;
        if (suffix == null || suffix.isEmpty()) {
            return before + number;
        }
        boolean spaced = Character.isLetterOrDigit(suffix.codePointAt(0));
        return before + number + (spaced ? " " : "") + suffix;
    }
}
