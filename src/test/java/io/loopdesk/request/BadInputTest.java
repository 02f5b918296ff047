package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.request.Requests.Team;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input on every request, review and loop route (SPEC 2.1): the documented 4xx with the
 * documented message, never a 500, and nothing changed.
 */
class BadInputTest {

    private static final List<String> MALFORMED = List.of("{", "{\"priority\": ", "nul",
            "{'priority': 'high'}", "{\"priority\": \"high\",}", "{\"a\": 1} trailing",
            "[1, 2]", "\"just a string\"", "42", "{\"a\": \"\\x\"}");
    private static final String HUGE = "{\"request_text\": \"" + "a".repeat(1_100_000) + "\"}";

    private final TestServer server = TestServer.get();
    private final Requests requests = new Requests(server);

    /** A body-taking route, and what a valid call to it would look like. */
    private record Route(String method, String path, String key) {
    }

    @Test
    void malformedJsonIsAnInvalidRequestBodyOnEveryRouteThatReadsOne() {
        Team team = requests.team("Malformed");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        String done = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.respond(team.reviewer(), done, "approve");
        Snapshot before = snapshot(team.owner(), id, done);

        List<Route> routes = List.of(
                new Route("POST", "/v1/api/loops/" + team.loopId() + "/requests",
                        team.owner().apiKey()),
                new Route("DELETE", "/v1/api/requests/" + id, team.owner().apiKey()),
                new Route("POST", "/v1/api/requests/cancel", team.owner().apiKey()),
                new Route("PATCH", "/v1/api/requests/" + id, team.owner().apiKey()),
                new Route("POST", "/v1/api/requests/" + done + "/feedback", team.owner().apiKey()),
                new Route("POST", "/v1/api/requests/" + id + "/respond", team.reviewer().apiKey()),
                new Route("POST", "/v1/api/loops", team.owner().apiKey()),
                new Route("PUT", "/v1/api/loops/" + team.loopId(), team.owner().apiKey()),
                new Route("POST", "/v1/api/loops/join", team.reviewer().apiKey()));

        for (Route route : routes) {
            for (String body : MALFORMED) {
                ApiResponse answer = server.send(route.method(), route.path(), route.key(), body,
                        Map.of());
                assertThat(answer.status()).as("%s %s %s -> %s", route.method(), route.path(),
                        body, answer.text()).isEqualTo(400);
                assertThat(answer.json().path("error").asBoolean()).isTrue();
                assertThat(answer.msg()).as("%s %s", route.path(), body)
                        .isEqualTo("Invalid request body");
            }
        }
        assertThat(snapshot(team.owner(), id, done)).isEqualTo(before);
        assertThat(server.get("/v1/api/loops", team.owner().apiKey()).data().path("count")
                .asInt()).isEqualTo(1);
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413OnEveryRouteThatReadsOne() {
        Team team = requests.team("Huge");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        String done = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.respond(team.reviewer(), done, "approve");
        Snapshot before = snapshot(team.owner(), id, done);

        List<Route> routes = List.of(
                new Route("POST", "/v1/api/loops/" + team.loopId() + "/requests",
                        team.owner().apiKey()),
                new Route("POST", "/v1/loops/" + team.loopId() + "/requests",
                        team.owner().apiKey()),
                new Route("DELETE", "/v1/api/requests/" + id, team.owner().apiKey()),
                new Route("POST", "/v1/api/requests/cancel", team.owner().apiKey()),
                new Route("PATCH", "/v1/api/requests/" + id, team.owner().apiKey()),
                new Route("POST", "/v1/api/requests/" + done + "/feedback", team.owner().apiKey()),
                new Route("POST", "/v1/api/requests/" + id + "/respond", team.reviewer().apiKey()),
                new Route("POST", "/v1/api/loops", team.owner().apiKey()),
                new Route("POST", "/v1/api/loops/join", team.reviewer().apiKey()));

        for (Route route : routes) {
            ApiResponse answer = server.send(route.method(), route.path(), route.key(), HUGE,
                    Map.of());
            assertThat(answer.status()).as("%s %s", route.method(), route.path()).isEqualTo(413);
            assertThat(answer.json().path("error").asBoolean()).isTrue();
            assertThat(answer.msg()).isEqualTo("Request body too large");
        }
        assertThat(snapshot(team.owner(), id, done)).isEqualTo(before);
    }

    @Test
    void aCreateWithAWrongTypeNamesTheFieldAndStoresNothing() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Wrong types");
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("processing_type", 1);
        cases.put("type", true);
        cases.put("priority", List.of("high"));
        cases.put("request_text", 5);
        cases.put("image_url", 5);
        cases.put("context", "not an object");
        cases.put("timeout_seconds", "600");
        cases.put("response_type", 3);
        cases.put("platform", 7);
        cases.put("platform_version", false);
        cases.put("callback_url", Map.of("url", "https://example.com"));
        cases.put("tags", "moderation");

        for (var entry : cases.entrySet()) {
            ApiResponse answer = create(owner, loopId, Bodies.request(entry.getKey(),
                    entry.getValue()));
            assertValidationFailed(answer, entry.getKey());
        }
        assertValidationFailed(create(owner, loopId, Bodies.request("context", List.of(1))),
                "context");
        assertValidationFailed(create(owner, loopId, Bodies.request("tags", List.of(1, 2))),
                "tags");
        assertValidationFailed(create(owner, loopId, Bodies.request("timeout_seconds", 600.5)),
                "timeout_seconds");
        assertThat(requests.count(owner)).isZero();
    }

    @Test
    void aCreateMissingARequiredFieldNamesIt() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Missing");
        for (String field : List.of("processing_type", "type", "priority", "request_text",
                "response_type", "default_response")) {
            Map<String, Object> body = Bodies.request();
            body.remove(field);
            assertValidationFailed(create(owner, loopId, body), field);
        }
        Map<String, Object> noConfig = Bodies.request();
        noConfig.remove("response_config");
        ApiResponse missingConfig = create(owner, loopId, noConfig);
        assertThat(missingConfig.status()).isEqualTo(400);
        assertThat(missingConfig.msg()).isEqualTo("Invalid response configuration");
        assertValidationFailed(create(owner, loopId, Bodies.request("type", "image")),
                "image_url");
        assertValidationFailed(create(owner, loopId,
                Bodies.request("processing_type", "time-sensitive")), "timeout_seconds");
        assertValidationFailed(create(owner, loopId, Bodies.request("request_text", "")),
                "request_text");
        assertValidationFailed(create(owner, loopId, Bodies.request("request_text", " \n\t ")),
                "request_text");
        assertThat(requests.count(owner)).isZero();
    }

    @Test
    void unknownEnumValuesAtCreateAreRefused() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Enums");
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("processing_type", "urgent");
        cases.put("type", "video");
        cases.put("priority", "urgent");
        cases.put("response_type", "essay");
        for (var entry : cases.entrySet()) {
            assertValidationFailed(create(owner, loopId, Bodies.request(entry.getKey(),
                    entry.getValue())), entry.getKey());
            assertValidationFailed(create(owner, loopId, Bodies.request(entry.getKey(),
                    ((String) entry.getValue()).toUpperCase())), entry.getKey());
        }
        assertValidationFailed(create(owner, loopId, Bodies.request("priority", "HIGH")),
                "priority");
        assertThat(requests.count(owner)).isZero();
    }

    @Test
    void outOfRangeNumbersAtCreateAreRefused() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Ranges");
        String base = "\"processing_type\": \"time-sensitive\", \"type\": \"markdown\", "
                + "\"priority\": \"low\", \"request_text\": \"Check\", \"response_type\": "
                + "\"boolean\", \"response_config\": {}, \"default_response\": false";
        for (String timeout : List.of("59", "86401", "0", "-60", "1e400", "-1e400",
                "99999999999999999999", "9223372036854775808", "60.5", "\"600\"", "null")) {
            ApiResponse answer = server.post("/v1/api/loops/" + loopId + "/requests",
                    owner.apiKey(), "{" + base + ", \"timeout_seconds\": " + timeout + "}");
            assertValidationFailed(answer, "timeout_seconds");
        }
        String deferred = base.replace("time-sensitive", "deferred");
        for (String timeout : List.of("59", "2592001", "1e400", "99999999999999999999")) {
            ApiResponse answer = server.post("/v1/api/loops/" + loopId + "/requests",
                    owner.apiKey(), "{" + deferred + ", \"timeout_seconds\": " + timeout + "}");
            assertValidationFailed(answer, "timeout_seconds");
        }
        assertThat(requests.count(owner)).isZero();

        ApiResponse lowest = server.post("/v1/api/loops/" + loopId + "/requests", owner.apiKey(),
                "{" + base + ", \"timeout_seconds\": 60}");
        ApiResponse highest = server.post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), "{" + base + ", \"timeout_seconds\": 86400.0}");
        ApiResponse longest = server.post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), "{" + deferred + ", \"timeout_seconds\": 2592000}");
        assertThat(lowest.status()).as(lowest.text()).isEqualTo(201);
        assertThat(highest.status()).as(highest.text()).isEqualTo(201);
        assertThat(longest.status()).as(longest.text()).isEqualTo(201);
    }

    @Test
    void lengthLimitsAtCreateAreCountedInCharacters() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Lengths");
        assertValidationFailed(create(owner, loopId, Bodies.request("request_text",
                "a".repeat(10_001))), "request_text");
        assertValidationFailed(create(owner, loopId, Bodies.request("platform",
                "p".repeat(51))), "platform");
        assertValidationFailed(create(owner, loopId, Bodies.request("platform_version",
                "v".repeat(51))), "platform_version");
        assertValidationFailed(create(owner, loopId, Bodies.request("tags",
                List.of("t".repeat(51)))), "tags");
        List<String> manyTags = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            manyTags.add("tag" + i);
        }
        assertValidationFailed(create(owner, loopId, Bodies.request("tags", manyTags)), "tags");
        assertValidationFailed(create(owner, loopId, Bodies.request("context",
                Map.of("blob", "x".repeat(70_000)))), "context");
        assertValidationFailed(create(owner, loopId, Bodies.request("image_url",
                "javascript:alert(1)")), "image_url");
        assertValidationFailed(create(owner, loopId, Bodies.request("callback_url",
                "ftp://example.com/hook")), "callback_url");
        assertThat(requests.count(owner)).isZero();

        ApiResponse emoji = create(owner, loopId, Bodies.request("request_text",
                "😀".repeat(10_000)));
        assertThat(emoji.status()).as(emoji.text()).isEqualTo(201);
        assertThat(requests.read(owner, emoji.data().path("request_id").asText())
                .path("request_text").asText()).isEqualTo("😀".repeat(10_000));
    }

    @Test
    void unicodeInEveryTextFieldIsStoredAndReturnedExactly() {
        Team team = requests.team("Ünïcödé 🌍");
        String text = "Is this OK? 😀👩‍👩‍👧 — مرحبا بالعالم — שלום — e\u0301\u0308 Z\u0335\u0321a"
                + " \u202Eevil\u202C 中文 𝔘𝔫𝔦";
        Map<String, Object> body = Bodies.request("request_text", text);
        body.put("context", Map.of("ключ", text, "nested", Map.of("🔑", List.of(text))));
        body.put("tags", List.of("😀", "عربي", "e\u0301"));
        body.put("platform", "платформа");
        body.put("platform_version", "v1 ✓");
        body.put("response_config", Map.of("options", List.of("✅ yes", "❌ no")));
        body.put("default_response", "❌ no");

        String id = requests.create(team.owner(), team.loopId(), body);
        JsonNode stored = requests.read(team.owner(), id);

        assertThat(stored.path("request_text").asText()).isEqualTo(text);
        assertThat(stored.path("context").path("ключ").asText()).isEqualTo(text);
        assertThat(stored.path("context").path("nested").path("🔑").get(0).asText())
                .isEqualTo(text);
        assertThat(stored.path("tags")).extracting(JsonNode::asText)
                .containsExactly("😀", "عربي", "e\u0301");
        assertThat(stored.path("platform").asText()).isEqualTo("платформа");
        assertThat(stored.path("default_response").asText()).isEqualTo("❌ no");

        ApiResponse answered = requests.respond(team.reviewer(), id, "✅ yes");
        assertThat(answered.status()).as(answered.text()).isEqualTo(200);
        ApiResponse feedback = server.post("/v1/api/requests/" + id + "/feedback",
                team.owner().apiKey(), Map.of("feedback", Map.of("comment", text)));
        assertThat(feedback.status()).as(feedback.text()).isEqualTo(200);
        assertThat(requests.read(team.owner(), id).path("feedback").path("comment").asText())
                .isEqualTo(text);
    }

    @Test
    void controlCharactersInTextFieldsAreStoredAndReturnedExactly() {
        Team team = requests.team("Control");
        String text = "line\u0000with\u001fcontrols\u0007and\ttabs\r\n\u007f\u0085end";
        Map<String, Object> body = Bodies.request("request_text", text);
        body.put("context", Map.of("k\u0000", text));
        body.put("tags", List.of("a\u0000b", "\u001f"));

        String id = requests.create(team.owner(), team.loopId(), body);
        JsonNode stored = requests.read(team.owner(), id);

        assertThat(stored.path("request_text").asText()).isEqualTo(text);
        assertThat(stored.path("context").path("k\u0000").asText()).isEqualTo(text);
        assertThat(stored.path("tags")).extracting(JsonNode::asText)
                .containsExactly("a\u0000b", "\u001f");
        ApiResponse cancelled = server.send("DELETE", "/v1/api/requests/" + id,
                team.owner().apiKey(), Map.of("reason", "bad\u0000rea\u001fson"), Map.of());
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(requests.read(team.owner(), id).path("cancel_reason").asText())
                .isEqualTo("bad\u0000rea\u001fson");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithWhatIsWrongAndWhere() {
        Person owner = server.newPerson("Owner");
        // A raw control character inside a string, as a hand-written script may send one.
        ApiResponse answer = server.post("/v1/api/requests/cancel", owner.apiKey(),
                "{\"ids\": [\"a\"], \"reason\": \"one\u0000two\"}");

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.msg()).isEqualTo("Invalid request body");
        assertThat(answer.data().asText()).startsWith("The body is not valid JSON: ")
                .contains("code 0").endsWith("(line 1, column 30)");
        ApiResponse cut = server.post("/v1/api/requests/cancel", owner.apiKey(),
                "{\"ids\": [\"a\"");
        assertThat(cut.data().asText()).isEqualTo("The body is not valid JSON: Unexpected"
                + " end-of-input: expected close marker for Array (opened at line: 1, column: 9)"
                + " (line 1, column 13)");
        ApiResponse twice = server.post("/v1/api/requests/cancel", owner.apiKey(),
                "{\"ids\": [\"a\"], \"reason\": \"a\", \"reason\": \"b\"}");
        assertThat(twice.status()).as(twice.text()).isEqualTo(400);
        assertThat(twice.data().asText()).startsWith("The body is not valid JSON: ")
                .contains("reason");
    }

    @Test
    void brokenUnicodeEscapesAreAnInvalidBodyRatherThanStoredAsQuestionMarks() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Surrogates");
        String start = "{\"processing_type\": \"deferred\", \"type\": \"markdown\", "
                + "\"priority\": \"low\", \"response_type\": \"boolean\", "
                + "\"response_config\": {}, \"default_response\": true, ";
        List<String> broken = List.of(
                "\"request_text\": \"half \\ud83d an emoji\"",
                "\"request_text\": \"low half \\ude00 first\"",
                "\"request_text\": \"ok\", \"context\": {\"k\\udc00\": 1}",
                "\"request_text\": \"ok\", \"tags\": [\"fine\", \"\\ud800\"]");

        for (String fields : broken) {
            ApiResponse answer = server.post("/v1/api/loops/" + loopId + "/requests",
                    owner.apiKey(), start + fields + "}");
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(answer.msg()).isEqualTo("Invalid request body");
        }
        assertThat(requests.count(owner)).isZero();
        ApiResponse paired = server.post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), start + "\"request_text\": \"\\ud83d\\ude00\"}");
        assertThat(paired.status()).as(paired.text()).isEqualTo(201);
        assertThat(requests.read(owner, paired.data().path("request_id").asText())
                .path("request_text").asText()).isEqualTo("😀");
    }

    @Test
    void everyResponseTypeIsAcceptedWithItsAliasesAndPlainStringOptions() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Forms");

        JsonNode text = form(owner, loopId, "text", Map.of("placeholder", "Why?",
                "min_length", 2, "max_length", 50, "required", true), "No reason");
        JsonNode single = form(owner, loopId, "single_select", Map.of("options",
                List.of("a", Map.of("value", "b", "label", "Bee", "description", "The second",
                        "color", "#22c55e"))), "b");
        JsonNode multi = form(owner, loopId, "multi_select", Map.of("options",
                List.of("x", "y", "z"), "min_selections", 1, "max_selections", 2), List.of("x"));
        JsonNode rating = form(owner, loopId, "rating", Map.of("min", 0, "max", 10, "step", 0.5,
                "labels", Map.of("0", "Bad", "10", "Great")), 7.5);
        JsonNode number = form(owner, loopId, "number", Map.of("min", -5, "max", 1000,
                "decimal_places", 1, "prefix", "$", "suffix", " USD", "allow_negative", true),
                12.5);
        JsonNode bool = form(owner, loopId, "boolean", Map.of("true_label", "Ship it",
                "false_label", "Hold", "true_color", "green", "false_color", "#ef4444"), false);

        assertThat(text.path("response_config").path("min_length").asInt()).isEqualTo(2);
        assertThat(text.path("response_config").path("max_length").asInt()).isEqualTo(50);
        assertThat(text.path("response_config").path("required").asBoolean()).isTrue();
        assertThat(single.path("response_config").path("options").get(0).path("value").asText())
                .isEqualTo("a");
        assertThat(single.path("response_config").path("options").get(0).path("label").asText())
                .isEqualTo("a");
        assertThat(single.path("response_config").path("options").get(1).path("label").asText())
                .isEqualTo("Bee");
        assertThat(multi.path("response_config").path("max_selections").asInt()).isEqualTo(2);
        assertThat(multi.path("default_response")).hasSize(1);
        assertThat(rating.path("response_config").path("scale_min").asInt()).isZero();
        assertThat(rating.path("response_config").path("scale_max").asInt()).isEqualTo(10);
        assertThat(rating.path("response_config").path("scale_step").asDouble()).isEqualTo(0.5);
        assertThat(rating.path("response_config").has("min")).isFalse();
        assertThat(number.path("response_config").path("min_value").asInt()).isEqualTo(-5);
        assertThat(number.path("response_config").path("max_value").asInt()).isEqualTo(1000);
        assertThat(number.path("default_response").asDouble()).isEqualTo(12.5);
        assertThat(bool.path("response_config").path("true_label").asText()).isEqualTo("Ship it");
        assertThat(bool.path("default_response").asBoolean()).isFalse();

        JsonNode defaults = form(owner, loopId, "rating", Map.of("scale_max", 5), 3);
        assertThat(defaults.path("response_config").path("scale_min").asInt()).isEqualTo(1);
        assertThat(defaults.path("response_config").path("scale_step").asInt()).isEqualTo(1);
        JsonNode plainBool = form(owner, loopId, "boolean", Map.of(), true);
        assertThat(plainBool.path("response_config").path("true_label").asText())
                .isEqualTo("Yes");
        assertThat(plainBool.path("response_config").path("false_label").asText())
                .isEqualTo("No");
    }

    @Test
    void anInvalidResponseConfigurationIsRefusedAndNamesTheProblem() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Bad forms");
        List<Object[]> cases = List.of(
                new Object[] {"single_select", Map.of("options", List.of()), "a"},
                new Object[] {"single_select", Map.of("options", "a,b"), "a"},
                new Object[] {"single_select", Map.of("options", List.of("a", "a")), "a"},
                new Object[] {"single_select", Map.of(), "a"},
                new Object[] {"single_select", Map.of("options", List.of(5)), "a"},
                new Object[] {"single_select", Map.of("options", List.of(Map.of("label", "x"))),
                        "a"},
                new Object[] {"single_select", Map.of("options", List.of("v".repeat(101))), "a"},
                new Object[] {"multi_select", Map.of("options", List.of("a", "b"),
                        "max_selections", 3), List.of("a")},
                new Object[] {"rating", Map.of("scale_min", 5, "scale_max", 5), 5},
                new Object[] {"rating", Map.of("scale_min", 1), 1},
                new Object[] {"rating", Map.of("scale_max", 101), 1},
                new Object[] {"rating", Map.of("max", "ten"), 1},
                new Object[] {"number", Map.of("decimal_places", 11), 1},
                new Object[] {"number", Map.of("min", 10, "max", 1), 5},
                new Object[] {"text", Map.of("max_length", 50_001), "x"},
                new Object[] {"text", Map.of("max_length", 0), "x"},
                new Object[] {"text", Map.of("min_length", "3"), "xyz"},
                new Object[] {"boolean", Map.of("true_color", "red;background:url(x)"), true},
                new Object[] {"text", "not an object", "x"},
                new Object[] {"boolean", List.of(), true});
        for (Object[] c : cases) {
            Map<String, Object> body = Bodies.request();
            body.put("response_type", c[0]);
            body.put("response_config", c[1]);
            body.put("default_response", c[2]);
            ApiResponse answer = create(owner, loopId, body);
            assertThat(answer.status()).as("%s %s -> %s", c[0], c[1], answer.text())
                    .isEqualTo(400);
            assertThat(answer.msg()).as("%s %s", c[0], c[1])
                    .isEqualTo("Invalid response configuration");
            assertThat(answer.data().isTextual()).isTrue();
            assertThat(answer.data().asText()).isNotBlank();
        }
        assertThat(requests.count(owner)).isZero();
    }

    @Test
    void aDefaultResponseThatDoesNotFitTheFormIsAValidationFailure() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Bad defaults");
        List<Object[]> cases = List.of(
                new Object[] {"single_select", Map.of("options", List.of("a", "b")), "c"},
                new Object[] {"single_select", Map.of("options", List.of("a", "b")), List.of("a")},
                new Object[] {"multi_select", Map.of("options", List.of("a", "b")), "a"},
                new Object[] {"multi_select", Map.of("options", List.of("a", "b")),
                        List.of("a", "a")},
                new Object[] {"multi_select", Map.of("options", List.of("a", "b"),
                        "min_selections", 2), List.of("a")},
                new Object[] {"rating", Map.of("scale_max", 5), 6},
                new Object[] {"rating", Map.of("scale_max", 5), 2.5},
                new Object[] {"rating", Map.of("scale_max", 5), "3"},
                new Object[] {"number", Map.of("max_value", 10), 11},
                new Object[] {"number", Map.of("decimal_places", 0), 1.5},
                new Object[] {"number", Map.of("allow_negative", false), -1},
                new Object[] {"text", Map.of("max_length", 3), "four"},
                new Object[] {"text", Map.of("required", true), "   "},
                new Object[] {"text", Map.of(), 42},
                new Object[] {"boolean", Map.of(), "true"},
                new Object[] {"boolean", Map.of(), 1});
        for (Object[] c : cases) {
            Map<String, Object> body = Bodies.request();
            body.put("response_type", c[0]);
            body.put("response_config", c[1]);
            body.put("default_response", c[2]);
            ApiResponse answer = create(owner, loopId, body);
            assertThat(answer.status()).as("%s %s %s -> %s", c[0], c[1], c[2], answer.text())
                    .isEqualTo(400);
            assertThat(answer.msg()).as("%s %s", c[0], c[2]).isEqualTo("Validation failed");
            assertThat(answer.data().asText()).contains("default_response");
        }
        assertThat(requests.count(owner)).isZero();
    }

    @Test
    void badListQueryParametersAreRefusedWithTheDocumentedMessages() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Lists");
        requests.create(owner, loopId, Bodies.request());
        for (String limit : List.of("0", "101", "-1", "abc", "1.5", "1e400",
                "99999999999999999999", "1e2")) {
            assertRefused(server.get("/v1/api/requests?limit=" + limit, owner.apiKey()), 400,
                    "Invalid pagination parameters");
            assertRefused(server.get("/v1/api/loops/" + loopId + "/requests?limit=" + limit,
                    owner.apiKey()), 400, "Invalid pagination parameters");
        }
        for (String offset : List.of("-1", "x", "99999999999999999999", "1e400")) {
            assertRefused(server.get("/v1/api/requests?offset=" + offset, owner.apiKey()), 400,
                    "Invalid pagination parameters");
        }
        for (String status : List.of("open", "PENDING", "pending,claimed", "%00")) {
            assertRefused(server.get("/v1/api/requests?status=" + status, owner.apiKey()), 400,
                    "Invalid status filter value");
        }
        ApiResponse sort = server.get("/v1/api/requests?sort=newest", owner.apiKey());
        ApiResponse priority = server.get("/v1/api/requests?priority=urgent", owner.apiKey());
        ApiResponse before = server.get("/v1/api/requests?created_before=yesterday",
                owner.apiKey());
        ApiResponse after = server.get("/v1/api/requests?created_after=2026-13-45",
                owner.apiKey());
        for (ApiResponse refused : List.of(sort, priority, before, after)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().path("error").asBoolean()).isTrue();
        }
        assertThat(before.data().asText()).contains("created_before");
        assertThat(after.data().asText()).contains("created_after");
        for (String beyond : List.of("%2B10000-01-01T00:00:00Z", "0999-12-31T23:59:59Z",
                "%2B999999999-12-31T23:59:59Z")) {
            for (String bound : List.of("created_before", "created_after")) {
                ApiResponse refused = server.get("/v1/api/requests?" + bound + "=" + beyond,
                        owner.apiKey());
                assertThat(refused.status()).as(refused.text()).isEqualTo(400);
                assertThat(refused.data().asText()).contains(bound, "1000 to 9999");
            }
        }

        ApiResponse edges = server.get("/v1/api/requests?limit=100&offset=2147483647",
                owner.apiKey());
        assertThat(edges.status()).as(edges.text()).isEqualTo(200);
        assertThat(edges.data().path("requests")).isEmpty();
        assertThat(edges.data().path("has_more").asBoolean()).isFalse();
        ApiResponse unicode = server.get("/v1/api/requests?loop_id=%F0%9F%98%80",
                owner.apiKey());
        assertThat(unicode.status()).as(unicode.text()).isEqualTo(200);
        assertThat(unicode.data().path("total").asInt()).isZero();
    }

    @Test
    void malformedIdsAreNotFoundOnEveryRequestRoute() {
        Team team = requests.team("Ids");
        requests.create(team.owner(), team.loopId(), Bodies.request());
        int count = requests.count(team.owner());
        for (String id : List.of("abc", "0123456789abcdef012345678", "0123456789ABCDEF01234567",
                "0123456789abcdef0123456g", "%F0%9F%98%80", "0123456789abcdef01234567")) {
            String path = "/v1/api/requests/" + id;
            assertRefused(server.get(path, team.owner().apiKey()), 404, "Request not found");
            assertRefused(server.get(path + "/events", team.owner().apiKey()), 404,
                    "Request not found");
            assertRefused(server.delete(path, team.owner().apiKey()), 404, "Request not found");
            assertRefused(server.send("PATCH", path, team.owner().apiKey(),
                    Map.of("priority", "high"), Map.of()), 404, "Request not found");
            assertRefused(server.post(path + "/feedback", team.owner().apiKey(),
                    Map.of("feedback", Map.of("rating", 5))), 404, "Request not found");
            assertRefused(requests.claim(team.reviewer(), id), 404, "Request not found");
            assertRefused(server.post(path + "/release", team.reviewer().apiKey(), Map.of()),
                    404, "Request not found");
            assertRefused(requests.respond(team.reviewer(), id, "approve"), 404,
                    "Request not found");
            assertRefused(server.post("/v1/api/loops/" + id + "/requests",
                    team.owner().apiKey(), Bodies.request()), 404, "Loop not found");
            assertRefused(server.get("/v1/api/loops/" + id + "/requests",
                    team.owner().apiKey()), 404, "Loop not found");
        }
        assertThat(requests.count(team.owner())).isEqualTo(count);
    }

    @Test
    void badCancelManyBodiesAreRefusedAndCancelNothing() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Batch input");
        String id = requests.create(owner, loopId, Bodies.request());
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(String.format("%024x", i));
        }
        List<Object> bodies = List.of(
                Map.of(),
                Map.of("ids", id),
                Map.of("ids", List.of(1, 2)),
                Map.of("ids", List.of()),
                Map.of("ids", tooMany),
                Map.of("ids", List.of(id), "reason", 5),
                Map.of("ids", List.of(id), "reason", "r".repeat(501)),
                Map.of("ids", List.of(id), "filter", Map.of("created_before",
                        "2100-01-01T00:00:00Z")),
                Map.of("filter", "pending"),
                Map.of("filter", Map.of()),
                Map.of("filter", Map.of("created_before", "tomorrow")),
                Map.of("filter", Map.of("created_before", 1_700_000_000)),
                Map.of("filter", Map.of("created_before", "+10000-01-01T00:00:00Z")),
                Map.of("filter", Map.of("created_before", "2100-01-01T00:00:00Z",
                        "status", "open")),
                Map.of("filter", Map.of("created_before", "2100-01-01T00:00:00Z",
                        "priority", "urgent")),
                Map.of("filter", Map.of("created_before", "2100-01-01T00:00:00Z"),
                        "dry_run", "yes"));
        for (Object body : bodies) {
            ApiResponse answer = server.post("/v1/api/requests/cancel", owner.apiKey(), body);
            assertThat(answer.status()).as("%s -> %s", body, answer.text()).isEqualTo(400);
            assertThat(answer.msg()).isEqualTo("Validation failed");
        }
        // A field inside the filter is named as the caller wrote it.
        ApiResponse text = server.post("/v1/api/requests/cancel", owner.apiKey(), Map.of(
                "filter", Map.of("created_before", "2100-01-01T00:00:00Z", "text", 5)));
        assertThat(text.data().asText()).isEqualTo("filter.text must be a string");
        ApiResponse date = server.post("/v1/api/requests/cancel", owner.apiKey(),
                Map.of("filter", Map.of("created_before", "tomorrow")));
        assertThat(date.data().asText())
                .isEqualTo("filter.created_before must be an ISO-8601 date-time");
        assertThat(requests.status(owner, id)).isEqualTo("pending");
    }

    @Test
    void badPatchBodiesAreRefusedAndChangeNothing() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Patch input");
        String id = requests.create(owner, loopId, Bodies.request("context", Map.of("a", 1)));
        JsonNode before = requests.read(owner, id);
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("priority", 1);
        cases.put("context", "text");
        cases.put("timeout_at", 1_900_000_000);
        cases.put("tags", "one");
        for (var entry : cases.entrySet()) {
            assertValidationFailed(patch(owner, id, Map.of(entry.getKey(), entry.getValue())),
                    entry.getKey());
        }
        assertValidationFailed(patch(owner, id, Map.of("priority", "urgent")), "priority");
        assertValidationFailed(patch(owner, id, Map.of("timeout_at", "next week")),
                "timeout_at");
        assertValidationFailed(patch(owner, id, Map.of("timeout_at", "+10000-01-01T00:00:00Z")),
                "timeout_at");
        assertValidationFailed(patch(owner, id, Map.of("context", List.of("a"))), "context");
        assertValidationFailed(patch(owner, id, Map.of("tags", List.of(5))), "tags");
        assertValidationFailed(patch(owner, id, Map.of("priority", "high",
                "request_text", "sneaky")), "request_text");
        assertValidationFailed(patch(owner, id, Map.of("status", "completed")), "status");
        ApiResponse empty = patch(owner, id, Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.msg()).isEqualTo("At least one field must be provided for update");

        assertThat(requests.read(owner, id)).isEqualTo(before);
    }

    @Test
    void badFeedbackIsRefusedAndStoresNothing() {
        Team team = requests.team("Feedback input");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.respond(team.reviewer(), id, "approve");
        List<Object[]> cases = List.of(
                new Object[] {Map.of("feedback", Map.of("rating", 0)), "rating"},
                new Object[] {Map.of("feedback", Map.of("rating", 6)), "rating"},
                new Object[] {Map.of("feedback", Map.of("rating", "5")), "rating"},
                new Object[] {Map.of("feedback", Map.of("rating", 4.5)), "rating"},
                new Object[] {Map.of("feedback", Map.of("accuracy", 1e300)), "accuracy"},
                new Object[] {Map.of("feedback", Map.of("timeliness", -1)), "timeliness"},
                new Object[] {Map.of("feedback", Map.of("helpfulness", true)), "helpfulness"},
                new Object[] {Map.of("feedback", Map.of("comment", 5)), "comment"},
                new Object[] {Map.of("feedback", Map.of("comment", "c".repeat(1001))),
                        "comment"},
                new Object[] {Map.of("feedback", Map.of("would_recommend", "yes")),
                        "would_recommend"},
                new Object[] {Map.of("feedback", Map.of("follow_up_needed", 1)),
                        "follow_up_needed"},
                new Object[] {Map.of("feedback", Map.of("category", "meh")), "category"},
                new Object[] {Map.of("feedback", Map.of("tags", "great")), "tags"},
                new Object[] {Map.of("feedback", Map.of()), "feedback"},
                new Object[] {Map.of("feedback", Map.of("unknown", 1)), "feedback"},
                new Object[] {Map.of("feedback", "great"), "feedback"},
                new Object[] {Map.of(), "feedback"});
        for (Object[] c : cases) {
            ApiResponse answer = server.post("/v1/api/requests/" + id + "/feedback",
                    team.owner().apiKey(), c[0]);
            assertValidationFailed(answer, (String) c[1]);
        }
        assertThat(requests.read(team.owner(), id).path("feedback").isNull()).isTrue();
    }

    @Test
    void badAnswersAreRefusedAndTheRequestStaysOpen() {
        Team team = requests.team("Answer input");
        String select = requests.create(team.owner(), team.loopId(), Bodies.request());
        Map<String, Object> numberBody = Bodies.request();
        numberBody.put("response_type", "number");
        numberBody.put("response_config", Map.of("max_value", 100));
        numberBody.put("default_response", 0);
        String number = requests.create(team.owner(), team.loopId(), numberBody);
        Map<String, Object> openNumberBody = Bodies.request();
        openNumberBody.put("response_type", "number");
        openNumberBody.put("response_config", Map.of());
        openNumberBody.put("default_response", 0);
        String openNumber = requests.create(team.owner(), team.loopId(), openNumberBody);
        Map<String, Object> ratingBody = Bodies.request();
        ratingBody.put("response_type", "rating");
        ratingBody.put("response_config", Map.of("scale_max", 5));
        ratingBody.put("default_response", 1);
        String rating = requests.create(team.owner(), team.loopId(), ratingBody);

        for (Object answer : List.of("maybe", 1, true, List.of("approve"), Map.of("a", 1),
                "APPROVE")) {
            assertValidationFailed(requests.respond(team.reviewer(), select, answer),
                    "response_data");
        }
        for (String answer : List.of("\"12\"", "1e400", "-1e400", "1e999999999", "101",
                "99999999999999999999", "1.001", "true", "[1]")) {
            assertValidationFailed(server.post("/v1/api/requests/" + number + "/respond",
                    team.reviewer().apiKey(), "{\"response_data\": " + answer + "}"),
                    "response_data");
            assertValidationFailed(server.post("/v1/api/requests/" + rating + "/respond",
                    team.reviewer().apiKey(), "{\"response_data\": " + answer + "}"),
                    "response_data");
        }
        for (String answer : List.of("1e999999999", "-1e999999999")) {
            assertValidationFailed(server.post("/v1/api/requests/" + openNumber + "/respond",
                    team.reviewer().apiKey(), "{\"response_data\": " + answer + "}"),
                    "response_data");
        }
        assertValidationFailed(server.post("/v1/api/requests/" + select + "/respond",
                team.reviewer().apiKey(), Map.of()), "response_data");
        assertValidationFailed(server.post("/v1/api/requests/" + select + "/respond",
                team.reviewer().apiKey(), "{\"response_data\": null}"), "response_data");

        for (String id : List.of(select, number, openNumber, rating)) {
            JsonNode stored = requests.read(team.owner(), id);
            assertThat(stored.path("status").asText()).isEqualTo("pending");
            assertThat(stored.path("response_data").isNull()).isTrue();
            assertThat(stored.path("version").asInt()).isEqualTo(1);
        }
    }

    @Test
    void badLoopBodiesAreRefusedAndChangeNothing() {
        Person owner = server.newPerson("Owner");
        Person joiner = server.newPerson("Joiner");
        String loopId = server.newLoop(owner, "Loop input");
        JsonNode before = server.get("/v1/api/loops/" + loopId, owner.apiKey()).data();

        assertValidationFailed(server.post("/v1/api/loops", owner.apiKey(),
                Map.of("name", 5)), "name");
        assertValidationFailed(server.post("/v1/api/loops", owner.apiKey(),
                Map.of("name", "ok", "description", List.of())), "description");
        assertValidationFailed(server.send("PUT", "/v1/api/loops/" + loopId, owner.apiKey(),
                Map.of("name", true), Map.of()), "name");
        assertValidationFailed(server.send("PUT", "/v1/api/loops/" + loopId, owner.apiKey(),
                Map.of("icon", "i".repeat(101)), Map.of()), "icon");
        assertValidationFailed(server.post("/v1/api/loops/join", joiner.apiKey(),
                Map.of("invite_code", 12345)), "invite_code");
        ApiResponse unknownCode = server.post("/v1/api/loops/join", joiner.apiKey(),
                Map.of("invite_code", "\u0000😀"));
        assertThat(unknownCode.status()).as(unknownCode.text()).isIn(400, 404);

        assertThat(server.get("/v1/api/loops/" + loopId, owner.apiKey()).data())
                .isEqualTo(before);
        assertThat(server.get("/v1/api/loops", owner.apiKey()).data().path("count").asInt())
                .isEqualTo(1);
        assertThat(server.get("/v1/api/loops", joiner.apiKey()).data().path("count").asInt())
                .isZero();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private record Snapshot(int count, JsonNode open, JsonNode done) {
    }

    private Snapshot snapshot(Person owner, String open, String done) {
        return new Snapshot(requests.count(owner), requests.read(owner, open),
                requests.read(owner, done));
    }

    private JsonNode form(Person owner, String loopId, String type, Object config,
                          Object defaultResponse) {
        Map<String, Object> body = Bodies.request();
        body.put("response_type", type);
        body.put("response_config", config);
        body.put("default_response", defaultResponse);
        return requests.read(owner, requests.create(owner, loopId, body));
    }

    private ApiResponse create(Person owner, String loopId, Object body) {
        return server.post("/v1/api/loops/" + loopId + "/requests", owner.apiKey(), body);
    }

    private ApiResponse patch(Person owner, String id, Object body) {
        return server.send("PATCH", "/v1/api/requests/" + id, owner.apiKey(), body, Map.of());
    }

    private static void assertValidationFailed(ApiResponse answer, String field) {
        assertThat(answer.status()).as("%s: %s", field, answer.text()).isEqualTo(400);
        assertThat(answer.json().path("error").asBoolean()).isTrue();
        assertThat(answer.msg()).as("%s: %s", field, answer.text()).isEqualTo("Validation failed");
        assertThat(answer.data().asText()).as(answer.text()).contains(field);
    }

    private static void assertRefused(ApiResponse answer, int status, String msg) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().path("error").asBoolean()).isTrue();
        assertThat(answer.msg()).as(answer.text()).isEqualTo(msg);
    }
}
