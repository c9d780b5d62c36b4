package dev.guestbook.harness.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.verdict.TagVerdict.StateResource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagVerdictTest {

  private static final List<StateResource> STATE =
      List.of(
          new StateResource("aws_vpc.main", "aws_vpc", Set.of("vpc-1")),
          new StateResource(
              "aws_eip.nat",
              "aws_eip",
              Set.of("arn:aws:ec2:us-east-1::elastic-ip/eipalloc-1", "eipalloc-1")),
          new StateResource(
              "aws_vpc_security_group_ingress_rule.alb_http",
              "aws_vpc_security_group_ingress_rule",
              Set.of("sgr-1")));

  @Test
  void aResourceTheApisDoNotListWithTheRunIdIsNamed() {
    // the first emulator rehearsal's finding: the EIP was tagged in the state, not as listed
    assertThat(TagVerdict.untagged("gb-1", STATE, Set.of("vpc-1")))
        .singleElement()
        .asString()
        .contains("aws_eip.nat", "eipalloc-1", "expected the tag RunId=gb-1", "no elastic-ip");
  }

  @Test
  void everyListedKindFoundByAnyOfItsIdsPassesAndUnlistedKindsAreNotJudged() {
    assertThat(TagVerdict.untagged("gb-1", STATE, Set.of("vpc-1", "eipalloc-1"))).isEmpty();
  }
}
