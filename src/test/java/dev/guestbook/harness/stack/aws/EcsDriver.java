package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.terraform.TerraformOutputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS as the specs need it: force a deployment, read the service, its tasks and their definition.
 */
public final class EcsDriver {

  private final EcsClient ecs;
  private final String cluster;
  private final String service;

  /** The driver of the deployed stack's service. */
  static EcsDriver of(AwsClients clients, TerraformOutputs outputs) {
    return new EcsDriver(clients.ecs(), outputs.clusterName(), outputs.serviceName());
  }

  public EcsDriver(EcsClient ecs, String cluster, String service) {
    this.ecs = ecs;
    this.cluster = cluster;
    this.service = service;
  }

  /**
   * UpdateService(forceNewDeployment); answers the deployment it started (the new PRIMARY in
   * UpdateService's own answer, which a DescribeServices right after may not show yet).
   */
  public Deployment forceNewDeployment() {
    Service updated =
        ecs.updateService(b -> b.cluster(cluster).service(service).forceNewDeployment(true))
            .service();
    return updated.deployments().stream()
        .filter(d -> "PRIMARY".equals(d.status()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "UpdateService of "
                        + service
                        + " in "
                        + cluster
                        + " answered no PRIMARY deployment"));
  }

  /** DescribeServices, failing with the API's own reason when the service is not there. */
  public Service describe() {
    var answer = ecs.describeServices(b -> b.cluster(cluster).services(service));
    if (answer.services().isEmpty()) {
      throw new IllegalStateException(
          "service " + service + " not found in cluster " + cluster + ": " + answer.failures());
    }
    return answer.services().get(0);
  }

  /**
   * Running and recently stopped tasks of the service (ListTasks both ways, then DescribeTasks).
   */
  public List<Task> tasks() {
    List<String> arns = new ArrayList<>();
    for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
      arns.addAll(
          ecs
              .listTasksPaginator(
                  b -> b.cluster(cluster).serviceName(service).desiredStatus(status))
              .taskArns()
              .stream()
              .toList());
    }
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < arns.size(); i += 100) {
      List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
      tasks.addAll(ecs.describeTasks(b -> b.cluster(cluster).tasks(batch)).tasks());
    }
    return tasks;
  }

  /** The environment of the named container in a task definition (REDISHOST and friends). */
  public Map<String, String> containerEnvironment(String taskDefinitionArn, String container) {
    List<ContainerDefinition> definitions =
        ecs.describeTaskDefinition(b -> b.taskDefinition(taskDefinitionArn))
            .taskDefinition()
            .containerDefinitions();
    return definitions.stream()
        .filter(d -> container.equals(d.name()))
        .findFirst()
        .map(
            d ->
                d.environment().stream()
                    .collect(
                        Collectors.toMap(KeyValuePair::name, KeyValuePair::value, (a, b) -> b)))
        .orElse(Map.of());
  }

  public String where() {
    return "service " + service + " in cluster " + cluster;
  }
}
