package dev.guestbook.harness.stack.aws;

import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** The target group's view of the tasks: DescribeTargetHealth. */
public final class TargetHealthDriver {

  private final ElasticLoadBalancingV2Client elb;
  private final String targetGroupArn;

  public TargetHealthDriver(ElasticLoadBalancingV2Client elb, String targetGroupArn) {
    this.elb = elb;
    this.targetGroupArn = targetGroupArn;
  }

  public List<TargetHealthDescription> targets() {
    return elb.describeTargetHealth(b -> b.targetGroupArn(targetGroupArn))
        .targetHealthDescriptions();
  }
}
