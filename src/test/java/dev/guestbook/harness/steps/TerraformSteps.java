package dev.guestbook.harness.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.process.CommandResult;
import dev.guestbook.harness.terraform.BaselineRules;
import dev.guestbook.harness.terraform.ExposureRules;
import dev.guestbook.harness.terraform.LoadBalancerRules;
import dev.guestbook.harness.terraform.OwnTests;
import dev.guestbook.harness.terraform.RedisRules;
import dev.guestbook.harness.terraform.RunIdRules;
import dev.guestbook.harness.terraform.SecurityRules;
import dev.guestbook.harness.terraform.ServiceRules;
import dev.guestbook.harness.terraform.TerraformCli;
import dev.guestbook.harness.terraform.TerraformReading;
import dev.guestbook.harness.text.Lists;
import dev.guestbook.harness.text.Text;
import dev.guestbook.harness.verdict.Finding;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

public final class TerraformSteps {

  private final ScenarioScope context;
  private Path dir;
  private TerraformCli cli;

  public TerraformSteps(ScenarioScope context) {
    this.context = context;
  }

  @Given("the Terraform configuration in {string}")
  public void configuration(String dir) {
    this.dir = Path.of(dir);
  }

  /** Made on first use (once a run): the fmt and validate scenario does not need it. */
  private TerraformReading reading() {
    return context.terraformReading(dir);
  }

  @Then(
      "the ECS service runs {int} tasks on Fargate in the private subnets without public IP addresses")
  public void serviceRunsPrivately(int tasks) {
    holds("the ECS service", ServiceRules.serviceRunsFargateTasksPrivately(reading(), tasks));
  }

  @Then(
      "a failed deployment rolls back, and a deployment keeps 100% of the tasks healthy and may run up to 200%")
  public void rollsBack() {
    holds("the ECS deployment settings", ServiceRules.deploymentRollsBackSafely(reading()));
  }

  @Then("Redis accepts connections only from the service's security group, on its port only")
  public void redisOnlyFromService() {
    holds("ingress to Redis", ExposureRules.redisOnlyFromService(reading()));
  }

  @Then("Redis runs only in the private subnets")
  public void redisPrivate() {
    holds("Redis's subnets", RedisRules.redisInPrivateSubnets(reading()));
  }

  @Then("the service registers a container and port its task definition really maps")
  public void loadBalancerReachesTheContainer() {
    holds(
        "the service's load balancer block",
        LoadBalancerRules.loadBalancerReachesTheContainer(reading()));
  }

  @Then("nothing but the load balancer is open to the internet, and only on ports 80 and 443")
  public void onlyLoadBalancerOpen() {
    holds("ingress from 0.0.0.0/0 and ::/0", ExposureRules.onlyLoadBalancerOpenToWorld(reading()));
  }

  @Then(
      "the app tasks accept traffic only from the load balancer, on the container port their service registers with it")
  public void serviceOnlyFromLoadBalancer() {
    holds("ingress to the app tasks", ExposureRules.serviceOnlyFromLoadBalancer(reading()));
  }

  @Then("every container of the task definition runs as a non-root user")
  public void unprivileged() {
    holds("the containers' user", ServiceRules.containersRunUnprivileged(reading()));
  }

  @Then("the task definition sets REDISHOST to the ElastiCache endpoint")
  public void redisHostFromElastiCache() {
    holds("REDISHOST of the task definition", RedisRules.redisHostFromElastiCache(reading()));
  }

  @Then(
      "the target group checks {string}, counts only 200 as healthy, and deregisters targets within {int} seconds")
  public void healthCheck(String path, int seconds) {
    holds("the target group", LoadBalancerRules.targetGroupHealthCheck(reading(), path, seconds));
  }

  @Then("with a certificate, plain HTTP only redirects to HTTPS; without one, it serves the app")
  public void httpRedirects() {
    holds(
        "the load balancer's listeners",
        SecurityRules.httpOnlyRedirectsOnceThereIsHttps(
            context.terraformReading(dir, true), reading()));
  }

  @Then("the VPC's default security group has no rules")
  public void defaultGroupClosed() {
    holds("the default security group", SecurityRules.defaultSecurityGroupTrustsNothing(reading()));
  }

  @Then("every flow in the VPC is logged to a log group with a retention")
  public void flowsLogged() {
    holds("the VPC's flow logs", SecurityRules.everyFlowIsLogged(reading()));
  }

  @Then("every container's root filesystem is read-only, its temp directory a writable task volume")
  public void readOnly() {
    holds("the containers' filesystems", SecurityRules.appCannotChangeItsFilesystem(reading()));
  }

  @Then("no container's environment holds a secret in plain text")
  public void noSecrets() {
    holds("the containers' environment", SecurityRules.noSecretInPlainText(reading()));
  }

  @Then(
      "the load balancer faces the internet from subnets that route 0.0.0.0\\/0 to an internet gateway, in at least 2 zones")
  public void loadBalancerReachable() {
    holds(
        "the load balancer's placement",
        BaselineRules.loadBalancerReachableFromTheInternet(reading()));
  }

  @Then("with a certificate, HTTPS allows only TLS 1.2 and newer")
  public void modernTls() {
    holds(
        "the HTTPS listener's TLS policy",
        BaselineRules.httpsAllowsOnlyModernTls(context.terraformReading(dir, true)));
  }

  @Then("the load balancer drops invalid header fields instead of passing them to the app")
  public void headersDropped() {
    holds(
        "the load balancer's header handling", BaselineRules.invalidHeaderFieldsDropped(reading()));
  }

  @Then("the image repository keeps tags immutable and scans every image on push")
  public void imagesImmutableAndScanned() {
    holds("the image repository", BaselineRules.imagesImmutableAndScanned(reading()));
  }

  @Then("the app's log group keeps its logs for a bounded time")
  public void appLogsBounded() {
    holds("the app's log group", BaselineRules.appLogsKeptForABoundedTime(reading()));
  }

  @Then("every resource is tagged with the run id and every name contains it")
  public void runIdEverywhere() {
    holds(
        "run id tags and names",
        Lists.concat(
            RunIdRules.everythingTaggedWithRunId(reading()),
            RunIdRules.namesCarryRunId(reading())));
  }

  @Given("a terraform or tofu binary on the PATH")
  public void binary() {
    cli =
        TerraformCli.configured(
            context.config().aws().terraformBinary(),
            System.getenv("PATH"),
            missing -> new TestAbortedException(missing + ": fmt and validate were NOT run"));
  }

  @Then("terraform fmt finds nothing to change")
  public void fmt() {
    CommandResult result = cli.fmtCheck(dir);
    assertThat(result.ok()).as("terraform fmt in %s: %s", dir, result.describe(30)).isTrue();
  }

  @Then("terraform validate accepts the configuration")
  public void validate() {
    CommandResult result = context.terraformJobs(dir).validate();
    skipWithoutProvider(result, "terraform validate");
    assertThat(result.ok()).as("terraform validate of %s: %s", dir, result.describe(30)).isTrue();
  }

  @Then(
      "terraform test plans and applies the configuration against a mocked AWS provider and refuses bad variables")
  public void terraformTest() {
    CommandResult result = context.terraformJobs(dir).ownTests();
    skipWithoutProvider(result, "terraform test");
    OwnTests verdict = OwnTests.of(result.ok(), result.output());
    if (verdict.outcome() == OwnTests.Outcome.NONE) {
      throw new TestAbortedException(
          "terraform test of " + dir + ": NOT judged — " + verdict.why());
    }
    assertThat(verdict.outcome())
        .as("terraform test of %s: %s: %s", dir, verdict.why(), result.describe(40))
        .isEqualTo(OwnTests.Outcome.PASSED);
  }

  private static void skipWithoutProvider(CommandResult result, String what) {
    if (TerraformCli.providerUnavailable(result)) {
      throw new TestAbortedException(
          what
              + " NOT run: the AWS provider could not be installed (no registry access; "
              + "point bdi.terraform.plugin-dir at a provider mirror): "
              + Text.lastLine(result.output()));
    }
  }

  /**
   * Fails on every judgeable finding; a rule with none but some that cannot be judged offline (a
   * subnet looked up in the account, say) is skipped with those reasons — never passed.
   */
  private static void holds(String what, List<Finding> findings) {
    List<Finding> broken = findings.stream().filter(Finding::judgeable).toList();
    assertThat(broken.isEmpty() ? broken : findings)
        .as("%s in the Terraform configuration", what)
        .isEmpty();
    if (!findings.isEmpty()) {
      throw new TestAbortedException(
          what
              + ": NOT judged — "
              + findings.stream().map(Finding::toString).collect(Collectors.joining("; ")));
    }
  }
}
