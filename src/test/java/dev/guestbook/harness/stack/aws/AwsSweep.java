package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.text.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheSubnetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Finds what a run left in AWS by its tags ({@code RunId}, or {@code Project=guestbook} for every
 * run): what costs and what hits quotas — ECS clusters, load balancers, target groups, ECR
 * repositories, log groups (the app's and Container Insights'), ElastiCache clusters and subnet
 * groups, NAT gateways, Elastic IPs, VPCs, subnets, security groups, internet gateways and route
 * tables. Removal goes through {@code terraform destroy} of the run's kept state; this lists what
 * is still there, before and after, and removes by tag what no state holds ({@link
 * LeftoverRemoval}).
 *
 * <p>What AWS is already removing by itself is not a leftover: an ECS cluster that is INACTIVE (a
 * deleted cluster stays listed, with its tags, for a while), a NAT gateway that is deleting or
 * deleted, an ElastiCache cluster that is deleting.
 *
 * <p>The sweep never stops on one resource: only resources named {@code <name_prefix>-…} are asked
 * for their tags, one by one, and a resource that cannot be read (gone between the listing and the
 * call, in a state that refuses the call, or refused) is reported as unreadable and the sweep goes
 * on. Container Insights' log group, which ECS recreates untagged after the cluster is gone, is
 * found by its name ({@code /aws/ecs/containerinsights/<cluster>/performance}).
 */
public final class AwsSweep {

  /** One leftover: what it is, its ARN or id, its tags, and when it was created if AWS says. */
  public record Leftover(
      String kind, String id, Map<String, String> tags, Optional<Instant> created) {

    public Leftover(String kind, String id, Map<String, String> tags) {
      this(kind, id, tags, Optional.empty());
    }

    @Override
    public String toString() {
      return kind + " " + id + " " + tags;
    }
  }

  /** ECS cluster states that still exist (and cost); INACTIVE is a deleted cluster's echo. */
  static final Set<String> LIVE_CLUSTER_STATES =
      Set.of("ACTIVE", "PROVISIONING", "DEPROVISIONING", "FAILED");

  /** EC2 resource types found through DescribeTags (NAT gateways are checked for their state). */
  static final List<String> EC2_TYPES =
      List.of("vpc", "subnet", "security-group", "internet-gateway", "route-table", "elastic-ip");

  /** What a sweep found, and what it could not read (each with why); it never stops on one. */
  public record Survey(List<Leftover> found, List<String> unreadable) {}

  private static final Logger LOG = LoggerFactory.getLogger(AwsSweep.class);

  private final AwsClients clients;
  private final String namePrefix;

  /**
   * @param namePrefix Terraform's {@code name_prefix}: log groups are found under {@code
   *     /ecs/<prefix>-}, {@code /aws/ecs/containerinsights/<prefix>-} and {@code /vpc/<prefix>-}
   *     (the VPC's flow logs)
   */
  public AwsSweep(AwsClients clients, String namePrefix) {
    this.clients = clients;
    this.namePrefix = namePrefix;
  }

  /**
   * Everything tagged with this run id; {@code "all"} lists every run's resources (tagged Project
   * with the name prefix: terraform/locals.tf).
   */
  public List<Leftover> find(String runId) {
    Survey survey = survey(runId);
    survey.unreadable().forEach(u -> LOG.warn("[sweep] could not read {}", u));
    return survey.found();
  }

  /** What {@link #find} finds, with what could not be read, each with why. */
  public Survey survey(String runId) {
    boolean all = "all".equals(runId);
    String tagKey = all ? "Project" : "RunId";
    String tagValue = all ? namePrefix : runId;
    Sweeping sweep = new Sweeping(tags -> tagValue.equals(tags.get(tagKey)));
    ecsClusters(sweep);
    loadBalancers(sweep);
    repositories(sweep);
    logGroups(sweep, all ? Optional.empty() : Optional.of(runId));
    elastiCache(sweep);
    ec2(tagKey, tagValue, sweep);
    return new Survey(sweep.found, sweep.unreadable);
  }

  /** One survey under way: whose tags are ours, what was found, and what could not be read. */
  private static final class Sweeping {
    private final Predicate<Map<String, String>> ours;
    private final List<Leftover> found = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();

    Sweeping(Predicate<Map<String, String>> ours) {
      this.ours = ours;
    }

    /** Reads one resource's tags ({@link #tagsOf}); when they are ours, {@code then} has them. */
    void ifOurs(
        String what, Supplier<Map<String, String>> read, Consumer<Map<String, String>> then) {
      tagsOf(what, read, unreadable).filter(ours).ifPresent(then);
    }

    /**
     * Reads one resource's tags; when they are ours, the leftover {@code made} of them is found.
     */
    void keep(
        String what,
        Supplier<Map<String, String>> read,
        Function<Map<String, String>, Leftover> made) {
      ifOurs(what, read, tags -> found.add(made.apply(tags)));
    }

    /** Found when {@code tags}, already read, are ours. */
    void add(String kind, String id, Map<String, String> tags, Optional<Instant> created) {
      if (ours.test(tags)) {
        found.add(new Leftover(kind, id, tags, created));
      }
    }
  }

  /** ElastiCache states in which AWS refuses to delete a cluster: wait for them to end. */
  static final Set<String> SETTLING =
      Set.of("creating", "modifying", "snapshotting", "rebooting cluster nodes");

  /**
   * The run's cache clusters that AWS would refuse to delete now, with their state ({@code
   * guestbook-gb-1 creating}); unreadable ones are left to destroy.
   */
  public List<String> cachesSettling(String runId) {
    List<String> settling = new ArrayList<>();
    Sweeping ofRun = new Sweeping(tags -> runId.equals(tags.get("RunId")));
    for (CacheCluster cluster :
        clients
            .elastiCache()
            .describeCacheClustersPaginator(b -> b.showCacheNodeInfo(false))
            .cacheClusters()) {
      if (named(cluster.cacheClusterId()) && SETTLING.contains(cluster.cacheClusterStatus())) {
        ofRun.ifOurs(
            "cache cluster " + cluster.cacheClusterId(),
            () -> elastiCacheTags(cluster.arn()),
            tags -> settling.add(cluster.cacheClusterId() + " " + cluster.cacheClusterStatus()));
      }
    }
    return settling;
  }

  /** Only what this project names ({@code <name_prefix>-…}) is asked for its tags. */
  boolean named(String name) {
    return name != null && name.startsWith(namePrefix + "-");
  }

  /**
   * One resource's tags; a resource that cannot be read is reported in {@code unreadable} (with the
   * service's answer) and skipped, so one deleting or vanished resource does not stop a sweep.
   */
  static Optional<Map<String, String>> tagsOf(
      String what, Supplier<Map<String, String>> read, List<String> unreadable) {
    try {
      return Optional.of(read.get());
    } catch (SdkException e) {
      unreadable.add(what + ": " + Text.firstLine(e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * What the sweep found that the run's state does not know: resources whose create call reached
   * AWS but whose answer Terraform never got (an apply interrupted mid-call), which destroy would
   * never remove and which block the VPC's deletion.
   */
  public static List<Leftover> untracked(List<Leftover> found, Set<String> idsInState) {
    return found.stream().filter(l -> !idsInState.contains(l.id())).toList();
  }

  /**
   * Deletes these resources of the run (each carries its RunId tag) in one pass, dependents first;
   * answers what could not be deleted, with why. Only for what the state does not hold: everything
   * else is terraform destroy's.
   */
  public List<String> remove(List<Leftover> leftovers) {
    return LeftoverRemoval.failures(new LeftoverRemoval(clients).once(leftovers));
  }

  /**
   * What is left of the run once its destroy has run, for a sweep that destroyed first. With
   * Container Insights on, ECS delivers late performance events after the cluster is deleted and
   * recreates {@code /aws/ecs/containerinsights/<cluster>/performance}, untagged, after destroy
   * deleted Terraform's: that group, the run's by its name and untagged, is deleted here and is no
   * leftover. Terraform's own group (tagged) is still one when destroy left it.
   */
  public List<Leftover> afterDestroy(String runId) {
    String recreatedByEcs = "/aws/ecs/containerinsights/" + namePrefix + "-" + runId + "/";
    List<Leftover> found = find(runId);
    List<Leftover> recreated =
        found.stream()
            .filter(
                l ->
                    "log-group".equals(l.kind())
                        && l.id().startsWith(recreatedByEcs)
                        && l.tags().isEmpty())
            .toList();
    if (recreated.isEmpty()) {
      return found;
    }
    LOG.info(
        "[sweep] run {}: ECS wrote Container Insights' log group again after the cluster was"
            + " deleted (late events), untagged: deleting {}",
        runId,
        recreated.stream().map(Leftover::id).toList());
    remove(recreated).forEach(f -> LOG.warn("[sweep] could not delete {}", f));
    return find(runId);
  }

  private void ecsClusters(Sweeping sweep) {
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
                if (LIVE_CLUSTER_STATES.contains(c.status())) {
                  sweep.add(
                      "ecs-cluster",
                      c.clusterArn(),
                      tagMap(c.tags(), t -> t.key(), t -> t.value()),
                      Optional.empty());
                }
              });
    }
  }

  private void loadBalancers(Sweeping sweep) {
    for (LoadBalancer lb : clients.elb().describeLoadBalancersPaginator().loadBalancers()) {
      if (named(lb.loadBalancerName())) {
        sweep.keep(
            "load balancer " + lb.loadBalancerName(),
            () -> elbTags(lb.loadBalancerArn()),
            tags ->
                new Leftover(
                    "load-balancer",
                    lb.loadBalancerArn(),
                    tags,
                    Optional.ofNullable(lb.createdTime())));
      }
    }
    for (TargetGroup group : clients.elb().describeTargetGroupsPaginator().targetGroups()) {
      if (named(group.targetGroupName())) {
        sweep.keep(
            "target group " + group.targetGroupName(),
            () -> elbTags(group.targetGroupArn()),
            tags -> new Leftover("target-group", group.targetGroupArn(), tags));
      }
    }
  }

  private Map<String, String> elbTags(String arn) {
    return tagMap(
        clients.elb().describeTags(b -> b.resourceArns(arn)).tagDescriptions().stream()
            .flatMap(d -> d.tags().stream())
            .toList(),
        t -> t.key(),
        t -> t.value());
  }

  private void repositories(Sweeping sweep) {
    for (Repository repo : clients.ecr().describeRepositoriesPaginator().repositories()) {
      if (!named(repo.repositoryName())) {
        continue;
      }
      sweep.keep(
          "repository " + repo.repositoryName(),
          () ->
              tagMap(
                  clients
                      .ecr()
                      .listTagsForResource(b -> b.resourceArn(repo.repositoryArn()))
                      .tags(),
                  t -> t.key(),
                  t -> t.value()),
          tags ->
              new Leftover(
                  "ecr-repository",
                  repo.repositoryArn(),
                  tags,
                  Optional.ofNullable(repo.createdAt())));
    }
  }

  /**
   * The run's log groups by their tags; Container Insights' by name too: ECS recreates it untagged
   * after the cluster is gone, where no tag can find it.
   */
  private void logGroups(Sweeping sweep, Optional<String> runId) {
    String insights = "/aws/ecs/containerinsights/" + namePrefix + "-";
    for (String prefix :
        List.of("/ecs/" + namePrefix + "-", insights, "/vpc/" + namePrefix + "-")) {
      clients
          .logs()
          .describeLogGroupsPaginator(b -> b.logGroupNamePrefix(prefix))
          .logGroups()
          .forEach(
              g -> {
                String name = g.logGroupName();
                Optional<Map<String, String>> tags =
                    tagsOf(
                        "log group " + name,
                        () -> clients.logs().listTagsLogGroup(b -> b.logGroupName(name)).tags(),
                        sweep.unreadable);
                boolean insightsOfRun =
                    name.startsWith(insights)
                        && runId.map(id -> name.startsWith(insights + id + "/")).orElse(true);
                Optional<Instant> created =
                    Optional.ofNullable(g.creationTime()).map(Instant::ofEpochMilli);
                if (tags.filter(sweep.ours).isPresent()) {
                  sweep.found.add(new Leftover("log-group", name, tags.get(), created));
                } else if (insightsOfRun && tags.map(Map::isEmpty).orElse(true)) {
                  sweep.found.add(new Leftover("log-group", name, Map.of(), created));
                }
              });
    }
  }

  private void elastiCache(Sweeping sweep) {
    for (CacheCluster cluster :
        clients
            .elastiCache()
            .describeCacheClustersPaginator(b -> b.showCacheNodeInfo(false))
            .cacheClusters()) {
      if ("deleting".equals(cluster.cacheClusterStatus()) || !named(cluster.cacheClusterId())) {
        continue;
      }
      sweep.keep(
          "cache cluster " + cluster.cacheClusterId(),
          () -> elastiCacheTags(cluster.arn()),
          tags ->
              new Leftover(
                  "elasticache-cluster",
                  cluster.cacheClusterId(),
                  tags,
                  Optional.ofNullable(cluster.cacheClusterCreateTime())));
    }
    for (CacheSubnetGroup group :
        clients.elastiCache().describeCacheSubnetGroupsPaginator().cacheSubnetGroups()) {
      if (!named(group.cacheSubnetGroupName())) {
        continue;
      }
      sweep.keep(
          "cache subnet group " + group.cacheSubnetGroupName(),
          () -> elastiCacheTags(group.arn()),
          tags -> new Leftover("elasticache-subnet-group", group.cacheSubnetGroupName(), tags));
    }
  }

  private Map<String, String> elastiCacheTags(String arn) {
    return tagMap(
        clients.elastiCache().listTagsForResource(b -> b.resourceName(arn)).tagList(),
        t -> t.key(),
        t -> t.value());
  }

  private void ec2(String tagKey, String tagValue, Sweeping sweep) {
    // Each kind through its own Describe call with a tag filter: DescribeTags can still list the
    // tags of a resource that is gone (the emulator keeps them for ever). The tags are checked
    // here again, as not every implementation honours the filter (moto's NAT gateways do not).
    Filter tag = Filter.builder().name("tag:" + tagKey).values(tagValue).build();
    var ec2 = clients.ec2();
    Optional<Instant> unknown = Optional.empty();
    ec2.describeVpcsPaginator(b -> b.filters(tag))
        .vpcs()
        .forEach(v -> sweep.add("vpc", v.vpcId(), tags(v.tags()), unknown));
    ec2.describeSubnetsPaginator(b -> b.filters(tag))
        .subnets()
        .forEach(v -> sweep.add("subnet", v.subnetId(), tags(v.tags()), unknown));
    ec2.describeSecurityGroupsPaginator(b -> b.filters(tag))
        .securityGroups()
        .forEach(v -> sweep.add("security-group", v.groupId(), tags(v.tags()), unknown));
    ec2.describeInternetGatewaysPaginator(b -> b.filters(tag))
        .internetGateways()
        .forEach(
            v -> sweep.add("internet-gateway", v.internetGatewayId(), tags(v.tags()), unknown));
    ec2.describeRouteTablesPaginator(b -> b.filters(tag))
        .routeTables()
        .forEach(v -> sweep.add("route-table", v.routeTableId(), tags(v.tags()), unknown));
    ec2.describeAddresses(b -> b.filters(tag))
        .addresses()
        .forEach(v -> sweep.add("elastic-ip", v.allocationId(), tags(v.tags()), unknown));
    for (NatGateway nat : ec2.describeNatGatewaysPaginator(b -> b.filter(tag)).natGateways()) {
      if (nat.state() != NatGatewayState.DELETING && nat.state() != NatGatewayState.DELETED) {
        sweep.add(
            "natgateway",
            nat.natGatewayId(),
            tags(nat.tags()),
            Optional.ofNullable(nat.createTime()));
      }
    }
  }

  private static Map<String, String> tags(List<Tag> tags) {
    return tagMap(tags, Tag::key, Tag::value);
  }

  /** A service's tag list as a map (each service has its own {@code Tag} class); the last wins. */
  static <T> Map<String, String> tagMap(
      List<T> tags, Function<T, String> key, Function<T, String> value) {
    return tags.stream().collect(Collectors.toMap(key, value, (a, b) -> b));
  }
}
