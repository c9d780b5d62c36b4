package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransientErrorsTest {

  @Test
  void knownTransientErrorsAreRetriedWithAMeaning() {
    assertThat(
            TransientErrors.meaningOf(
                "Error: creating ECS Service: ThrottlingException: Rate exceeded"))
        .contains("AWS throttled the API calls");
    assertThat(
            TransientErrors.meaningOf(
                "Error: deleting EC2 Subnet: DependencyViolation: The subnet 'subnet-1' has dependencies and cannot be deleted."))
        .hasValueSatisfying(m -> assertThat(m).contains("still being released"));
  }

  @Test
  void realErrorsAreNotRetried() {
    assertThat(
            TransientErrors.meaningOf(
                "Error: Invalid value for variable: image must be pinned by digest"))
        .isEmpty();
    assertThat(TransientErrors.meaningOf("Error: creating ECR Repository: AccessDeniedException"))
        .isEmpty();
  }
}
