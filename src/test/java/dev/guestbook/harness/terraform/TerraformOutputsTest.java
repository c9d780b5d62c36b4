package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** On `terraform output -json` as Terraform documents it: name → {sensitive, type, value}. */
class TerraformOutputsTest {

  static final String SAMPLE =
      """
      {
        "alb_dns_name": {"sensitive": false, "type": "string", "value": "guestbook-gb-1-123456789.us-east-1.elb.amazonaws.com"},
        "cluster_name": {"sensitive": false, "type": "string", "value": "guestbook-gb-1"},
        "ecr_repository_url": {"sensitive": false, "type": "string", "value": "123456789012.dkr.ecr.us-east-1.amazonaws.com/guestbook-gb-1"},
        "log_group_name": {"sensitive": false, "type": "string", "value": "/ecs/guestbook-gb-1"},
        "redis_endpoint": {"sensitive": false, "type": "string", "value": "guestbook-gb-1.abcdef.0001.use1.cache.amazonaws.com"},
        "redis_port": {"sensitive": false, "type": "number", "value": 6379},
        "service_name": {"sensitive": false, "type": "string", "value": "guestbook-gb-1"},
        "target_group_arn": {"sensitive": false, "type": "string", "value": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/guestbook-gb-1/0123456789abcdef"},
        "task_definition_arn": {"sensitive": false, "type": "string", "value": "arn:aws:ecs:us-east-1:123456789012:task-definition/guestbook-gb-1:1"}
      }
      """;

  @Test
  void readsEveryCoordinate() {
    TerraformOutputs outputs = TerraformOutputs.parse(SAMPLE);
    assertThat(outputs.albDnsName()).endsWith(".elb.amazonaws.com");
    assertThat(outputs.redisPort()).isEqualTo(6379);
    assertThat(outputs.clusterName()).isEqualTo("guestbook-gb-1");
    assertThat(outputs.taskDefinitionArn()).endsWith("guestbook-gb-1:1");
  }

  @Test
  void aClusterWithoutNodesLeavesRedisEndpointNamedAsMissing() {
    String withoutNode = SAMPLE.replaceAll("(?m)^.*\"redis_endpoint\".*$\n", "");
    assertThat(TerraformOutputs.parse(withoutNode).redisEndpoint())
        .isEqualTo(TerraformOutputs.NO_CACHE_NODE);
  }

  @Test
  void anEmptyStateOrAnotherConfigurationIsNamed() {
    assertThatThrownBy(() -> TerraformOutputs.parse("{}"))
        .hasMessageContaining("lacks [alb_dns_name, ecr_repository_url");
    assertThatThrownBy(() -> TerraformOutputs.parse("Error: no state"))
        .hasMessageContaining("is not JSON");
  }
}
