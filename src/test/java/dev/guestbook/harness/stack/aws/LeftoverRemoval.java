package dev.guestbook.harness.stack.aws;

import static org.awaitility.Awaitility.await;

import dev.guestbook.harness.stack.aws.AwsSweep.Leftover;
import dev.guestbook.harness.text.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

/**
 * Deletes what the sweep found of one run by its tags, dependents first. AWS deletes some resources
 * asynchronously (a load balancer's network interfaces, a NAT gateway and its address, a cache
 * cluster, an ECS service's tasks), and what depends on them answers "in use" until they are gone:
 * {@link #untilGone} repeats the passes, finding anew each time, until nothing of the run is left,
 * only refusals remain (access denied: no later pass changes that) or its bound ends. An ECS
 * cluster's services are deleted (forced) before the cluster.
 */
final class LeftoverRemoval {

  /** What one delete call came to. */
  enum Outcome {
    /** accepted */
    REMOVED,
    /** already gone */
    GONE,
    /** refused for now: a dependent still exists, a state in progress, throttled, a 5xx */
    WAIT,
    /** refused for good: access denied, a malformed request */
    REFUSED
  }

  /** One delete call: what, how it ended, and AWS's answer when it was not accepted. */
  record Attempt(Leftover leftover, Outcome outcome, String answer) {
    @Override
    public String toString() {
      return leftover + ": " + outcome + (answer.isEmpty() ? "" : " (" + answer + ")");
    }
  }

  /** What {@link #untilGone} came to: the resources deleted, and what is still there, with why. */
  record Report(int passes, Set<Leftover> removed, List<Attempt> notRemoved) {}

  /** Kinds in the order they can be deleted: dependents first, the VPC last. */
  static final List<String> ORDER =
      List.of(
          "ecs-cluster",
          "load-balancer",
          "target-group",
          "elasticache-cluster",
          "elasticache-subnet-group",
          "natgateway",
          "elastic-ip",
          "security-group",
          "subnet",
          "route-table",
          "internet-gateway",
          "ecr-repository",
          "log-group",
          "vpc");

  /** Error codes of a delete that a later pass can pass: dependents, states in progress. */
  static final Set<String> LATER =
      Set.of(
          "DependencyViolation",
          "ResourceInUse",
          "InvalidCacheClusterState",
          "InvalidCacheClusterStateFault",
          "CacheSubnetGroupInUse",
          "ClusterContainsServicesException",
          "ClusterContainsTasksException",
          "ClusterContainsContainerInstancesException",
          "UpdateInProgressException",
          "InvalidIPAddress.InUse",
          "IncorrectState",
          "InvalidState",
          // a VPC's default security group: it goes with its VPC, later in the same pass
          "CannotDelete",
          "OperationAbortedException",
          "Throttling",
          "ThrottlingException",
          "RequestLimitExceeded",
          "TooManyRequestsException");

  private static final Logger LOG = LoggerFactory.getLogger(LeftoverRemoval.class);

  private final AwsClients clients;

  LeftoverRemoval(AwsClients clients) {
    this.clients = clients;
  }

  /** One pass over {@code leftovers} in {@link #ORDER}; every delete is tried, none stops it. */
  List<Attempt> once(List<Leftover> leftovers) {
    List<Attempt> attempts = new ArrayList<>();
    for (String kind : ORDER) {
      for (Leftover l : leftovers) {
        if (kind.equals(l.kind())) {
          attempts.add(attempt(l));
        }
      }
    }
    leftovers.stream()
        .filter(l -> !ORDER.contains(l.kind()))
        .forEach(
            l -> attempts.add(new Attempt(l, Outcome.REFUSED, "no way to delete a " + l.kind())));
    return attempts;
  }

  /** What of one pass was not deleted, each with AWS's answer. */
  static List<String> failures(List<Attempt> attempts) {
    return attempts.stream().filter(LeftoverRemoval::pending).map(Attempt::toString).toList();
  }

  /** What the passes of one {@link #untilGone} have come to so far (that call's, in its thread). */
  private static final class Passes {
    private final Set<Leftover> removed = new LinkedHashSet<>();
    private List<Attempt> last = List.of();
    private int count;

    /** The last pass was refused for good on every resource. */
    boolean allRefused() {
      return !last.isEmpty() && last.stream().allMatch(LeftoverRemoval::refused);
    }
  }

  /**
   * Passes of {@link #once} over what {@code find} finds each time, {@code poll} apart, until it
   * finds nothing; stops early when the last pass was refused for good on every resource.
   */
  Report untilGone(String runId, Supplier<List<Leftover>> find, Duration bound, Duration poll) {
    Passes passes = new Passes();
    try {
      // in this thread: a pass never outlives the bound, and nothing here is shared
      await("every resource of run " + runId + " removed")
          .atMost(bound)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(poll)
          .failFast("AWS refused every delete of run " + runId + " for good", passes::allRefused)
          .until(() -> pass(runId, find, passes));
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      LOG.warn("[sweep] {}", Text.firstLine(e.getMessage()));
    }
    List<Attempt> notRemoved = passes.last.stream().filter(LeftoverRemoval::pending).toList();
    return new Report(passes.count, Set.copyOf(passes.removed), notRemoved);
  }

  /** One pass: finds what is left and tries to delete it; true when nothing was found. */
  private boolean pass(String runId, Supplier<List<Leftover>> find, Passes passes) {
    List<Leftover> found;
    try {
      found = find.get();
    } catch (SdkException e) { // a listing throttled or cut: the next pass lists again
      LOG.warn("[sweep] run {}: could not list: {}", runId, Text.firstLine(e));
      return false;
    }
    if (found.isEmpty()) {
      passes.last = List.of();
      return true;
    }
    List<Attempt> attempts = once(found);
    passes.count++;
    attempts.stream()
        .filter(a -> a.outcome() == Outcome.REMOVED)
        .forEach(a -> passes.removed.add(a.leftover()));
    LOG.info(
        "[sweep] run {}: pass {}: {} deleted, {} to wait for, {} refused",
        runId,
        passes.count,
        count(attempts, Outcome.REMOVED),
        count(attempts, Outcome.WAIT),
        count(attempts, Outcome.REFUSED));
    passes.last = attempts;
    return false;
  }

  /** Not deleted: to wait for, or refused for good. */
  private static boolean pending(Attempt a) {
    return a.outcome() == Outcome.WAIT || a.outcome() == Outcome.REFUSED;
  }

  private static boolean refused(Attempt a) {
    return a.outcome() == Outcome.REFUSED;
  }

  private static long count(List<Attempt> attempts, Outcome outcome) {
    return attempts.stream().filter(a -> a.outcome() == outcome).count();
  }

  private Attempt attempt(Leftover l) {
    try {
      delete(l);
      return new Attempt(l, Outcome.REMOVED, "");
    } catch (SdkException e) {
      return new Attempt(l, outcome(l.kind(), e), Text.firstLine(String.valueOf(e.getMessage())));
    }
  }

  /**
   * As {@link #outcome(SdkException)}, and: EC2 answers {@code AuthFailure} to releasing an address
   * whose NAT gateway is still deleting (and briefly after), so for an address it is waited for.
   */
  static Outcome outcome(String kind, SdkException e) {
    if ("elastic-ip".equals(kind) && "AuthFailure".equals(code(e))) {
      return Outcome.WAIT;
    }
    return outcome(e);
  }

  private static String code(SdkException e) {
    return e instanceof AwsServiceException service
            && service.awsErrorDetails() != null
            && service.awsErrorDetails().errorCode() != null
        ? service.awsErrorDetails().errorCode()
        : "";
  }

  /** How a refused delete is taken: gone, for now, or for good. */
  static Outcome outcome(SdkException e) {
    if (!(e instanceof AwsServiceException service)) {
      return Outcome.WAIT; // no answer at all: the network, a timeout
    }
    String code = code(e);
    if (code.contains("NotFound")) {
      return Outcome.GONE;
    }
    if (LATER.contains(code) || service.statusCode() >= 500 || service.isThrottlingException()) {
      return Outcome.WAIT;
    }
    return Outcome.REFUSED;
  }

  private void delete(Leftover l) {
    var ec2 = clients.ec2();
    switch (l.kind()) {
      case "ecs-cluster" -> deleteCluster(l.id());
      case "load-balancer" -> clients.elb().deleteLoadBalancer(b -> b.loadBalancerArn(l.id()));
      case "target-group" -> clients.elb().deleteTargetGroup(b -> b.targetGroupArn(l.id()));
      case "elasticache-cluster" ->
          clients.elastiCache().deleteCacheCluster(b -> b.cacheClusterId(l.id()));
      case "elasticache-subnet-group" ->
          clients.elastiCache().deleteCacheSubnetGroup(b -> b.cacheSubnetGroupName(l.id()));
      case "natgateway" -> ec2.deleteNatGateway(b -> b.natGatewayId(l.id()));
      case "elastic-ip" -> ec2.releaseAddress(b -> b.allocationId(l.id()));
      case "security-group" -> deleteSecurityGroup(l.id());
      case "subnet" -> ec2.deleteSubnet(b -> b.subnetId(l.id()));
      case "route-table" -> deleteRouteTable(l.id());
      case "internet-gateway" -> deleteInternetGateway(l.id());
      case "ecr-repository" ->
          clients
              .ecr()
              .deleteRepository(
                  b -> b.repositoryName(l.id().substring(l.id().lastIndexOf('/') + 1)).force(true));
      case "log-group" -> clients.logs().deleteLogGroup(b -> b.logGroupName(l.id()));
      case "vpc" -> ec2.deleteVpc(b -> b.vpcId(l.id()));
      default -> throw new IllegalArgumentException("no way to delete a " + l.kind());
    }
  }

  /** A cluster's services first (forced: no scaling to 0 first), then the cluster. */
  private void deleteCluster(String clusterArn) {
    var ecs = clients.ecs();
    for (String service : ecs.listServicesPaginator(b -> b.cluster(clusterArn)).serviceArns()) {
      try {
        ecs.deleteService(b -> b.cluster(clusterArn).service(service).force(true));
      } catch (ServiceNotActiveException | ServiceNotFoundException draining) {
        // deleted already (its tasks stopping: the cluster's delete waits for them), or gone
      }
    }
    ecs.deleteCluster(b -> b.cluster(clusterArn));
  }

  /**
   * A route table's associations first (subnets', gateways'; never the main one, which goes with
   * its VPC): a table still associated is refused as having dependencies.
   */
  private void deleteRouteTable(String id) {
    var ec2 = clients.ec2();
    for (var association :
        ec2.describeRouteTables(b -> b.routeTableIds(id)).routeTables().stream()
            .flatMap(t -> t.associations().stream())
            .filter(a -> !Boolean.TRUE.equals(a.main()))
            .toList()) {
      ignoringNotFound(
          () ->
              ec2.disassociateRouteTable(
                  b -> b.associationId(association.routeTableAssociationId())));
    }
    ec2.deleteRouteTable(b -> b.routeTableId(id));
  }

  /**
   * A group's own rules first: the ALB's and the service's groups (the service's and Redis's) name
   * each other, and AWS refuses to delete a group another group's rule still names.
   */
  private void deleteSecurityGroup(String id) {
    var ec2 = clients.ec2();
    for (var group : ec2.describeSecurityGroups(b -> b.groupIds(id)).securityGroups()) {
      if (!group.ipPermissions().isEmpty()) {
        ignoringNotFound(
            () ->
                ec2.revokeSecurityGroupIngress(
                    b -> b.groupId(id).ipPermissions(group.ipPermissions())));
      }
      if (!group.ipPermissionsEgress().isEmpty()) {
        ignoringNotFound(
            () ->
                ec2.revokeSecurityGroupEgress(
                    b -> b.groupId(id).ipPermissions(group.ipPermissionsEgress())));
      }
    }
    ec2.deleteSecurityGroup(b -> b.groupId(id));
  }

  /** A step before a delete whose object is already gone: the delete itself says what is left. */
  private static void ignoringNotFound(Runnable step) {
    try {
      step.run();
    } catch (AwsServiceException e) {
      if (!code(e).contains("NotFound") && !"Gateway.NotAttached".equals(code(e))) {
        throw e;
      }
    }
  }

  private void deleteInternetGateway(String id) {
    var ec2 = clients.ec2();
    for (var attachment :
        ec2.describeInternetGateways(b -> b.internetGatewayIds(id)).internetGateways().stream()
            .flatMap(g -> g.attachments().stream())
            .toList()) {
      ignoringNotFound(
          () -> ec2.detachInternetGateway(b -> b.internetGatewayId(id).vpcId(attachment.vpcId())));
    }
    ec2.deleteInternetGateway(b -> b.internetGatewayId(id));
  }
}
