package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The runs' states and locks in the S3 backend, read from a stand-in S3. */
class BackendStatesTest {

  private static final Instant T = Instant.parse("2026-12-01T03:00:00Z");
  private final List<String> deleted = new ArrayList<>();

  private S3Client s3() {
    return StandInClients.client(
        S3Client.class,
        (name, request) ->
            switch (name) {
              case "listObjectsV2" ->
                  ListObjectsV2Response.builder()
                      .contents(
                          object("guestbook/gb-n41-1/terraform.tfstate", T),
                          object("guestbook/gb-n41-1/terraform.tfstate.tflock", T.plusSeconds(60)),
                          object("guestbook/gb-n42-1/terraform.tfstate", T.plusSeconds(3600)),
                          object(
                              "guestbook/gb-n43-2/terraform.tfstate.tflock", T.plusSeconds(7200)),
                          object("guestbook/notes.txt", T),
                          object("guestbook/gb-x/old/terraform.tfstate", T))
                      .build();
              case "deleteObject" -> {
                deleted.add(((DeleteObjectRequest) request).key());
                yield null;
              }
              default -> null;
            });
  }

  private static S3Object object(String key, Instant at) {
    return S3Object.builder().key(key).lastModified(at).build();
  }

  @Test
  void everyRunsStateWithItsLockAndALockWithNoStateYet() {
    assertThat(BackendStates.list(s3(), "bucket", "guestbook"))
        .containsExactly(
            new ReapPlan.StoredState("gb-n41-1", T, Optional.of(T.plusSeconds(60))),
            new ReapPlan.StoredState("gb-n42-1", T.plusSeconds(3600), Optional.empty()),
            new ReapPlan.StoredState(
                "gb-n43-2", T.plusSeconds(7200), Optional.of(T.plusSeconds(7200))));
  }

  @Test
  void breakingALockDeletesOnlyThatRunsLockObject() {
    BackendStates.unlock(s3(), "bucket", "guestbook", "gb-n41-1");

    assertThat(deleted).containsExactly("guestbook/gb-n41-1/terraform.tfstate.tflock");
  }
}
