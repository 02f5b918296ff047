package io.loopdesk.loop;

import static io.loopdesk.db.schema.Tables.REQUEST_TALLY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.loopdesk.account.Permission;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class LoopApiTest {

    private final TestServer server = TestServer.get();

    @Test
    void creatingALoopAnswersWithItsInviteLinksAndAScannableQrCode() throws Exception {
        Person owner = server.newPerson("Olivia Owner");

        ApiResponse created = server.post("/v1/api/loops", owner.apiKey(),
                Map.of("name", "Moderation"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.msg()).isEqualTo("Loop created successfully with QR code");
        JsonNode data = created.data();
        JsonNode loop = data.path("loop");
        assertThat(loop.path("id").asText()).matches("[0-9a-f]{24}");
        assertThat(loop.path("name").asText()).isEqualTo("Moderation");
        assertThat(loop.path("description").isTextual()).isTrue();
        assertThat(loop.path("description").asText()).isEmpty();
        assertThat(loop.path("icon").asText()).isEqualTo("shield-check");
        assertThat(loop.path("creator_id").asText()).isEqualTo(owner.id());
        assertThat(loop.path("member_count").asInt()).isEqualTo(1);
        assertThat(loop.path("pending_count").asInt()).isZero();
        assertThat(loop.path("open_request_count").asInt()).isZero();
        assertThat(Instant.parse(loop.path("created_at").asText())).isNotNull();
        assertThat(loop.path("created_at").asText()).endsWith("Z");
        assertThat(loop.path("updated_at").asText()).endsWith("Z");
        JsonNode creator = loop.path("members").get(0);
        assertThat(creator.path("user_id").asText()).isEqualTo(owner.id());
        assertThat(creator.path("email").asText()).isEqualTo(owner.email());
        assertThat(creator.path("name").asText()).isEqualTo("Olivia Owner");
        assertThat(creator.path("role").asText()).isEqualTo("admin");
        assertThat(creator.path("status").asText()).isEqualTo("active");
        assertThat(creator.path("joined_at").asText()).endsWith("Z");

        String code = data.path("invite_code").asText();
        String base = server.app().baseUrl();
        assertThat(code).matches("[A-Za-z0-9_-]{10,}");
        assertThat(data.path("join_url").asText()).isEqualTo(base + "/join/" + code);
        assertThat(data.path("qr_code_url").asText()).isEqualTo(base + "/qr/" + code + ".png");
        assertThat(loop.path("invite_code").asText()).isEqualTo(code);
        assertThat(loop.path("join_url").asText()).isEqualTo(base + "/join/" + code);

        String dataUrl = data.path("qr_code_base64").asText();
        assertThat(dataUrl).startsWith("data:image/png;base64,");
        byte[] inline = Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
        assertThat(decodeQr(inline)).isEqualTo(base + "/join/" + code);

        HttpResponse<byte[]> served = fetch(data.path("qr_code_url").asText());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(decodeQr(served.body())).isEqualTo(base + "/join/" + code);
    }

    @Test
    void aLoopKeepsTheDescriptionAndIconItWasGiven() {
        Person owner = server.newPerson("Owner");

        ApiResponse created = server.post("/v1/loops", owner.apiKey(),
                Map.of("name", "  Support  ", "description", "Refund claims", "icon", "inbox"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode loop = created.data().path("loop");
        assertThat(loop.path("name").asText()).isEqualTo("Support");
        assertThat(loop.path("description").asText()).isEqualTo("Refund claims");
        assertThat(loop.path("icon").asText()).isEqualTo("inbox");
    }

    @Test
    void creatingALoopRefusesBadInput() {
        Person owner = server.newPerson("Owner");

        ApiResponse noName = server.post("/v1/api/loops", owner.apiKey(), Map.of());
        ApiResponse blankName = server.post("/v1/api/loops", owner.apiKey(), Map.of("name", "  "));
        ApiResponse longName = server.post("/v1/api/loops", owner.apiKey(),
                Map.of("name", "x".repeat(101)));
        ApiResponse numberName = server.post("/v1/api/loops", owner.apiKey(), Map.of("name", 7));
        ApiResponse longDescription = server.post("/v1/api/loops", owner.apiKey(),
                Map.of("name", "ok", "description", "d".repeat(501)));
        ApiResponse longIcon = server.post("/v1/api/loops", owner.apiKey(),
                Map.of("name", "ok", "icon", "i".repeat(101)));
        ApiResponse malformed = server.post("/v1/api/loops", owner.apiKey(), "{\"name\": ");

        for (ApiResponse refused : List.of(noName, blankName, longName, numberName,
                longDescription, longIcon)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.msg()).isEqualTo("Validation failed");
        }
        assertThat(noName.data().asText()).contains("name");
        assertThat(numberName.data().asText()).contains("name");
        assertThat(longDescription.data().asText()).contains("description");
        assertThat(longIcon.data().asText()).contains("icon");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.msg()).isEqualTo("Invalid request body");
        assertThat(server.get("/v1/api/loops", owner.apiKey()).data().path("count").asInt())
                .isZero();
    }

    @Test
    void theOwnerSeesTheInviteCodeAMemberSeesTheRestAndAStrangerSeesNothing() {
        Person owner = server.newPerson("Owner");
        Person member = server.newPerson("Member");
        Person stranger = server.newPerson("Stranger");
        String loopId = server.newLoop(owner, "Triage");
        server.join(owner, loopId, member);

        JsonNode asOwner = server.get("/v1/api/loops/" + loopId, owner.apiKey()).data()
                .path("loop");
        ApiResponse memberView = server.get("/v1/loops/" + loopId, member.apiKey());
        ApiResponse strangerView = server.get("/v1/api/loops/" + loopId, stranger.apiKey());

        assertThat(asOwner.path("invite_code").asText()).isNotEmpty();
        assertThat(asOwner.has("join_url")).isTrue();
        assertThat(asOwner.path("member_count").asInt()).isEqualTo(2);
        assertThat(memberView.status()).isEqualTo(200);
        assertThat(memberView.msg()).isEqualTo("Loop retrieved successfully");
        JsonNode asMember = memberView.data().path("loop");
        assertThat(asMember.path("id").asText()).isEqualTo(loopId);
        assertThat(asMember.path("name").asText()).isEqualTo("Triage");
        assertThat(asMember.path("member_count").asInt()).isEqualTo(2);
        assertThat(asMember.path("members")).hasSize(2);
        assertThat(asMember.has("invite_code")).isFalse();
        assertThat(asMember.has("join_url")).isFalse();
        assertThat(asMember.has("qr_code_url")).isFalse();
        assertThat(strangerView.status()).isEqualTo(404);
        assertThat(strangerView.msg()).isEqualTo("Loop not found");
    }

    @Test
    void theListHoldsLoopsIOwnAndLoopsIBelongTo() {
        Person me = server.newPerson("Me");
        Person other = server.newPerson("Other");
        String mine = server.newLoop(me, "Mine");
        String joined = server.newLoop(other, "Theirs");
        String foreign = server.newLoop(other, "Not mine");
        server.join(other, joined, me);

        ApiResponse list = server.get("/v1/api/loops", me.apiKey());

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.msg()).isEqualTo("Loops retrieved successfully");
        assertThat(list.data().path("count").asInt()).isEqualTo(2);
        List<String> ids = new ArrayList<>();
        list.data().path("loops").forEach(loop -> ids.add(loop.path("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(mine, joined).doesNotContain(foreign);
        list.data().path("loops").forEach(loop -> assertThat(loop.has("invite_code"))
                .isEqualTo(loop.path("id").asText().equals(mine)));
    }

    @Test
    void theOwnerUpdatesALoopAndNobodyElseCan() {
        Person owner = server.newPerson("Owner");
        Person member = server.newPerson("Member");
        Person stranger = server.newPerson("Stranger");
        String loopId = server.newLoop(owner, "Before");
        server.join(owner, loopId, member);
        String path = "/v1/api/loops/" + loopId;
        String createdAt = server.get(path, owner.apiKey()).data().path("loop")
                .path("created_at").asText();

        ApiResponse updated = put(path, owner.apiKey(), Map.of("name", "After", "icon", "eye"));
        ApiResponse byMember = put(path, member.apiKey(), Map.of("name", "Hijacked"));
        ApiResponse byStranger = put(path, stranger.apiKey(), Map.of("name", "Hijacked"));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.msg()).isEqualTo("Loop updated successfully");
        JsonNode loop = updated.data().path("loop");
        assertThat(loop.path("name").asText()).isEqualTo("After");
        assertThat(loop.path("icon").asText()).isEqualTo("eye");
        assertThat(loop.path("description").asText()).isEmpty();
        assertThat(Instant.parse(loop.path("updated_at").asText()))
                .isAfter(Instant.parse(createdAt));
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(byMember.msg()).isEqualTo("Only the loop owner can do this");
        assertThat(byStranger.status()).isEqualTo(404);
        assertThat(server.get(path, owner.apiKey()).data().path("loop").path("name").asText())
                .isEqualTo("After");
    }

    @Test
    void anUpdateMustChangeSomethingAndUseTheRightTypes() {
        Person owner = server.newPerson("Owner");
        String path = "/v1/api/loops/" + server.newLoop(owner, "Loop");

        ApiResponse empty = put(path, owner.apiKey(), Map.of());
        ApiResponse onlyUnknown = put(path, owner.apiKey(), Map.of("colour", "red"));
        ApiResponse noBody = server.send("PUT", path, owner.apiKey(), null, Map.of());
        ApiResponse wrongType = put(path, owner.apiKey(), Map.of("description", 42));
        ApiResponse emptyName = put(path, owner.apiKey(), Map.of("name", ""));
        ApiResponse malformed = put(path, owner.apiKey(), "[not json");

        for (ApiResponse refused : List.of(empty, onlyUnknown, noBody)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.msg()).isEqualTo("At least one field must be provided for update");
        }
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.msg()).isEqualTo("Validation failed");
        assertThat(wrongType.data().asText()).contains("description");
        assertThat(emptyName.status()).isEqualTo(400);
        assertThat(emptyName.data().asText()).contains("name");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.msg()).isEqualTo("Invalid request body");
    }

    @Test
    void aLoopWithOpenRequestsIsDeletedOnlyWhenForced() {
        Person owner = server.newPerson("Owner");
        Person member = server.newPerson("Member");
        String loopId = server.newLoop(owner, "Busy");
        server.join(owner, loopId, member);
        String requestId = createRequest(owner, loopId);
        String path = "/v1/api/loops/" + loopId;
        assertThat(server.get(path, owner.apiKey()).data().path("loop")
                .path("open_request_count").asInt()).isEqualTo(1);

        ApiResponse refused = server.delete(path, owner.apiKey());
        ApiResponse byMember = server.delete(path + "?force=true", member.apiKey());
        ApiResponse forced = server.delete(path + "?force=true", owner.apiKey());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.msg()).isEqualTo("Cannot delete loop with active requests");
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(forced.status()).as(forced.text()).isEqualTo(200);
        assertThat(forced.msg()).isEqualTo("Loop deleted successfully");
        assertThat(forced.data().path("loop_id").asText()).isEqualTo(loopId);
        assertThat(forced.data().path("deleted_at").asText()).endsWith("Z");
        assertThat(forced.data().path("deleted_data").path("members_removed").asInt())
                .isEqualTo(2);
        assertThat(forced.data().path("deleted_data").path("requests_deleted").asInt())
                .isEqualTo(1);
        assertThat(server.get(path, owner.apiKey()).status()).isEqualTo(404);
        assertThat(server.get(path, member.apiKey()).status()).isEqualTo(404);
        assertThat(server.get("/v1/api/requests/" + requestId, owner.apiKey()).status())
                .isEqualTo(404);
        assertThat(server.delete(path, owner.apiKey()).status()).isEqualTo(404);
        // The cancel's move between tallies is written with the commit, after the delete:
        // nothing of the loop may be counted again.
        assertThat(server.app().database().dsl().fetchCount(REQUEST_TALLY,
                REQUEST_TALLY.LOOP_ID.eq(loopId))).isZero();
    }

    @Test
    void aLoopWithoutOpenRequestsIsDeletedAtOnce() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Quiet");
        String requestId = createRequest(owner, loopId);
        assertThat(server.delete("/v1/api/requests/" + requestId, owner.apiKey()).status())
                .isEqualTo(200);

        ApiResponse deleted = server.delete("/v1/loops/" + loopId, owner.apiKey());
        ApiResponse badForce = server.delete("/v1/loops/" + loopId + "?force=maybe",
                owner.apiKey());

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data().path("deleted_data").path("members_removed").asInt())
                .isEqualTo(1);
        assertThat(deleted.data().path("deleted_data").path("requests_deleted").asInt())
                .isEqualTo(1);
        assertThat(badForce.status()).isEqualTo(400);
    }

    @Test
    void theOwnerListsMembersAndRemovesThemButNotThemselves() {
        Person owner = server.newPerson("Owner");
        Person member = server.newPerson("Member");
        String loopId = server.newLoop(owner, "Crew");
        server.join(owner, loopId, member);
        String path = "/v1/api/loops/" + loopId + "/members";

        ApiResponse roster = server.get(path, owner.apiKey());
        ApiResponse rosterForMember = server.get(path, member.apiKey());
        ApiResponse ownerRemoved = server.delete(path + "/" + owner.id(), owner.apiKey());
        ApiResponse unknownRemoved = server.delete(path + "/" + "0".repeat(24), owner.apiKey());
        ApiResponse malformedRemoved = server.delete(path + "/nobody", owner.apiKey());
        ApiResponse byMember = server.delete(path + "/" + owner.id(), member.apiKey());
        ApiResponse removed = server.delete(path + "/" + member.id(), owner.apiKey());

        assertThat(roster.status()).isEqualTo(200);
        assertThat(roster.msg()).isEqualTo("Members retrieved successfully");
        assertThat(roster.data().path("total_count").asInt()).isEqualTo(2);
        assertThat(roster.data().path("active_count").asInt()).isEqualTo(2);
        assertThat(roster.data().path("pending_count").asInt()).isZero();
        JsonNode joined = roster.data().path("members").get(1);
        assertThat(joined.path("user_id").asText()).isEqualTo(member.id());
        assertThat(joined.path("email").asText()).isEqualTo(member.email());
        assertThat(joined.path("name").asText()).isEqualTo("Member");
        assertThat(joined.path("role").asText()).isEqualTo("member");
        assertThat(joined.path("status").asText()).isEqualTo("active");
        assertThat(rosterForMember.status()).isEqualTo(403);
        assertThat(ownerRemoved.status()).isEqualTo(400);
        assertThat(ownerRemoved.msg()).isEqualTo("The loop owner cannot be removed");
        assertThat(unknownRemoved.status()).isEqualTo(404);
        assertThat(unknownRemoved.msg()).isEqualTo("Member not found");
        assertThat(malformedRemoved.status()).isEqualTo(404);
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.msg()).isEqualTo("Member removed successfully");
        assertThat(removed.data().path("loop_id").asText()).isEqualTo(loopId);
        assertThat(removed.data().path("user_id").asText()).isEqualTo(member.id());
        assertThat(removed.data().path("removed_at").asText()).endsWith("Z");
        assertThat(server.get("/v1/api/loops/" + loopId, member.apiKey()).status())
                .isEqualTo(404);
        assertThat(server.get(path, owner.apiKey()).data().path("total_count").asInt())
                .isEqualTo(1);
    }

    @Test
    void aRemovedMembersClaimGoesBackToPendingAtOnce() {
        Person owner = server.newPerson("Owner");
        Person member = server.newPerson("Member");
        String loopId = server.newLoop(owner, "Claims");
        server.join(owner, loopId, member);
        String requestId = createRequest(owner, loopId);
        ApiResponse claimed = server.post("/v1/api/requests/" + requestId + "/claim",
                member.apiKey(), null);
        assertThat(claimed.status()).as(claimed.text()).isEqualTo(200);

        ApiResponse removed = server.delete("/v1/api/loops/" + loopId + "/members/"
                + member.id(), owner.apiKey());

        assertThat(removed.status()).isEqualTo(200);
        JsonNode request = server.get("/v1/api/requests/" + requestId, owner.apiKey()).data()
                .path("request");
        assertThat(request.path("status").asText()).isEqualTo("pending");
        assertThat(request.path("claimed_by").isNull()).isTrue();
    }

    @Test
    void rotatingTheInviteCodeRetiresTheOldOne() throws Exception {
        Person owner = server.newPerson("Owner");
        Person latecomer = server.newPerson("Latecomer");
        ApiResponse created = server.post("/v1/api/loops", owner.apiKey(), Map.of("name", "Gate"));
        String loopId = created.data().path("loop").path("id").asText();
        String oldCode = created.data().path("invite_code").asText();

        ApiResponse rotated = server.post("/v1/api/loops/" + loopId + "/invite-code",
                owner.apiKey(), null);

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.msg()).isEqualTo("Invite code rotated successfully");
        String newCode = rotated.data().path("invite_code").asText();
        assertThat(newCode).isNotEqualTo(oldCode).hasSizeGreaterThanOrEqualTo(10);
        assertThat(rotated.data().path("join_url").asText()).endsWith("/join/" + newCode);
        assertThat(rotated.data().path("loop").path("invite_code").asText()).isEqualTo(newCode);
        assertThat(server.get("/v1/api/loops/" + loopId, owner.apiKey()).data().path("loop")
                .path("invite_code").asText()).isEqualTo(newCode);

        ApiResponse withOld = server.post("/v1/api/loops/join", latecomer.apiKey(),
                Map.of("invite_code", oldCode));
        assertThat(withOld.status()).isEqualTo(404);
        assertThat(withOld.msg()).isEqualTo("Invalid invite code");
        assertThat(fetch(server.baseUrl() + "/qr/" + oldCode + ".png").statusCode())
                .isEqualTo(404);
        assertThat(decodeQr(fetch(server.baseUrl() + "/qr/" + newCode + ".png").body()))
                .endsWith("/join/" + newCode);

        ApiResponse withNew = server.post("/v1/api/loops/join", latecomer.apiKey(),
                Map.of("invite_code", newCode));
        assertThat(withNew.status()).isEqualTo(200);
        assertThat(server.post("/v1/api/loops/" + loopId + "/invite-code", latecomer.apiKey(),
                null).status()).isEqualTo(403);
    }

    @Test
    void joiningIsIdempotentAndNeedsALiveCode() {
        Person owner = server.newPerson("Owner");
        Person reviewer = server.newPerson("Reviewer");
        ApiResponse created = server.post("/v1/api/loops", owner.apiKey(), Map.of("name", "Open"));
        String loopId = created.data().path("loop").path("id").asText();
        String code = created.data().path("invite_code").asText();

        ApiResponse first = server.post("/v1/api/loops/join", reviewer.apiKey(),
                Map.of("invite_code", code));
        ApiResponse again = server.post("/v1/loops/join", reviewer.apiKey(),
                Map.of("invite_code", code));
        ApiResponse ownerJoins = server.post("/v1/api/loops/join", owner.apiKey(),
                Map.of("invite_code", code));
        ApiResponse unknown = server.post("/v1/api/loops/join", reviewer.apiKey(),
                Map.of("invite_code", "nosuchcode00"));
        ApiResponse missing = server.post("/v1/api/loops/join", reviewer.apiKey(), Map.of());
        ApiResponse wrongType = server.post("/v1/api/loops/join", reviewer.apiKey(),
                Map.of("invite_code", 12));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.msg()).isEqualTo("Joined loop successfully");
        assertThat(first.data().path("loop").path("id").asText()).isEqualTo(loopId);
        assertThat(first.data().path("loop").has("invite_code")).isFalse();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().path("loop").path("member_count").asInt()).isEqualTo(2);
        assertThat(ownerJoins.status()).isEqualTo(200);
        assertThat(ownerJoins.data().path("loop").path("member_count").asInt()).isEqualTo(2);
        JsonNode ownerRow = ownerJoins.data().path("loop").path("members").get(0);
        assertThat(ownerRow.path("role").asText()).isEqualTo("admin");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.msg()).isEqualTo("Invalid invite code");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.msg()).isEqualTo("Validation failed");
    }

    @Test
    void aKeyWithoutLoopPermissionsIsRefused() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Guarded");
        String code = server.get("/v1/api/loops/" + loopId, owner.apiKey()).data().path("loop")
                .path("invite_code").asText();
        String readOnly = server.newKey(owner, Set.of(Permission.LOOPS_READ), Optional.empty());
        String requestsOnly = server.newKey(owner, Set.of(Permission.REQUESTS_READ,
                Permission.REQUESTS_WRITE), Optional.empty());
        String path = "/v1/api/loops/" + loopId;

        assertThat(server.get(path, readOnly).status()).isEqualTo(200);
        List<ApiResponse> refused = List.of(
                server.post("/v1/api/loops", readOnly, Map.of("name", "Nope")),
                put(path, readOnly, Map.of("name", "Nope")),
                server.delete(path, readOnly),
                server.delete(path + "/members/" + owner.id(), readOnly),
                server.post(path + "/invite-code", readOnly, null),
                server.post("/v1/api/loops/join", readOnly, Map.of("invite_code", code)),
                server.get("/v1/api/loops", requestsOnly),
                server.get(path, requestsOnly),
                server.get(path + "/members", requestsOnly));
        for (ApiResponse response : refused) {
            assertThat(response.status()).as(response.text()).isEqualTo(403);
            assertThat(response.msg()).isEqualTo("Access denied to this loop");
        }
        assertThat(server.get(path, owner.apiKey()).data().path("loop").path("name").asText())
                .isEqualTo("Guarded");
        assertThat(server.get("/v1/api/loops", null).status()).isEqualTo(401);
    }

    @Test
    void malformedLoopIdsAreReportedAsUnknownLoops() throws Exception {
        Person owner = server.newPerson("Owner");

        List<ApiResponse> answers = List.of(
                server.get("/v1/api/loops/not-a-loop", owner.apiKey()),
                server.get("/v1/loops/" + "A".repeat(24), owner.apiKey()),
                put("/v1/api/loops/12345", owner.apiKey(), Map.of("name", "x")),
                server.delete("/v1/api/loops/zzz", owner.apiKey()),
                server.get("/v1/api/loops/zzz/members", owner.apiKey()),
                server.delete("/v1/api/loops/zzz/members/" + owner.id(), owner.apiKey()),
                server.post("/v1/api/loops/zzz/invite-code", owner.apiKey(), null),
                server.get("/v1/api/loops/" + "0".repeat(24), owner.apiKey()));
        for (ApiResponse answer : answers) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(404);
            assertThat(answer.msg()).isEqualTo("Loop not found");
        }
        assertThat(fetch(server.baseUrl() + "/qr/nosuchcode00.png").statusCode()).isEqualTo(404);
    }

    private ApiResponse put(String path, String key, Object body) {
        return server.send("PUT", path, key, body, Map.of());
    }

    private String createRequest(Person owner, String loopId) {
        ApiResponse created = server.post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), Bodies.request());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.data().path("request_id").asText();
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG image").isNotNull();
        BinaryBitmap bitmap = new BinaryBitmap(
                new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
