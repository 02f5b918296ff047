package io.loopdesk.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.loopdesk.problem.InvalidInput;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseFormTest {

    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    @Nested
    class Types {

        @Test
        void wireNamesAreSnakeCaseAndReadBack() {
            assertThat(ResponseType.SINGLE_SELECT.wireName()).isEqualTo("single_select");
            for (ResponseType type : ResponseType.values()) {
                assertThat(ResponseType.fromWire(type.wireName())).contains(type);
            }
        }

        @Test
        void unknownOrMissingWireNamesAreNotTypes() {
            assertThat(ResponseType.fromWire("TEXT")).isEmpty();
            assertThat(ResponseType.fromWire("slider")).isEmpty();
            assertThat(ResponseType.fromWire(null)).isEmpty();
        }
    }

    @Nested
    class AnyConfig {

        @ParameterizedTest
        @EnumSource(ResponseType.class)
        void aMissingConfigIsRefused(ResponseType type) {
            String detail = type.wireName() + ": response_config must be an object";
            assertConfigRefused(type, (JsonNode) null, detail);
            assertConfigRefused(type, NullNode.getInstance(), detail);
            assertConfigRefused(type, MissingNode.getInstance(), detail);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "'text'", "5", "true"})
        void aConfigThatIsNotAnObjectIsRefused(String config) {
            assertConfigRefused(ResponseType.TEXT, json(config),
                    "text: response_config must be an object");
        }

        @Test
        void unknownKeysAreIgnoredAndNotStored() {
            ResponseForm form = form(ResponseType.BOOLEAN, "{'required': true, 'theme': 'dark'}");

            assertThat(form.toJson()).isEqualTo(json("{'true_label': 'Yes', 'false_label': 'No'}"));
        }

        @Test
        void aMissingAnswerIsRefusedForEveryType() {
            for (ResponseForm form : oneFormOfEachType()) {
                assertAnswerRefused(form, null, "response_data: an answer is required");
                assertAnswerRefused(form, NullNode.getInstance(),
                        "response_data: an answer is required");
                assertAnswerRefused(form, MissingNode.getInstance(),
                        "response_data: an answer is required");
            }
        }

        @Test
        void theStoredConfigParsesBackToTheSameForm() {
            for (ResponseForm form : oneFormOfEachType()) {
                assertThat(ResponseForm.parse(form.type(), form.toJson())).isEqualTo(form);
            }
        }

        @Test
        void aRefusedDefaultResponseNamesThatField() {
            ResponseForm form = form(ResponseType.RATING, "{'scale_max': 5}");

            assertThatThrownBy(() -> form.checkAnswer(json("9"), "default_response"))
                    .isInstanceOfSatisfying(InvalidInput.class, problem ->
                            assertThat(problem.data())
                                    .isEqualTo("default_response: 9 is above the maximum 5"));
        }
    }

    @Nested
    class Text {

        @Test
        void anEmptyConfigGetsTheDefaults() {
            ResponseForm form = form(ResponseType.TEXT, "{}");

            assertThat(form).isEqualTo(new TextForm(null, 0, 5000, false));
            assertThat(form.toJson()).isEqualTo(
                    json("{'min_length': 0, 'max_length': 5000, 'required': false}"));
        }

        @Test
        void everyFieldIsKept() {
            ResponseForm form = form(ResponseType.TEXT,
                    "{'placeholder': 'Why?', 'min_length': 10, 'max_length': 50000, "
                            + "'required': true}");

            assertThat(form.toJson()).isEqualTo(json("{'placeholder': 'Why?', 'min_length': 10, "
                    + "'max_length': 50000, 'required': true}"));
        }

        @Test
        void lengthsOutsideTheirRangesAreRefused() {
            assertConfigRefused(ResponseType.TEXT, "{'max_length': 50001}",
                    "text: max_length must be between 1 and 50000");
            assertConfigRefused(ResponseType.TEXT, "{'max_length': 0}",
                    "text: max_length must be between 1 and 50000");
            assertConfigRefused(ResponseType.TEXT, "{'min_length': -1}",
                    "text: min_length must not be negative");
            assertConfigRefused(ResponseType.TEXT, "{'min_length': 20, 'max_length': 10}",
                    "text: min_length must not be greater than max_length");
        }

        @Test
        void wrongJsonTypesAreRefused() {
            assertConfigRefused(ResponseType.TEXT, "{'max_length': '100'}",
                    "text: max_length must be a number");
            assertConfigRefused(ResponseType.TEXT, "{'min_length': 2.5}",
                    "text: min_length must be a whole number");
            assertConfigRefused(ResponseType.TEXT, "{'max_length': 1e12}",
                    "text: max_length is out of range");
            assertConfigRefused(ResponseType.TEXT, "{'required': 'yes'}",
                    "text: required must be true or false");
            assertConfigRefused(ResponseType.TEXT, "{'placeholder': 7}",
                    "text: placeholder must be a string");
        }

        @Test
        void anAnswerWithinTheBoundsIsAccepted() {
            ResponseForm form = form(ResponseType.TEXT, "{'min_length': 3, 'max_length': 10}");

            assertThat(form.checkAnswer(json("'  fine  '"))).isEqualTo(json("'  fine  '"));
        }

        @Test
        void lengthIsCountedInCharactersNotUtf16Units() {
            ResponseForm form = form(ResponseType.TEXT, "{'max_length': 3}");

            assertThat(form.checkAnswer(json("'😀😀😀'")).textValue()).isEqualTo("😀😀😀");
            assertAnswerRefused(form, json("'😀😀😀😀'"),
                    "response_data: 4 characters is above the maximum 3");
        }

        @Test
        void anAnswerTooShortIsRefused() {
            ResponseForm form = form(ResponseType.TEXT, "{'min_length': 5}");

            assertAnswerRefused(form, json("'abc'"),
                    "response_data: 3 characters is below the minimum 5");
            assertAnswerRefused(form, json("''"),
                    "response_data: 0 characters is below the minimum 5");
        }

        @Test
        void aWhitespaceOnlyAnswerIsRefusedWhenRequired() {
            ResponseForm form = form(ResponseType.TEXT, "{'required': true}");

            assertAnswerRefused(form, json("'  \\n\\t '"),
                    "response_data: an answer is required, not only whitespace");
            assertAnswerRefused(form, json("''"),
                    "response_data: an answer is required, not only whitespace");
        }

        @Test
        void anEmptyAnswerIsFineWhenNotRequired() {
            ResponseForm form = form(ResponseType.TEXT, "{}");

            assertThat(form.checkAnswer(json("''")).textValue()).isEmpty();
        }

        @Test
        void anAnswerThatIsNotAStringIsRefused() {
            ResponseForm form = form(ResponseType.TEXT, "{}");

            assertAnswerRefused(form, json("42"), "response_data: expected a string, got number");
            assertAnswerRefused(form, json("['a']"),
                    "response_data: expected a string, got array");
        }

        @Test
        void itDescribesItsLengthAndWhetherItIsRequired() {
            assertThat(form(ResponseType.TEXT, "{'min_length': 10, 'required': true}").describe())
                    .isEqualTo("Free text, 10 to 5000 characters (required)");
            assertThat(form(ResponseType.TEXT, "{'max_length': 200}").describe())
                    .isEqualTo("Free text, up to 200 characters");
        }
    }

    @Nested
    class SingleSelect {

        @Test
        void plainStringOptionsBecomeObjectsWithTheirValueAsLabel() {
            ResponseForm form = form(ResponseType.SINGLE_SELECT, "{'options': ['yes', 'no']}");

            assertThat(form.toJson()).isEqualTo(json("{'options': ["
                    + "{'value': 'yes', 'label': 'yes'}, {'value': 'no', 'label': 'no'}]}"));
        }

        @Test
        void optionObjectsKeepLabelDescriptionAndColour() {
            ResponseForm form = form(ResponseType.SINGLE_SELECT, "{'options': ["
                    + "{'value': 'approve', 'label': 'Approve', 'description': 'Ship it',"
                    + " 'color': '#22c55e'}, {'value': 'reject'}, 'escalate']}");

            assertThat(form.toJson()).isEqualTo(json("{'options': ["
                    + "{'value': 'approve', 'label': 'Approve', 'description': 'Ship it',"
                    + " 'color': '#22c55e'}, {'value': 'reject', 'label': 'reject'},"
                    + " {'value': 'escalate', 'label': 'escalate'}]}"));
            assertThat(((SingleSelectForm) form).options().get(0))
                    .isEqualTo(new Option("approve", "Approve", "Ship it", "#22c55e"));
        }

        @Test
        void theNumberOfOptionsMustBeOneToFifty() {
            assertConfigRefused(ResponseType.SINGLE_SELECT, "{'options': []}",
                    "single_select: options must have 1 to 50 entries");
            assertConfigRefused(ResponseType.SINGLE_SELECT, "{'options': " + options(51) + "}",
                    "single_select: options must have 1 to 50 entries");
            assertThat(form(ResponseType.SINGLE_SELECT, "{'options': " + options(50) + "}")
                    .toJson().get("options")).hasSize(50);
        }

        @Test
        void missingOrMistypedOptionsAreRefused() {
            assertConfigRefused(ResponseType.SINGLE_SELECT, "{}",
                    "single_select: options is required");
            assertConfigRefused(ResponseType.SINGLE_SELECT, "{'options': 'yes,no'}",
                    "single_select: options must be an array");
            assertConfigRefused(ResponseType.SINGLE_SELECT, "{'options': ['a', 3]}",
                    "options[1]: must be a string or an object");
            assertConfigRefused(ResponseType.SINGLE_SELECT, "{'options': [{'value': 3}]}",
                    "options[0]: value must be a string");
            assertConfigRefused(ResponseType.SINGLE_SELECT, "{'options': [{'label': 'A'}]}",
                    "options[0]: value is required");
        }

        @Test
        void duplicateValuesAreRefused() {
            assertConfigRefused(ResponseType.SINGLE_SELECT,
                    "{'options': ['yes', {'value': 'yes', 'label': 'Sure'}]}",
                    "options: duplicate value 'yes'");
        }

        @Test
        void emptyOrOverlongValuesAndLabelsAreRefused() {
            assertConfigRefused(ResponseType.SINGLE_SELECT, "{'options': ['ok', '  ']}",
                    "options[1]: value must not be empty");
            assertConfigRefused(ResponseType.SINGLE_SELECT,
                    "{'options': ['" + "v".repeat(101) + "']}",
                    "options[0]: value must be at most 100 characters");
            assertConfigRefused(ResponseType.SINGLE_SELECT,
                    "{'options': [{'value': 'a', 'label': '" + "l".repeat(201) + "'}]}",
                    "options[0]: label must be at most 200 characters");
            assertThat(form(ResponseType.SINGLE_SELECT,
                    "{'options': ['" + "v".repeat(100) + "']}")).isNotNull();
        }

        @Test
        void aColourThatCouldCarryCssIsRefused() {
            assertConfigRefused(ResponseType.SINGLE_SELECT,
                    "{'options': [{'value': 'a', 'color': 'red;background:url(//x)'}]}",
                    "options[0]: color must be a hex colour like #22c55e or a colour name");
        }

        @Test
        void anAnswerThatIsAnOptionValueIsAccepted() {
            ResponseForm form = approveOrReject();

            assertThat(form.checkAnswer(json("'reject'"))).isEqualTo(json("'reject'"));
        }

        @Test
        void anAnswerThatIsNotAnOptionValueIsRefused() {
            ResponseForm form = approveOrReject();

            assertAnswerRefused(form, json("'Approve'"),
                    "response_data: 'Approve' is not one of the options");
            assertAnswerRefused(form, json("['approve']"),
                    "response_data: expected a string, got array");
        }

        @Test
        void itListsTheChoicesByLabel() {
            ResponseForm form = form(ResponseType.SINGLE_SELECT, "{'options': ["
                    + "{'value': 'a', 'label': 'Approve'}, {'value': 'r', 'label': 'Reject'},"
                    + " 'Escalate']}");

            assertThat(form.describe()).isEqualTo("Choose one: Approve, Reject, Escalate");
        }

        private ResponseForm approveOrReject() {
            return form(ResponseType.SINGLE_SELECT, "{'options': ["
                    + "{'value': 'approve', 'label': 'Approve'}, 'reject']}");
        }
    }

    @Nested
    class MultiSelect {

        @Test
        void selectionsDefaultToAnyNumberOfTheOptions() {
            ResponseForm form = form(ResponseType.MULTI_SELECT, "{'options': ['a', 'b', 'c']}");

            assertThat(form.toJson().get("min_selections").intValue()).isZero();
            assertThat(form.toJson().get("max_selections").intValue()).isEqualTo(3);
            assertThat(form.describe()).isEqualTo("Choose any of: a, b, c");
        }

        @Test
        void selectionBoundsOutsideTheOptionsAreRefused() {
            assertConfigRefused(ResponseType.MULTI_SELECT,
                    "{'options': ['a', 'b'], 'max_selections': 3}",
                    "multi_select: max_selections must be between 1 and the number of options (2)");
            assertConfigRefused(ResponseType.MULTI_SELECT,
                    "{'options': ['a', 'b'], 'max_selections': 0}",
                    "multi_select: max_selections must be between 1 and the number of options (2)");
            assertConfigRefused(ResponseType.MULTI_SELECT,
                    "{'options': ['a', 'b', 'c'], 'min_selections': 3, 'max_selections': 2}",
                    "multi_select: min_selections must not be greater than max_selections");
            assertConfigRefused(ResponseType.MULTI_SELECT,
                    "{'options': ['a'], 'min_selections': -1}",
                    "multi_select: min_selections must not be negative");
            assertConfigRefused(ResponseType.MULTI_SELECT,
                    "{'options': ['a'], 'min_selections': '1'}",
                    "multi_select: min_selections must be a number");
        }

        @Test
        void distinctOptionValuesWithinTheBoundsAreAccepted() {
            ResponseForm form = oneToTwoOfThree();

            assertThat(form.checkAnswer(json("['c', 'a']"))).isEqualTo(json("['c', 'a']"));
        }

        @Test
        void anAnswerWithARepeatedValueIsRefused() {
            assertAnswerRefused(oneToTwoOfThree(), json("['a', 'a']"),
                    "response_data: 'a' is chosen twice");
        }

        @Test
        void anAnswerWithAnUnknownValueIsRefused() {
            assertAnswerRefused(oneToTwoOfThree(), json("['a', 'z']"),
                    "response_data: 'z' is not one of the options");
            assertAnswerRefused(oneToTwoOfThree(), json("['a', 1]"),
                    "response_data: expected a string, got number");
        }

        @Test
        void tooFewOrTooManySelectionsAreRefused() {
            assertAnswerRefused(oneToTwoOfThree(), json("[]"),
                    "response_data: 0 chosen, at least 1 needed");
            assertAnswerRefused(oneToTwoOfThree(), json("['a', 'b', 'c']"),
                    "response_data: 3 chosen, at most 2 allowed");
        }

        @Test
        void aSingleValueInsteadOfAnArrayIsRefused() {
            assertAnswerRefused(oneToTwoOfThree(), json("'a'"),
                    "response_data: expected an array of option values, got string");
        }

        @Test
        void anEmptySelectionIsFineWhenNoneIsRequired() {
            ResponseForm form = form(ResponseType.MULTI_SELECT, "{'options': ['a']}");

            assertThat(form.checkAnswer(json("[]"))).isEmpty();
        }

        @Test
        void itSaysHowManyToChoose() {
            assertThat(oneToTwoOfThree().describe()).isEqualTo("Choose 1 to 2 of: A, B, C");
            assertThat(form(ResponseType.MULTI_SELECT,
                    "{'options': ['x', 'y', 'z'], 'max_selections': 2}").describe())
                    .isEqualTo("Choose up to 2 of: x, y, z");
            assertThat(form(ResponseType.MULTI_SELECT,
                    "{'options': ['x', 'y', 'z'], 'min_selections': 2, 'max_selections': 2}")
                    .describe()).isEqualTo("Choose exactly 2 of: x, y, z");
        }

        private ResponseForm oneToTwoOfThree() {
            return form(ResponseType.MULTI_SELECT, "{'options': [{'value': 'a', 'label': 'A'},"
                    + " {'value': 'b', 'label': 'B'}, {'value': 'c', 'label': 'C'}],"
                    + " 'min_selections': 1, 'max_selections': 2}");
        }
    }

    @Nested
    class Rating {

        @Test
        void shortAliasesAreNormalisedToScaleNames() {
            ResponseForm form = form(ResponseType.RATING, "{'min': 0, 'max': 10, 'step': 0.5}");

            assertThat(form.toJson()).isEqualTo(
                    json("{'scale_min': 0, 'scale_max': 10, 'scale_step': 0.5}"));
        }

        @Test
        void scaleMinAndStepDefaultToOne() {
            assertThat(form(ResponseType.RATING, "{'scale_max': 5}").toJson()).isEqualTo(
                    json("{'scale_min': 1, 'scale_max': 5, 'scale_step': 1}"));
        }

        @Test
        void labelsAreKept() {
            ResponseForm form = form(ResponseType.RATING,
                    "{'scale_max': 5, 'labels': {'1': 'Poor', '5': 'Excellent'}}");

            assertThat(form.toJson().get("labels"))
                    .isEqualTo(json("{'1': 'Poor', '5': 'Excellent'}"));
        }

        @Test
        void scaleMaxIsRequired() {
            assertConfigRefused(ResponseType.RATING, "{'scale_min': 1}",
                    "rating: scale_max is required");
        }

        @Test
        void aScaleThatIsEmptyTooLongOrStepsBackwardsIsRefused() {
            assertConfigRefused(ResponseType.RATING, "{'scale_min': 5, 'scale_max': 5}",
                    "rating: scale_max must be greater than scale_min");
            assertConfigRefused(ResponseType.RATING, "{'scale_max': 101}",
                    "rating: scale_max must be at most 100");
            assertConfigRefused(ResponseType.RATING, "{'scale_max': 5, 'scale_step': 0}",
                    "rating: scale_step must be greater than 0");
            assertConfigRefused(ResponseType.RATING, "{'scale_max': 5, 'scale_step': -1}",
                    "rating: scale_step must be greater than 0");
            assertConfigRefused(ResponseType.RATING, "{'scale_max': 5, 'scale_step': 5}",
                    "rating: scale_step must not be larger than the scale");
        }

        @Test
        void wrongJsonTypesAreRefused() {
            assertConfigRefused(ResponseType.RATING, "{'scale_max': 'ten'}",
                    "rating: scale_max must be a number");
            assertConfigRefused(ResponseType.RATING, "{'max': '5'}",
                    "rating: scale_max must be a number");
            assertConfigRefused(ResponseType.RATING, "{'scale_max': 5, 'labels': ['Poor']}",
                    "rating: labels must be an object of scale value to label");
            assertConfigRefused(ResponseType.RATING, "{'scale_max': 5, 'labels': {'1': 1}}",
                    "rating: labels: '1' must be a string of at most 200 characters");
        }

        @Test
        void anAnswerOnAStepWithinTheScaleIsAccepted() {
            ResponseForm form = form(ResponseType.RATING, "{'scale_max': 5}");

            assertThat(form.checkAnswer(json("1"))).isEqualTo(json("1"));
            assertThat(form.checkAnswer(json("5"))).isEqualTo(json("5"));
            assertThat(form.checkAnswer(json("4.0"))).isEqualTo(json("4"));
        }

        @Test
        void ratingAnswerOutsideTheScaleIsRefused() {
            ResponseForm form = form(ResponseType.RATING, "{'scale_max': 5}");

            assertAnswerRefused(form, json("7"), "response_data: 7 is above the maximum 5");
            assertAnswerRefused(form, json("0"), "response_data: 0 is below the minimum 1");
        }

        @Test
        void ratingAnswerOffTheStepIsRefused() {
            ResponseForm form = form(ResponseType.RATING, "{'scale_max': 5}");

            assertAnswerRefused(form, json("2.5"),
                    "response_data: 2.5 is not on a step of 1 from 1");
        }

        @Test
        void halfStepsCountFromScaleMin() {
            ResponseForm form = form(ResponseType.RATING,
                    "{'scale_min': 0.5, 'scale_max': 3, 'scale_step': 0.5}");

            assertThat(form.checkAnswer(json("2.5"))).isEqualTo(json("2.5"));
            assertAnswerRefused(form, json("2.25"),
                    "response_data: 2.25 is not on a step of 0.5 from 0.5");
        }

        @Test
        void floatingPointErrorOnAStepIsToleratedAndRoundedAway() {
            ResponseForm form = form(ResponseType.RATING,
                    "{'scale_min': 0, 'scale_max': 1, 'scale_step': 0.1}");

            assertThat(form.checkAnswer(json("0.30000000000000004"))).isEqualTo(json("0.3"));
        }

        @Test
        void aRatingGivenAsAStringIsRefused() {
            assertAnswerRefused(form(ResponseType.RATING, "{'scale_max': 5}"), json("'3'"),
                    "response_data: expected a number, got string");
        }

        @Test
        void itDescribesTheScale() {
            assertThat(form(ResponseType.RATING, "{'scale_max': 5}").describe())
                    .isEqualTo("Rate from 1 to 5 in steps of 1");
            assertThat(form(ResponseType.RATING, "{'min': 0, 'max': 10, 'step': 0.5}").describe())
                    .isEqualTo("Rate from 0 to 10 in steps of 0.5");
        }
    }

    @Nested
    class Numeric {

        @Test
        void anEmptyConfigAllowsAnyNumberWithTwoDecimals() {
            ResponseForm form = form(ResponseType.NUMBER, "{}");

            assertThat(form.toJson())
                    .isEqualTo(json("{'decimal_places': 2, 'allow_negative': true}"));
            assertThat(form.checkAnswer(json("-12345.67"))).isEqualTo(json("-12345.67"));
            assertThat(form.describe()).isEqualTo("A number with up to 2 decimals");
        }

        @Test
        void shortAliasesAreNormalisedToValueNames() {
            ResponseForm form = form(ResponseType.NUMBER,
                    "{'min': 0, 'max': 100, 'decimal_places': 0, 'prefix': '$', 'suffix': ' USD',"
                            + " 'allow_negative': false}");

            assertThat(form.toJson()).isEqualTo(json("{'min_value': 0, 'max_value': 100, "
                    + "'decimal_places': 0, 'prefix': '$', 'suffix': ' USD', "
                    + "'allow_negative': false}"));
        }

        @Test
        void invalidBoundsAndDecimalPlacesAreRefused() {
            assertConfigRefused(ResponseType.NUMBER, "{'min_value': 10, 'max_value': 1}",
                    "number: min_value must not be greater than max_value");
            assertConfigRefused(ResponseType.NUMBER, "{'decimal_places': 11}",
                    "number: decimal_places must be between 0 and 10");
            assertConfigRefused(ResponseType.NUMBER, "{'decimal_places': -1}",
                    "number: decimal_places must be between 0 and 10");
            assertConfigRefused(ResponseType.NUMBER, "{'min': -5, 'allow_negative': false}",
                    "number: min_value and max_value must not be negative when allow_negative"
                            + " is false");
        }

        @Test
        void wrongJsonTypesAndLongAffixesAreRefused() {
            assertConfigRefused(ResponseType.NUMBER, "{'max_value': '100'}",
                    "number: max_value must be a number");
            assertConfigRefused(ResponseType.NUMBER, "{'allow_negative': 'no'}",
                    "number: allow_negative must be true or false");
            assertConfigRefused(ResponseType.NUMBER, "{'suffix': '" + "x".repeat(21) + "'}",
                    "number: suffix must be at most 20 characters");
        }

        @Test
        void aNumberWithinTheBoundsIsAccepted() {
            ResponseForm form = zeroToHundred();

            assertThat(form.checkAnswer(json("0"))).isEqualTo(json("0"));
            assertThat(form.checkAnswer(json("99.95"))).isEqualTo(json("99.95"));
            assertThat(form.checkAnswer(json("100.00"))).isEqualTo(json("100"));
        }

        @Test
        void aNumberOutsideTheBoundsIsRefused() {
            assertAnswerRefused(zeroToHundred(), json("100.5"),
                    "response_data: 100.5 is above the maximum 100");
            assertAnswerRefused(zeroToHundred(), json("-0.01"),
                    "response_data: -0.01 is below the minimum 0");
        }

        @Test
        void aNumberWithTooManyDecimalsIsRefused() {
            assertAnswerRefused(zeroToHundred(), json("1.234"),
                    "response_data: 1.234 has more than 2 decimals");
            assertAnswerRefused(form(ResponseType.NUMBER, "{'decimal_places': 0}"), json("2.5"),
                    "response_data: 2.5 has more than 0 decimals");
        }

        @Test
        void aNegativeNumberIsRefusedWhenNegativesAreNotAllowed() {
            ResponseForm form = form(ResponseType.NUMBER, "{'allow_negative': false}");

            assertAnswerRefused(form, json("-1"),
                    "response_data: -1 is negative, which is not allowed");
            assertThat(form.describe()).isEqualTo("A number of at least 0 with up to 2 decimals");
        }

        @Test
        void aNumberGivenAsAStringOrOutOfRangeIsRefused() {
            assertAnswerRefused(zeroToHundred(), json("'42'"),
                    "response_data: expected a number, got string");
            assertAnswerRefused(form(ResponseType.NUMBER, "{}"), json("1e400"),
                    "response_data: the number is out of range");
        }

        @Test
        void itDescribesBoundsDecimalsAndUnits() {
            assertThat(zeroToHundred().describe())
                    .isEqualTo("A number from 0 to 100 with up to 2 decimals");
            assertThat(form(ResponseType.NUMBER,
                    "{'max': 500, 'decimal_places': 0, 'prefix': '$'}").describe())
                    .isEqualTo("A whole number of at most $500");
            assertThat(form(ResponseType.NUMBER, "{'min': 1, 'decimal_places': 1, 'suffix': '%'}")
                    .describe()).isEqualTo("A number of at least 1% with up to 1 decimal");
        }

        private ResponseForm zeroToHundred() {
            return form(ResponseType.NUMBER, "{'min_value': 0, 'max_value': 100}");
        }
    }

    @Nested
    class YesOrNo {

        @Test
        void labelsDefaultToYesAndNo() {
            ResponseForm form = form(ResponseType.BOOLEAN, "{}");

            assertThat(form.toJson()).isEqualTo(json("{'true_label': 'Yes', 'false_label': 'No'}"));
            assertThat(form.describe()).isEqualTo("Yes or No");
        }

        @Test
        void customLabelsAndColoursAreKept() {
            ResponseForm form = form(ResponseType.BOOLEAN, "{'true_label': 'Safe',"
                    + " 'false_label': 'Unsafe', 'true_color': '#0a0', 'false_color': 'red'}");

            assertThat(form).isEqualTo(new BooleanForm("Safe", "Unsafe", "#0a0", "red"));
            assertThat(form.describe()).isEqualTo("Safe or Unsafe");
        }

        @Test
        void wrongJsonTypesAndCssInColoursAreRefused() {
            assertConfigRefused(ResponseType.BOOLEAN, "{'true_label': true}",
                    "boolean: true_label must be a string");
            assertConfigRefused(ResponseType.BOOLEAN, "{'false_color': 'url(https://t/x)'}",
                    "boolean: false_color must be a hex colour like #22c55e or a colour name");
        }

        @Test
        void onlyJsonTrueAndFalseAreAnswers() {
            ResponseForm form = form(ResponseType.BOOLEAN, "{}");

            assertThat(form.checkAnswer(json("true"))).isEqualTo(json("true"));
            assertThat(form.checkAnswer(json("false"))).isEqualTo(json("false"));
            assertAnswerRefused(form, json("'true'"),
                    "response_data: expected true or false, got string");
            assertAnswerRefused(form, json("1"),
                    "response_data: expected true or false, got number");
        }
    }

    private static ResponseForm[] oneFormOfEachType() {
        return new ResponseForm[] {
            form(ResponseType.TEXT, "{'placeholder': 'Why?', 'min_length': 1, 'required': true}"),
            form(ResponseType.SINGLE_SELECT, "{'options': ['a', {'value': 'b', 'color': 'red'}]}"),
            form(ResponseType.MULTI_SELECT, "{'options': ['a', 'b'], 'min_selections': 1}"),
            form(ResponseType.RATING, "{'min': 0, 'max': 10, 'step': 0.5, 'labels': {'0': 'No'}}"),
            form(ResponseType.NUMBER, "{'min': 1.50, 'max': 9.0, 'suffix': 'kg'}"),
            form(ResponseType.BOOLEAN, "{'true_color': '#fff'}"),
        };
    }

    private static String options(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "'o" + i + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static ResponseForm form(ResponseType type, String config) {
        return ResponseForm.parse(type, json(config));
    }

    private static void assertConfigRefused(ResponseType type, String config, String detail) {
        assertConfigRefused(type, json(config), detail);
    }

    private static void assertConfigRefused(ResponseType type, JsonNode config, String detail) {
        assertThatThrownBy(() -> ResponseForm.parse(type, config))
                .isInstanceOfSatisfying(InvalidInput.class, problem -> {
                    assertThat(problem.getMessage()).isEqualTo("Invalid response configuration");
                    assertThat(problem.data()).isEqualTo(detail);
                    assertThat(problem.status()).isEqualTo(400);
                });
    }

    private static void assertAnswerRefused(ResponseForm form, JsonNode answer, String detail) {
        assertThatThrownBy(() -> form.checkAnswer(answer))
                .isInstanceOfSatisfying(InvalidInput.class, problem -> {
                    assertThat(problem.getMessage()).isEqualTo("Validation failed");
                    assertThat(problem.data()).isEqualTo(detail);
                });
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
