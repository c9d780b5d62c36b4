package dev.guestbook.harness.stack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** A task on AWS is healthy only when its container check and its target in the ALB both say so. */
class AwsTaskHealthTest {

  private static TargetHealthDescription target(
      String ip, TargetHealthStateEnum state, TargetHealthReasonEnum reason) {
    return TargetHealthDescription.builder()
        .target(TargetDescription.builder().id(ip).port(3000).build())
        .targetHealth(TargetHealth.builder().state(state).reason(reason).build())
        .build();
  }

  @Test
  void bothChecksMustBeHealthy() {
    Task healthy = Task.builder().healthStatus(HealthStatus.HEALTHY).build();
    assertThat(
            AwsStack.health(
                    healthy,
                    "10.0.1.5",
                    List.of(target("10.0.1.5", TargetHealthStateEnum.HEALTHY, null)))
                .isHealthy())
        .isTrue();
    assertThat(
            AwsStack.health(
                    healthy,
                    "10.0.1.5",
                    List.of(
                        target(
                            "10.0.1.5",
                            TargetHealthStateEnum.UNHEALTHY,
                            TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH)))
                .detail())
        .contains("target unhealthy Target.ResponseCodeMismatch");
    assertThat(AwsStack.health(healthy, "10.0.1.5", List.of()).detail())
        .contains("target not registered");
    Task sick = Task.builder().healthStatus(HealthStatus.UNHEALTHY).build();
    assertThat(
            AwsStack.health(
                    sick,
                    "10.0.1.5",
                    List.of(target("10.0.1.5", TargetHealthStateEnum.HEALTHY, null)))
                .isHealthy())
        .isFalse();
  }
}
