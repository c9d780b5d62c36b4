package dev.guestbook.harness.stack.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Finds what a run left in AWS by its tags ({@code RunId}, or {@code Project=guestbook} for every
 * run): ECS clusters, load balancers, ECR repositories and log groups, the costly and the visible.
 * Removal goes through {@code terraform destroy} of the run's kept state (see README); this lists
 * what is still there, before and after.
 */
public final class AwsSweep {

  /** One leftover: what it is and its ARN or name. */
  public record Leftover(String kind, String id, Map<String, String> tags) {
    @Override
    public String toString() {
      return kind + " " + id + " " + tags;
    }
  }

  private final AwsClients clients;

  public AwsSweep(AwsClients clients) {
    this.clients = clients;
  }

  /**
   * Everything tagged with this run id; {@code "all"} lists every run's resources
   * (Project=guestbook).
   */
  public List<Leftover> find(String runId) {
    Predicate<Map<String, String>> ours =
        "all".equals(runId)
            ? tags -> "guestbook".equals(tags.get("Project"))
            : tags -> runId.equals(tags.get("RunId"));
    List<Leftover> found = new ArrayList<>();

    List<String> clusterArns =
        clients.ecs().listClustersPaginator().clusterArns().stream().toList();
    for (int i = 0; i < clusterArns.size(); i += 100) {
      List<String> batch = clusterArns.subList(i, Math.min(clusterArns.size(), i + 100));
      clients
          .ecs()
          .describeClusters(b -> b.clusters(batch).include(ClusterField.TAGS))
          .clusters()
          .forEach(
              c -> {
                Map<String, String> tags =
                    c.tags().stream()
                        .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b));
                if (ours.test(tags)) {
                  found.add(new Leftover("ecs-cluster", c.clusterArn(), tags));
                }
              });
    }
    for (LoadBalancer lb : clients.elb().describeLoadBalancersPaginator().loadBalancers()) {
      Map<String, String> tags =
          clients
              .elb()
              .describeTags(b -> b.resourceArns(lb.loadBalancerArn()))
              .tagDescriptions()
              .stream()
              .flatMap(d -> d.tags().stream())
              .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b));
      if (ours.test(tags)) {
        found.add(new Leftover("load-balancer", lb.loadBalancerArn(), tags));
      }
    }
    for (Repository repo : clients.ecr().describeRepositoriesPaginator().repositories()) {
      Map<String, String> tags =
          clients
              .ecr()
              .listTagsForResource(b -> b.resourceArn(repo.repositoryArn()))
              .tags()
              .stream()
              .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b));
      if (ours.test(tags)) {
        found.add(new Leftover("ecr-repository", repo.repositoryArn(), tags));
      }
    }
    clients
        .logs()
        .describeLogGroupsPaginator(b -> b.logGroupNamePrefix("/ecs/guestbook-"))
        .logGroups()
        .forEach(
            g -> {
              Map<String, String> tags =
                  clients.logs().listTagsLogGroup(b -> b.logGroupName(g.logGroupName())).tags();
              if (ours.test(tags)) {
                found.add(new Leftover("log-group", g.logGroupName(), tags));
              }
            });
    return found;
  }
}
