package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.Target;
import dev.guestbook.harness.verdict.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The static rules judge meaning, not spelling: rewrites of {@code terraform/} that keep what the
 * configuration means must stay green under every rule; rewrites that break one promise must turn
 * exactly that rule red, with the cause named. Each rewrite is a copy of {@code terraform/} with
 * edits that must apply (an edit that finds nothing to change fails, so the set cannot drift
 * silently from the configuration), read by Terraform itself ({@link OfflineReading}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformEquivalenceIT {

  private static final Logger LOG = LoggerFactory.getLogger(TerraformEquivalenceIT.class);
  private static final Path SOURCE = Path.of("terraform");
  private static final Path WORK = Path.of("target", "terraform-equivalence");

  /** A rule of the static spec, as the @static scenarios call it. */
  enum Rule {
    SERVICE_PRIVATE(r -> ServiceRules.serviceRunsFargateTasksPrivately(r, 2)),
    ROLLS_BACK(ServiceRules::deploymentRollsBackSafely),
    REDIS_ONLY_FROM_SERVICE(ExposureRules::redisOnlyFromService),
    REDIS_PRIVATE(RedisRules::redisInPrivateSubnets),
    LB_REACHES_CONTAINER(LoadBalancerRules::loadBalancerReachesTheContainer),
    ONLY_LB_OPEN(ExposureRules::onlyLoadBalancerOpenToWorld),
    SERVICE_ONLY_FROM_LB(r -> ExposureRules.serviceOnlyFromLoadBalancer(r)),
    UNPRIVILEGED(ServiceRules::containersRunUnprivileged),
    REDISHOST(RedisRules::redisHostFromElastiCache),
    HEALTH_CHECK(r -> LoadBalancerRules.targetGroupHealthCheck(r, "/healthz", 60)),
    TAGGED(RunIdRules::everythingTaggedWithRunId),
    NAMED(RunIdRules::namesCarryRunId),
    DEFAULT_GROUP_CLOSED(SecurityRules::defaultSecurityGroupTrustsNothing),
    FLOWS_LOGGED(SecurityRules::everyFlowIsLogged),
    READ_ONLY_ROOT(SecurityRules::appCannotChangeItsFilesystem),
    NO_PLAIN_SECRETS(SecurityRules::noSecretInPlainText),
    LB_REACHABLE(BaselineRules::loadBalancerReachableFromTheInternet),
    HEADERS_DROPPED(BaselineRules::invalidHeaderFieldsDropped),
    IMAGES_IMMUTABLE_SCANNED(BaselineRules::imagesImmutableAndScanned),
    APP_LOGS_BOUNDED(BaselineRules::appLogsKeptForABoundedTime),
    /** Judged only where the rewrite was also read with a certificate ({@link #CERTIFIED}). */
    MODERN_TLS(
        (plain, certified) ->
            certified.map(BaselineRules::httpsAllowsOnlyModernTls).orElse(List.of())),
    /** Judged only where the rewrite was also read with a certificate ({@link #CERTIFIED}). */
    HTTP_REDIRECTS(
        (plain, certified) ->
            certified
                .map(c -> SecurityRules.httpOnlyRedirectsOnceThereIsHttps(c, plain))
                .orElse(List.of()));

    final BiFunction<TerraformReading, Optional<TerraformReading>, List<Finding>> check;

    Rule(Function<TerraformReading, List<Finding>> check) {
      this((plain, certified) -> check.apply(plain));
    }

    Rule(BiFunction<TerraformReading, Optional<TerraformReading>, List<Finding>> check) {
      this.check = check;
    }

    List<Finding> apply(TerraformReading plain, Optional<TerraformReading> certified) {
      return check.apply(plain, certified);
    }
  }

  /** The rewrites also read with var.certificate_arn given: those that touch the listeners. */
  static final Set<String> CERTIFIED =
      Set.of(
          "alb-aliases",
          "ids-for-arns",
          "moved-after-a-rename",
          "http-forwards-despite-a-certificate",
          "http-redirects-to-another-port",
          "http-listener-on-8080",
          "https-allows-tls-1-0");

  /**
   * One rewrite: its edits, and either green under every rule ({@code breaks} empty) — but the
   * {@code unjudged} ones, which must say they cannot be judged offline — or red under {@code
   * breaks} with a judgeable finding that contains {@code cause}.
   */
  record Rewrite(
      String name, List<Edit> edits, Optional<Rule> breaks, String cause, Set<Rule> unjudged) {

    static Rewrite green(String name, Edit... edits) {
      return new Rewrite(name, List.of(edits), Optional.empty(), "", Set.of());
    }

    /** Green, but {@code rules} judge what the configuration looks up: not judgeable offline. */
    static Rewrite unjudged(String name, Set<Rule> rules, Edit... edits) {
      return new Rewrite(name, List.of(edits), Optional.empty(), "", rules);
    }

    static Rewrite red(String name, Rule rule, String cause, Edit... edits) {
      return new Rewrite(name, List.of(edits), Optional.of(rule), cause, Set.of());
    }

    Rewrite and(String name, Rule rule, String cause, Edit... more) {
      List<Edit> all = new ArrayList<>(edits);
      all.addAll(List.of(more));
      return new Rewrite(name, all, Optional.of(rule), cause, unjudged);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private Map<String, Future<TerraformReading>> readings;
  private Map<String, Future<TerraformReading>> certified;
  private ExecutorService pool;
  private BlockingQueue<TerraformCli> clis;
  private final List<ProviderServer> servers = new ArrayList<>();

  /** Readings at a time: terraform test is mostly one CPU, and this machine kind has two. */
  private static final int READERS = 2;

  @BeforeAll
  void readEveryRewrite() {
    Assumptions.assumeTrue(
        HarnessConfig.targetFromSystem() == Target.EMBEDDED,
        "the equivalence set does not depend on the target: it runs with the default one (embedded)");
    Optional<TerraformCli> cli = TerraformCli.find(null, System.getenv("PATH"));
    Assumptions.assumeTrue(
        cli.isPresent(), "no terraform binary on the PATH: the equivalence set was NOT run");
    HarnessConfig config = HarnessConfig.fromSystem();
    Optional<Path> pluginDir = config.aws().pluginDir().map(Path::of);
    TerraformCache cache = TerraformCache.in(config.aws().terraformCache());
    deleteTree(WORK);
    // terraform test is mostly one CPU: two readings at a time halve the wall time on two cores;
    // each thread's readings reattach to a provider kept running for them (unless
    // -Dbdi.terraform.keep-provider=false), which saves each run the provider's start
    pool = Executors.newFixedThreadPool(READERS);
    clis = new ArrayBlockingQueue<>(READERS);
    for (int i = 0; i < READERS; i++) {
      Path log = WORK.resolve("provider-" + i + ".log");
      Optional<ProviderServer> server =
          Boolean.parseBoolean(System.getProperty("bdi.terraform.keep-provider", "true"))
              ? pluginDir.flatMap(dir -> ProviderServer.start(dir, log))
              : Optional.empty();
      server.ifPresent(servers::add);
      clis.add(server.map(cli.get()::testingWith).orElse(cli.get()));
    }
    LOG.info(
        "{} readers, {} of them reattached to a provider kept running", READERS, servers.size());
    readings = new LinkedHashMap<>();
    certified = new LinkedHashMap<>();
    for (Rewrite rewrite : chosen().toList()) {
      Path dir = WORK.resolve(rewrite.name()).resolve("terraform");
      apply(rewrite, dir);
      readings.put(
          rewrite.name(),
          pool.submit(
              () ->
                  borrowing(
                      c ->
                          OfflineReading.read(
                              c,
                              dir,
                              WORK.resolve(rewrite.name()).resolve("work"),
                              pluginDir,
                              cache))));
      if (CERTIFIED.contains(rewrite.name())) {
        certified.put(
            rewrite.name(),
            pool.submit(
                () ->
                    borrowing(
                        c ->
                            OfflineReading.read(
                                c,
                                dir,
                                WORK.resolve(rewrite.name()).resolve("work-certificate"),
                                pluginDir,
                                cache,
                                OfflineReading.WITH_CERTIFICATE))));
      }
    }
  }

  /** One reading with a reader of its own: no two readings share a kept provider at once. */
  private TerraformReading borrowing(Function<TerraformCli, TerraformReading> read)
      throws InterruptedException {
    TerraformCli reader = clis.take();
    try {
      return read.apply(reader);
    } finally {
      clis.add(reader);
    }
  }

  @AfterAll
  void stop() {
    if (pool != null) {
      pool.shutdownNow();
    }
    servers.forEach(ProviderServer::close);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chosen")
  void judgesMeaningNotSpelling(Rewrite rewrite) throws Exception {
    TerraformReading reading;
    try {
      reading = readings.get(rewrite.name()).get(5, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof TerraformUnavailableException unavailable) {
        Assumptions.abort("the AWS provider is not installable here: " + unavailable.getMessage());
      }
      throw new AssertionError(
          rewrite.name() + ": Terraform did not read it: " + e.getCause().getMessage(),
          e.getCause());
    }
    Map<Rule, List<Finding>> findings = new LinkedHashMap<>();
    Optional<TerraformReading> withCertificate =
        certified.containsKey(rewrite.name())
            ? Optional.of(certified.get(rewrite.name()).get(5, TimeUnit.MINUTES))
            : Optional.empty();
    for (Rule rule : Rule.values()) {
      findings.put(rule, rule.apply(reading, withCertificate));
    }
    LOG.info("{}: {}", rewrite.name(), findings);
    if (rewrite.breaks().isEmpty()) {
      findings.forEach(
          (rule, found) -> {
            if (rewrite.unjudged().contains(rule)) {
              assertThat(found)
                  .as("%s: rule %s judges what is looked up: not judgeable", rewrite.name(), rule)
                  .isNotEmpty()
                  .allSatisfy(f -> assertThat(f.judgeable()).as(f.toString()).isFalse());
            } else {
              assertThat(found)
                  .as("%s keeps the meaning: rule %s must stay green", rewrite.name(), rule)
                  .isEmpty();
            }
          });
      return;
    }
    Rule rule = rewrite.breaks().get();
    assertThat(findings.get(rule))
        .as("%s breaks rule %s", rewrite.name(), rule)
        .filteredOn(Finding::judgeable)
        .extracting(Finding::toString)
        .anySatisfy(line -> assertThat(line).contains(rewrite.cause()));
  }

  /**
   * The rewrites to read: all, or those whose name contains one of {@code
   * -Dbdi.terraform.rewrites=a,b} (a targeted run while working on one idiom).
   */
  static Stream<Rewrite> chosen() {
    List<String> wanted =
        Stream.of(System.getProperty("bdi.terraform.rewrites", "").split(","))
            .map(String::strip)
            .filter(w -> !w.isEmpty())
            .toList();
    return all().filter(r -> wanted.isEmpty() || wanted.stream().anyMatch(r.name()::contains));
  }

  static Stream<Rewrite> all() {
    Rewrite splat =
        Rewrite.green(
            "legacy-splat",
            Edit.everywhere("aws_subnet.private[*].id", "aws_subnet.private.*.id"),
            Edit.everywhere("aws_subnet.public[*].id", "aws_subnet.public.*.id"));
    Rewrite aliases =
        Rewrite.green(
            "alb-aliases",
            Edit.everywhere("\"aws_lb\"", "\"aws_alb\""),
            Edit.everywhere("aws_lb.main.", "aws_alb.main."),
            Edit.everywhere("\"aws_lb_target_group\"", "\"aws_alb_target_group\""),
            Edit.everywhere("aws_lb_target_group.app.", "aws_alb_target_group.app."),
            Edit.everywhere("\"aws_lb_listener\"", "\"aws_alb_listener\""),
            Edit.everywhere("aws_lb_listener.http", "aws_alb_listener.http"));
    Rewrite heredoc = Rewrite.green("heredoc-container-definitions", HEREDOC);
    Rewrite inline = Rewrite.green("inline-ingress", INLINE_INGRESS, DROP_REDIS_RULE);
    Rewrite module = Rewrite.green("service-in-local-module", SERVICE_MODULE);
    Rewrite forEach = Rewrite.green("for-each-subnets", FOR_EACH_SUBNETS);
    Rewrite ids =
        Rewrite.green(
            "ids-for-arns",
            Edit.everywhere("aws_lb.main.arn", "aws_lb.main.id"),
            Edit.everywhere("aws_lb_target_group.app.arn", "aws_lb_target_group.app.id"));
    Rewrite lookedUp =
        Rewrite.unjudged(
            "network-looked-up",
            Set.of(
                Rule.SERVICE_PRIVATE,
                Rule.REDIS_PRIVATE,
                Rule.DEFAULT_GROUP_CLOSED,
                Rule.FLOWS_LOGGED,
                Rule.LB_REACHABLE),
            Edit.everywhere("aws_subnet.public[*].id", "data.aws_subnets.public.ids"),
            Edit.everywhere("aws_subnet.private[*].id", "data.aws_subnets.private.ids"),
            Edit.everywhere("aws_vpc.main.id", "data.aws_vpc.main.id"),
            Edit.in("alb.tf", "depends_on = [aws_internet_gateway.main]", ""),
            Edit.create("network.tf", LOOKED_UP_NETWORK));
    Rewrite bastion =
        Rewrite.green("bastion-from-data-aws-ami", Edit.create("bastion.tf", BASTION));
    Rewrite template = Rewrite.green("templatefile-container-definitions", TEMPLATEFILE);
    Rewrite dynamic = Rewrite.green("dynamic-ingress", DYNAMIC_INGRESS, DROP_REDIS_RULE);
    Rewrite group =
        Rewrite.green(
            "replication-group",
            Edit.between(
                "redis.tf",
                "resource \"aws_elasticache_cluster\" \"redis\" {",
                "\n}\n",
                REPLICATION_GROUP),
            Edit.in(
                "redis.tf",
                "aws_elasticache_cluster.redis.cache_nodes[0].address",
                "aws_elasticache_replication_group.redis.primary_endpoint_address"),
            Edit.everywhere(
                "aws_elasticache_cluster.redis.port",
                "aws_elasticache_replication_group.redis.port"));
    Rewrite capacity =
        Rewrite.green(
            "fargate-capacity-provider",
            Edit.in(
                "ecs.tf",
                "  launch_type     = \"FARGATE\"\n",
                "\n  capacity_provider_strategy {\n    capacity_provider = \"FARGATE\"\n    weight            = 1\n  }\n"),
            Edit.append("ecs.tf", CAPACITY_PROVIDERS));
    Rewrite moved =
        Rewrite.green(
            "moved-after-a-rename",
            Edit.everywhere("aws_lb.main.", "aws_lb.front."),
            Edit.in("alb.tf", "resource \"aws_lb\" \"main\"", "resource \"aws_lb\" \"front\""),
            Edit.append("alb.tf", "\nmoved {\n  from = aws_lb.main\n  to   = aws_lb.front\n}\n"));
    Rewrite zones =
        Rewrite.green(
            "three-zones-indexed-from-the-data-source",
            Edit.everywhere(
                "local.azs[count.index]",
                "data.aws_availability_zones.available.names[count.index]"),
            Edit.in(
                "variables.tf",
                "subnet in each).\"\n  type        = number\n  default     = 2",
                "subnet in each).\"\n  type        = number\n  default     = 3"));
    Rewrite guarded =
        Rewrite.green(
            "account-guarded-provider",
            Edit.in(
                "providers.tf",
                "  region = var.region\n",
                "  region = var.region\n\n  allowed_account_ids = [\"111122223333\"]\n"));
    Rewrite applyTime =
        Rewrite.green(
            "apply-time-for-each-over-subnet-ids",
            Edit.between(
                "network.tf",
                "resource \"aws_route_table_association\" \"private\" {",
                "\n}\n",
                """
                resource "aws_route_table_association" "private" {
                  for_each = toset(aws_subnet.private[*].id)

                  subnet_id      = each.value
                  route_table_id = aws_route_table.private.id
                }
                """));
    Stream<Rewrite> baseline =
        Stream.of(
            Rewrite.red(
                "lb-in-private-subnets",
                Rule.LB_REACHABLE,
                "aws_lb.main: subnets: expected subnets routing 0.0.0.0/0 to an internet gateway,"
                    + " saw aws_subnet.private[0]",
                Edit.in(
                    "alb.tf",
                    "subnets                    = aws_subnet.public[*].id",
                    "subnets = aws_subnet.private[*].id")),
            Rewrite.red(
                "lb-internal",
                Rule.LB_REACHABLE,
                "aws_lb.main: internal: expected false, saw true",
                Edit.in("alb.tf", "internal                   = false", "internal = true")),
            Rewrite.red(
                "lb-in-one-zone",
                Rule.LB_REACHABLE,
                "aws_lb.main: subnets: expected subnets in at least 2 zones, saw [",
                Edit.in(
                    "alb.tf",
                    "subnets                    = aws_subnet.public[*].id",
                    "subnets = [aws_subnet.public[0].id]")),
            Rewrite.red(
                "https-allows-tls-1-0",
                Rule.MODERN_TLS,
                "aws_lb_listener.https[0]: ssl_policy: expected a TLS 1.2+ policy",
                Edit.in(
                    "alb.tf",
                    "\"ELBSecurityPolicy-TLS13-1-2-2021-06\"",
                    "\"ELBSecurityPolicy-TLS-1-0-2015-04\"")),
            Rewrite.red(
                "invalid-headers-passed-on",
                Rule.HEADERS_DROPPED,
                "aws_lb.main: drop_invalid_header_fields: expected true, saw false",
                Edit.in(
                    "alb.tf",
                    "drop_invalid_header_fields = true",
                    "drop_invalid_header_fields = false")),
            Rewrite.red(
                "ecr-tags-mutable",
                Rule.IMAGES_IMMUTABLE_SCANNED,
                "aws_ecr_repository.app: image_tag_mutability: expected IMMUTABLE, saw MUTABLE",
                Edit.in("ecr.tf", "\"IMMUTABLE\"", "\"MUTABLE\"")),
            Rewrite.red(
                "ecr-no-scan-on-push",
                Rule.IMAGES_IMMUTABLE_SCANNED,
                "aws_ecr_repository.app: image_scanning_configuration.scan_on_push: expected true,"
                    + " saw false",
                Edit.in("ecr.tf", "scan_on_push = true", "scan_on_push = false")),
            Rewrite.red(
                "app-logs-kept-forever",
                Rule.APP_LOGS_BOUNDED,
                "aws_cloudwatch_log_group.app: retention_in_days: expected a retention",
                Edit.in(
                    "logs.tf",
                    "name              = \"/ecs/${local.name}\"\n  retention_in_days = var.log_retention_days",
                    "name              = \"/ecs/${local.name}\"\n  retention_in_days = 0")));
    return Stream.concat(
        baseline,
        Stream.of(
            splat,
            splat.and(
                "legacy-splat-public-subnets",
                Rule.SERVICE_PRIVATE,
                "network_configuration.subnets: expected private subnets",
                Edit.in(
                    "ecs.tf",
                    "subnets          = aws_subnet.private.*.id",
                    "subnets          = aws_subnet.public.*.id")),
            aliases,
            aliases.and(
                "alb-aliases-health-check-on-root",
                Rule.HEALTH_CHECK,
                "aws_alb_target_group.app: health_check.path: expected \"/healthz\", saw \"/\"",
                Edit.in("alb.tf", "path                = var.health_check_path", "path = \"/\"")),
            aliases.and(
                "alb-aliases-open-on-8080",
                Rule.ONLY_LB_OPEN,
                "aws_vpc_security_group_ingress_rule.alb_http: expected port 80 or 443 only, saw ports 8080",
                Edit.in(
                    "security.tf",
                    "from_port         = 80\n  to_port           = 80",
                    "from_port = 8080\n  to_port = 8080")),
            heredoc,
            heredoc.and(
                "heredoc-redishost-literal",
                Rule.REDISHOST,
                "environment.REDISHOST: expected the ElastiCache endpoint",
                Edit.in("ecs.tf", "\"value\": \"${local.redis_host}\"", "\"value\": \"redis\"")),
            heredoc.and(
                "heredoc-root-user",
                Rule.UNPRIVILEGED,
                "container_definitions[guestbook].user: expected a non-root user",
                Edit.in("ecs.tf", "\"user\": \"10001:10001\"", "\"user\": \"0:0\"")),
            inline,
            inline.and(
                "inline-ingress-from-vpc-cidr",
                Rule.REDIS_ONLY_FROM_SERVICE,
                "aws_security_group.redis: ingress: expected ingress to Redis only from the service's"
                    + " security group [aws_security_group.service], saw 10.42.0.0/16",
                Edit.in(
                    "security.tf",
                    "security_groups = [aws_security_group.service.id]",
                    "cidr_blocks = [var.vpc_cidr]")),
            Rewrite.green("security-group-rule", SG_RULE, DROP_REDIS_RULE),
            module,
            module.and(
                "service-in-local-module-one-task",
                Rule.SERVICE_PRIVATE,
                "module.service.aws_ecs_service.this: desired_count: expected 2, saw 1",
                Edit.in("ecs.tf", "desired_count    = var.desired_count", "desired_count = 1")),
            module.and(
                "service-in-local-module-public-ip",
                Rule.SERVICE_PRIVATE,
                "modules/service/main.tf:10: module.service.aws_ecs_service.this:"
                    + " network_configuration.assign_public_ip: expected false, saw true",
                Edit.in(
                    "modules/service/main.tf",
                    "assign_public_ip = false",
                    "assign_public_ip = true")),
            forEach,
            new Rewrite(
                "for-each-subnets-in-another-region",
                List.of(
                    FOR_EACH_SUBNETS,
                    Edit.in(
                        "variables.tf",
                        "default     = \"us-east-1\"",
                        "default     = \"eu-west-1\"")),
                Optional.empty(),
                "",
                Set.of()),
            forEach.and(
                "for-each-private-subnets-routed-to-the-internet",
                Rule.SERVICE_PRIVATE,
                "aws_subnet.private[\"us-east-1a\"] (routes 0.0.0.0/0 to aws_internet_gateway.main"
                    + " through aws_route_table.public)",
                Edit.in(
                    "network.tf",
                    "route_table_id = aws_route_table.private.id",
                    "route_table_id = aws_route_table.public.id")),
            Rewrite.red(
                "no-rollback",
                Rule.ROLLS_BACK,
                "aws_ecs_service.app: deployment_circuit_breaker.rollback: expected true, saw false",
                Edit.in("ecs.tf", "rollback = true", "rollback = false")),
            Rewrite.red(
                "tasks-open-to-the-vpc",
                Rule.SERVICE_ONLY_FROM_LB,
                "aws_vpc_security_group_ingress_rule.service_from_alb: expected port 3000 only, from the"
                    + " load balancer's security group [aws_security_group.alb], saw ports 3000/tcp from"
                    + " 10.42.0.0/16",
                Edit.in(
                    "security.tf",
                    "referenced_security_group_id = aws_security_group.alb.id\n  ip_protocol                  = \"tcp\"\n  from_port                    = var.container_port",
                    "cidr_ipv4 = var.vpc_cidr\n  ip_protocol                  = \"tcp\"\n  from_port                    = var.container_port")),
            Rewrite.red(
                "tasks-open-to-the-world",
                Rule.ONLY_LB_OPEN,
                "aws_security_group.service open to [0.0.0.0/0]",
                Edit.append(
                    "security.tf",
                    """

                resource "aws_security_group_rule" "debug" {
                  type              = "ingress"
                  security_group_id = aws_security_group.service.id
                  cidr_blocks       = ["0.0.0.0/0"]
                  protocol          = "-1"
                  from_port         = 0
                  to_port           = 0
                }
                """)),
            Rewrite.red(
                "a-tag-overrides-the-run-id",
                Rule.TAGGED,
                "aws_vpc.main: tags_all.RunId: expected the run id (\"bdiread7\", given as var.run_id), saw \"shared\"",
                Edit.in(
                    "network.tf",
                    "    Name = local.name\n  }\n}\n\nresource \"aws_internet_gateway\"",
                    "    Name  = local.name\n    RunId = \"shared\"\n  }\n}\n\nresource \"aws_internet_gateway\"")),
            Rewrite.red(
                "a-fixed-name",
                Rule.NAMED,
                "aws_ecr_repository.app: name: expected a name containing the run id",
                Edit.in("ecr.tf", "name                 = local.name", "name = \"guestbook\"")),
            ids,
            ids.and(
                "ids-for-arns-health-matcher-200-499",
                Rule.HEALTH_CHECK,
                "aws_lb_target_group.app: health_check.matcher: expected \"200\" only",
                Edit.in("alb.tf", "matcher             = \"200\"", "matcher = \"200-499\"")),
            lookedUp,
            lookedUp.and(
                "network-looked-up-public-ip",
                Rule.SERVICE_PRIVATE,
                "aws_ecs_service.app: network_configuration.assign_public_ip: expected false, saw true",
                Edit.in("ecs.tf", "assign_public_ip = false", "assign_public_ip = true")),
            bastion,
            bastion.and(
                "bastion-ssh-from-anywhere",
                Rule.ONLY_LB_OPEN,
                "aws_vpc_security_group_ingress_rule.bastion_ssh: expected only the load balancer's"
                    + " security group [aws_security_group.alb] open to the internet, saw"
                    + " aws_security_group.bastion open to [0.0.0.0/0]",
                Edit.append("bastion.tf", BASTION_SSH)),
            template,
            template.and(
                "templatefile-root-user",
                Rule.UNPRIVILEGED,
                "container_definitions[guestbook].user: expected a non-root user (e.g. \"10001:10001\"), saw"
                    + " \"0\"",
                Edit.in(
                    "task-definition.json.tpl",
                    "user                   = \"10001:10001\"",
                    "user                   = \"0\"")),
            dynamic,
            dynamic.and(
                "dynamic-ingress-ssh-into-redis",
                Rule.REDIS_ONLY_FROM_SERVICE,
                "aws_security_group.redis: ingress: expected ingress to Redis on port 6379/tcp only,"
                    + " saw ports 22/tcp",
                Edit.in(
                    "security.tf",
                    "for_each = { redis = 6379 }",
                    "for_each = { redis = 6379, ssh = 22 }")),
            group,
            group.and(
                "replication-group-in-public-subnets",
                Rule.REDIS_PRIVATE,
                "aws_elasticache_subnet_group.redis: subnet_ids: expected private subnets only, for"
                    + " aws_elasticache_replication_group.redis, saw aws_subnet.public[0]",
                Edit.in(
                    "redis.tf",
                    "subnet_ids = aws_subnet.private[*].id",
                    "subnet_ids = aws_subnet.public[*].id")),
            capacity,
            capacity.and(
                "capacity-provider-no-room-to-roll",
                Rule.ROLLS_BACK,
                "aws_ecs_service.app: deployment_maximum_percent: expected 200, saw 100",
                Edit.in(
                    "ecs.tf",
                    "deployment_maximum_percent         = 200",
                    "deployment_maximum_percent = 100")),
            moved,
            moved.and(
                "moved-load-balancer-to-port-8080",
                Rule.LB_REACHES_CONTAINER,
                "aws_ecs_service.app: load_balancer.container_port: expected a port container"
                    + " \"guestbook\" maps [3000], saw 8080",
                Edit.in(
                    "ecs.tf",
                    "    container_port   = var.container_port\n  }",
                    "    container_port   = 8080\n  }")),
            Rewrite.red(
                "redis-in-the-public-subnets",
                Rule.REDIS_PRIVATE,
                "aws_elasticache_subnet_group.redis: subnet_ids: expected private subnets only, for"
                    + " aws_elasticache_cluster.redis, saw aws_subnet.public[0] (routes 0.0.0.0/0 to"
                    + " aws_internet_gateway.main through aws_route_table.public)",
                Edit.in(
                    "redis.tf",
                    "subnet_ids = aws_subnet.private[*].id",
                    "subnet_ids = aws_subnet.public[*].id")),
            Rewrite.red(
                "redis-open-to-the-service-on-every-protocol",
                Rule.REDIS_ONLY_FROM_SERVICE,
                "aws_vpc_security_group_ingress_rule.redis_from_service: expected ingress to Redis on"
                    + " port 6379/tcp only, saw ports 0-65535 (all protocols)",
                Edit.between(
                    "security.tf",
                    "resource \"aws_vpc_security_group_ingress_rule\" \"redis_from_service\" {",
                    "}\n",
                    """
                resource "aws_vpc_security_group_ingress_rule" "redis_from_service" {
                  security_group_id            = aws_security_group.redis.id
                  referenced_security_group_id = aws_security_group.service.id
                  ip_protocol                  = "-1"
                }
                """)),
            Rewrite.red(
                "health-matcher-200-499",
                Rule.HEALTH_CHECK,
                "aws_lb_target_group.app: health_check.matcher: expected \"200\" only (what /healthz"
                    + " answers when healthy; no 4xx or 5xx), saw \"200-499\"",
                Edit.in("alb.tf", "matcher             = \"200\"", "matcher = \"200-499\"")),
            Rewrite.red(
                "load-balancer-on-container-port-8080",
                Rule.LB_REACHES_CONTAINER,
                "aws_ecs_service.app: load_balancer.container_port: expected a port container"
                    + " \"guestbook\" maps [3000], saw 8080",
                Edit.in(
                    "ecs.tf",
                    "    container_port   = var.container_port\n  }",
                    "    container_port   = 8080\n  }")),
            Rewrite.red(
                "a-run-id-only-aws-knows",
                Rule.TAGGED,
                "aws_ecs_cluster.main: tags.RunId: expected the run id (\"bdiread7\", given as"
                    + " var.run_id), saw a value known only after apply",
                Edit.in(
                    "ecs.tf",
                    "resource \"aws_ecs_cluster\" \"main\" {\n  name = local.name\n",
                    "resource \"aws_ecs_cluster\" \"main\" {\n  name = local.name\n  tags = {\n    RunId ="
                        + " aws_ecr_repository.app.registry_id\n  }\n")),
            Rewrite.red(
                "root-spelt-00",
                Rule.UNPRIVILEGED,
                "container_definitions[guestbook].user: expected a non-root user (e.g. \"10001:10001\"),"
                    + " saw \"00:00\"",
                Edit.in(
                    "ecs.tf",
                    "user                   = \"10001:10001\"",
                    "user                   = \"00:00\"")),
            Rewrite.red(
                "private-subnets-on-the-vpc-main-table-routed-out",
                Rule.SERVICE_PRIVATE,
                "aws_subnet.private[0] (routes 0.0.0.0/0 to aws_internet_gateway.main",
                Edit.between(
                    "network.tf",
                    "resource \"aws_route_table_association\" \"private\" {",
                    "\n}\n",
                    ""),
                Edit.append(
                    "network.tf",
                    """

                resource "aws_route" "main_out" {
                  route_table_id         = aws_vpc.main.main_route_table_id
                  destination_cidr_block = "0.0.0.0/0"
                  gateway_id             = aws_internet_gateway.main.id
                }
                """)),
            Rewrite.red(
                "health-check-over-https",
                Rule.HEALTH_CHECK,
                "aws_lb_target_group.app: health_check.protocol: expected \"HTTP\" (the app serves"
                    + " plain HTTP), saw \"HTTPS\"",
                Edit.in(
                    "alb.tf",
                    "    path                = var.health_check_path\n",
                    "    path                = var.health_check_path\n    protocol            = \"HTTPS\"\n")),
            Rewrite.red(
                "http-forwards-despite-a-certificate",
                Rule.HTTP_REDIRECTS,
                "aws_lb_listener.http: default_action: expected a redirect to HTTPS on 443 once"
                    + " var.certificate_arn is given, saw forward",
                Edit.in(
                    "alb.tf",
                    "type             = var.certificate_arn == null ? \"forward\" : \"redirect\"",
                    "type             = \"forward\""),
                Edit.in(
                    "alb.tf",
                    "target_group_arn = var.certificate_arn == null ? aws_lb_target_group.app.arn : null",
                    "target_group_arn = aws_lb_target_group.app.arn"),
                Edit.in(
                    "alb.tf",
                    "for_each = var.certificate_arn == null ? [] : [443]",
                    "for_each = []")),
            Rewrite.red(
                "http-redirects-to-another-port",
                Rule.HTTP_REDIRECTS,
                "aws_lb_listener.http: default_action: expected a redirect to HTTPS on 443 once"
                    + " var.certificate_arn is given, saw redirect to HTTPS:8443",
                Edit.in("alb.tf", "[] : [443]", "[] : [8443]")),
            Rewrite.red(
                "default-security-group-left-to-aws",
                Rule.DEFAULT_GROUP_CLOSED,
                "aws_vpc.main: default security group: expected an aws_default_security_group with no"
                    + " rules",
                Edit.between(
                    "network.tf",
                    "resource \"aws_default_security_group\" \"default\" {",
                    "\n}\n",
                    "")),
            Rewrite.red(
                "default-security-group-trusts-its-members",
                Rule.DEFAULT_GROUP_CLOSED,
                "aws_default_security_group.default: ingress: expected no rules, saw 1 rule(s)",
                Edit.in(
                    "network.tf",
                    "resource \"aws_default_security_group\" \"default\" {\n  vpc_id = aws_vpc.main.id\n",
                    "resource \"aws_default_security_group\" \"default\" {\n  vpc_id = aws_vpc.main.id\n\n"
                        + "  ingress {\n    protocol  = -1\n    self      = true\n    from_port = 0\n"
                        + "    to_port   = 0\n  }\n")),
            Rewrite.red(
                "flow-logs-only-rejected",
                Rule.FLOWS_LOGGED,
                "aws_flow_log.vpc: traffic_type: expected ALL, saw REJECT",
                Edit.in(
                    "network.tf", "traffic_type         = \"ALL\"", "traffic_type = \"REJECT\"")),
            Rewrite.red(
                "flow-logs-kept-for-ever",
                Rule.FLOWS_LOGGED,
                "aws_cloudwatch_log_group.flow_logs: retention_in_days: expected a retention",
                Edit.in(
                    "logs.tf",
                    "name              = \"/vpc/${local.name}/flows\"\n  retention_in_days = var.log_retention_days\n",
                    "name              = \"/vpc/${local.name}/flows\"\n")),
            Rewrite.red(
                "no-flow-logs",
                Rule.FLOWS_LOGGED,
                "aws_vpc.main: flow log: expected an aws_flow_log of the VPC, saw none",
                Edit.between("network.tf", "resource \"aws_flow_log\" \"vpc\" {", "\n}\n", "")),
            Rewrite.red(
                "writable-root-filesystem",
                Rule.READ_ONLY_ROOT,
                "container_definitions[guestbook].readonlyRootFilesystem: expected true, saw false",
                Edit.in(
                    "ecs.tf", "readonlyRootFilesystem = true", "readonlyRootFilesystem = false")),
            Rewrite.red(
                "temp-dir-mounted-elsewhere",
                Rule.READ_ONLY_ROOT,
                "container_definitions[guestbook].mountPoints: expected one mount at exactly /tmp"
                    + " (the image's VOLUME), saw [/var/tmp]",
                Edit.in("ecs.tf", "containerPath = \"/tmp\"", "containerPath = \"/var/tmp\"")),
            Rewrite.red(
                "temp-dir-read-only",
                Rule.READ_ONLY_ROOT,
                "container_definitions[guestbook].mountPoints[/tmp].readOnly: expected not"
                    + " read-only",
                Edit.in(
                    "ecs.tf",
                    "containerPath = \"/tmp\", readOnly = false",
                    "containerPath = \"/tmp\", readOnly = true")),
            Rewrite.red(
                "a-password-in-the-environment",
                Rule.NO_PLAIN_SECRETS,
                "container_definitions[guestbook].environment.REDIS_PASSWORD: expected no secret in"
                    + " plain text",
                Edit.in(
                    "ecs.tf",
                    "{ name = \"PORT\", value = tostring(var.container_port) }",
                    "{ name = \"PORT\", value = tostring(var.container_port) },\n        { name ="
                        + " \"REDIS_PASSWORD\", value = \"correct-horse-battery-staple\" }")),
            Rewrite.red(
                "the-app-listens-on-8080",
                Rule.LB_REACHES_CONTAINER,
                "container_definitions[guestbook].environment.PORT: expected the port the load"
                    + " balancer sends to, 3000, saw 8080",
                Edit.in(
                    "ecs.tf",
                    "{ name = \"PORT\", value = tostring(var.container_port) }",
                    "{ name = \"PORT\", value = \"8080\" }")),
            Rewrite.red(
                "an-internal-load-balancer",
                Rule.ONLY_LB_OPEN,
                "aws_lb.main: internal: expected false",
                Edit.in("alb.tf", "internal                   = false", "internal = true")),
            Rewrite.red(
                "http-listener-on-8080",
                Rule.HTTP_REDIRECTS,
                "port: expected a listener on 80 (where visitors arrive), saw [8080",
                Edit.in(
                    "alb.tf",
                    "load_balancer_arn = aws_lb.main.arn\n  port              = 80\n",
                    "load_balancer_arn = aws_lb.main.arn\n  port              = 8080\n")),
            Rewrite.red(
                "default-deregistration-delay",
                Rule.HEALTH_CHECK,
                "aws_lb_target_group.app: deregistration_delay: expected at most 60 s (the default 300 s"
                    + " dominates deploys), saw 300",
                Edit.in("alb.tf", "deregistration_delay = 30", "")),
            zones,
            zones.and(
                "three-zones-tasks-in-public-subnets",
                Rule.SERVICE_PRIVATE,
                "network_configuration.subnets: expected private subnets",
                Edit.in(
                    "ecs.tf",
                    "subnets          = aws_subnet.private[*].id",
                    "subnets          = aws_subnet.public[*].id")),
            guarded,
            Rewrite.red(
                "account-forbidden-no-rollback",
                Rule.ROLLS_BACK,
                "aws_ecs_service.app: deployment_circuit_breaker.rollback: expected true, saw false",
                Edit.in(
                    "providers.tf",
                    "  region = var.region\n",
                    "  region = var.region\n\n  forbidden_account_ids = [\""
                        + PlanTimeAws.ACCOUNT
                        + "\"]\n"),
                Edit.in("ecs.tf", "rollback = true", "rollback = false")),
            applyTime,
            Rewrite.red(
                "apply-time-for-each-through-a-local-routed-out",
                Rule.SERVICE_PRIVATE,
                "(routes 0.0.0.0/0 to aws_internet_gateway.main through aws_route_table.public)",
                Edit.between(
                    "network.tf",
                    "resource \"aws_route_table_association\" \"private\" {",
                    "\n}\n",
                    """
                locals {
                  private_subnet_ids = aws_subnet.private[*].id
                }

                resource "aws_route_table_association" "private" {
                  for_each = toset(local.private_subnet_ids)

                  subnet_id      = each.value
                  route_table_id = aws_route_table.public.id
                }
                """))));
  }

  // --- the rewrites' bigger edits -------------------------------------------------------------

  private static final Edit HEREDOC =
      Edit.between(
          "ecs.tf",
          "  container_definitions = jsonencode([",
          "  ])\n",
          """
            container_definitions = <<-JSON
              [
                {
                  "name": "guestbook",
                  "image": "${var.image}",
                  "essential": true,
                  "user": "10001:10001",
                  "readonlyRootFilesystem": true,
                  "mountPoints": [{ "sourceVolume": "tmp", "containerPath": "/tmp", "readOnly": false }],
                  "portMappings": [{ "containerPort": ${var.container_port}, "protocol": "tcp" }],
                  "environment": [
                    { "name": "REDISHOST", "value": "${local.redis_host}" },
                    { "name": "REDISPORT", "value": "${aws_elasticache_cluster.redis.port}" },
                    { "name": "PORT", "value": "${var.container_port}" }
                  ],
                  "healthCheck": {
                    "command": ["CMD-SHELL", "bash -c 'exec 3<>/dev/tcp/127.0.0.1/${var.container_port} && printf \\"GET /healthz HTTP/1.0\\\\r\\\\n\\\\r\\\\n\\" >&3 && head -1 <&3 | grep -q \\" 200 \\"'"],
                    "interval": 10,
                    "timeout": 5,
                    "retries": 3,
                    "startPeriod": 15
                  },
                  "stopTimeout": 15,
                  "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {
                      "awslogs-group": "${aws_cloudwatch_log_group.app.name}",
                      "awslogs-region": "${var.region}",
                      "awslogs-stream-prefix": "guestbook"
                    }
                  }
                }
              ]
            JSON
          """);

  private static final Edit DROP_REDIS_RULE =
      Edit.between(
          "security.tf",
          "resource \"aws_vpc_security_group_ingress_rule\" \"redis_from_service\" {",
          "}\n",
          "");

  private static final Edit INLINE_INGRESS =
      Edit.in(
          "security.tf",
          "  description = \"Guestbook Redis\"\n  vpc_id      = aws_vpc.main.id\n",
          """
            description = "Guestbook Redis"
            vpc_id      = aws_vpc.main.id

            ingress {
              description     = "Redis from the app tasks only"
              protocol        = "tcp"
              from_port       = 6379
              to_port         = 6379
              security_groups = [aws_security_group.service.id]
            }
          """);

  private static final Edit SG_RULE =
      Edit.append(
          "security.tf",
          """

          resource "aws_security_group_rule" "redis_from_service" {
            type                     = "ingress"
            security_group_id        = aws_security_group.redis.id
            source_security_group_id = aws_security_group.service.id
            protocol                 = "tcp"
            from_port                = 6379
            to_port                  = 6379
          }
          """);

  private static final Edit SERVICE_MODULE =
      Edit.all(
          Edit.between(
              "ecs.tf",
              "resource \"aws_ecs_service\" \"app\" {",
              "\n}\n",
              """
              module "service" {
                source           = "./modules/service"
                name             = local.name
                cluster_id       = aws_ecs_cluster.main.id
                task_definition  = aws_ecs_task_definition.app.arn
                desired_count    = var.desired_count
                subnets          = aws_subnet.private[*].id
                security_groups  = [aws_security_group.service.id]
                target_group_arn = aws_lb_target_group.app.arn
                container_port   = var.container_port

                depends_on = [aws_lb_listener.http, aws_iam_role_policy_attachment.task_execution]
              }
              """),
          Edit.in("outputs.tf", "aws_ecs_service.app.name", "module.service.name"),
          Edit.create(
              "modules/service/main.tf",
              """
              variable "name" { type = string }
              variable "cluster_id" { type = string }
              variable "task_definition" { type = string }
              variable "desired_count" { type = number }
              variable "subnets" { type = list(string) }
              variable "security_groups" { type = list(string) }
              variable "target_group_arn" { type = string }
              variable "container_port" { type = number }

              resource "aws_ecs_service" "this" {
                name            = var.name
                cluster         = var.cluster_id
                task_definition = var.task_definition
                desired_count   = var.desired_count
                launch_type     = "FARGATE"

                deployment_minimum_healthy_percent = 100
                deployment_maximum_percent         = 200
                health_check_grace_period_seconds  = 30
                wait_for_steady_state              = false

                deployment_circuit_breaker {
                  enable   = true
                  rollback = true
                }

                network_configuration {
                  subnets          = var.subnets
                  security_groups  = var.security_groups
                  assign_public_ip = false
                }

                load_balancer {
                  target_group_arn = var.target_group_arn
                  container_name   = "guestbook"
                  container_port   = var.container_port
                }

                propagate_tags = "SERVICE"
              }

              output "name" { value = aws_ecs_service.this.name }
              """));

  private static final Edit FOR_EACH_SUBNETS =
      Edit.all(
          Edit.between(
              "network.tf",
              "resource \"aws_subnet\" \"private\" {",
              "\n}\n",
              """
              resource "aws_subnet" "private" {
                for_each = { for i, az in local.azs : az => i }

                vpc_id            = aws_vpc.main.id
                availability_zone = each.key
                cidr_block        = cidrsubnet(var.vpc_cidr, 8, 100 + each.value)

                tags = {
                  Name = "${local.name}-private-${each.value}"
                  Tier = "private"
                }
              }
              """),
          Edit.between(
              "network.tf",
              "resource \"aws_route_table_association\" \"private\" {",
              "\n}\n",
              """
              resource "aws_route_table_association" "private" {
                for_each = aws_subnet.private

                subnet_id      = each.value.id
                route_table_id = aws_route_table.private.id
              }
              """),
          Edit.everywhere("aws_subnet.private[*].id", "[for s in aws_subnet.private : s.id]"));

  private static final String LOOKED_UP_NETWORK =
      """
      # The network is not created here: it is found in the account by its tags.
      data "aws_vpc" "main" {
        tags = {
          Name = "shared-network"
        }
      }

      data "aws_subnets" "public" {
        filter {
          name   = "vpc-id"
          values = [data.aws_vpc.main.id]
        }
        tags = {
          Tier = "public"
        }
      }

      data "aws_subnets" "private" {
        filter {
          name   = "vpc-id"
          values = [data.aws_vpc.main.id]
        }
        tags = {
          Tier = "private"
        }
      }
      """;

  private static final String BASTION =
      """
      # An unrelated instance whose image is looked up: nothing of the stack depends on it.
      data "aws_ami" "bastion" {
        most_recent = true
        owners      = ["amazon"]

        filter {
          name   = "name"
          values = ["al2023-ami-*-x86_64"]
        }
      }

      resource "aws_security_group" "bastion" {
        name        = "${local.name}-bastion"
        description = "Bastion, reached through SSM only"
        vpc_id      = aws_vpc.main.id
      }

      resource "aws_instance" "bastion" {
        ami                    = data.aws_ami.bastion.id
        instance_type          = "t3.micro"
        subnet_id              = aws_subnet.private[0].id
        vpc_security_group_ids = [aws_security_group.bastion.id]

        tags = {
          Name = "${local.name}-bastion"
        }
      }
      """;

  private static final String BASTION_SSH =
      """

      resource "aws_vpc_security_group_ingress_rule" "bastion_ssh" {
        security_group_id = aws_security_group.bastion.id
        cidr_ipv4         = "0.0.0.0/0"
        ip_protocol       = "tcp"
        from_port         = 22
        to_port           = 22
      }
      """;

  /**
   * The container definitions from {@code templatefile()} of a file beside the {@code .tf} files:
   * the same list, its references passed in as template variables.
   */
  private static final Edit TEMPLATEFILE =
      (dir, rewrite) -> {
        String start = "  container_definitions = jsonencode([";
        String end = "  ])\n";
        String ecs = read(dir.resolve("ecs.tf"));
        int from = ecs.indexOf(start);
        int to = ecs.indexOf(end, from);
        Edit.require(from >= 0 && to > from, rewrite, "ecs.tf", start);
        String list =
            ecs.substring(from + start.length(), to)
                .replace("var.image", "image")
                .replace("local.redis_host", "redis_host")
                .replace("aws_elasticache_cluster.redis.port", "redis_port")
                .replace("var.container_port", "container_port")
                .replace("aws_cloudwatch_log_group.app.name", "log_group")
                .replace("var.region", "region");
        write(dir.resolve("task-definition.json.tpl"), "${jsonencode([" + list + "])}\n");
        write(
            dir.resolve("ecs.tf"),
            ecs.substring(0, from)
                + """
                  container_definitions = templatefile("${path.module}/task-definition.json.tpl", {
                    image          = var.image
                    redis_host     = local.redis_host
                    redis_port     = aws_elasticache_cluster.redis.port
                    container_port = var.container_port
                    log_group      = aws_cloudwatch_log_group.app.name
                    region         = var.region
                  })
                """
                + ecs.substring(to + end.length()));
      };

  private static final Edit DYNAMIC_INGRESS =
      Edit.in(
          "security.tf",
          "  description = \"Guestbook Redis\"\n  vpc_id      = aws_vpc.main.id\n",
          """
            description = "Guestbook Redis"
            vpc_id      = aws_vpc.main.id

            dynamic "ingress" {
              for_each = { redis = 6379 }
              content {
                description     = "${ingress.key} from the app tasks only"
                protocol        = "tcp"
                from_port       = ingress.value
                to_port         = ingress.value
                security_groups = [aws_security_group.service.id]
              }
            }
          """);

  private static final String REPLICATION_GROUP =
      """
      resource "aws_elasticache_replication_group" "redis" {
        replication_group_id = local.name
        description          = "Guestbook Redis"
        engine               = "redis"
        engine_version       = var.redis_engine_version
        node_type            = var.redis_node_type
        num_cache_clusters   = 1
        port                 = 6379
        parameter_group_name = "default.redis7"
        subnet_group_name    = aws_elasticache_subnet_group.redis.name
        security_group_ids   = [aws_security_group.redis.id]
        apply_immediately    = true
      }
      """;

  private static final String CAPACITY_PROVIDERS =
      """

      resource "aws_ecs_cluster_capacity_providers" "main" {
        cluster_name       = aws_ecs_cluster.main.name
        capacity_providers = ["FARGATE"]

        default_capacity_provider_strategy {
          capacity_provider = "FARGATE"
          weight            = 1
        }
      }
      """;

  // --- applying edits -------------------------------------------------------------------------

  private static void apply(Rewrite rewrite, Path dir) {
    deleteTree(dir);
    TerraformCli.copyConfiguration(SOURCE, dir);
    for (Edit edit : rewrite.edits()) {
      edit.applyTo(dir, rewrite.name());
    }
  }

  /** A change to a copy of the configuration; one that finds nothing to change fails the set. */
  @FunctionalInterface
  interface Edit {
    void applyTo(Path dir, String rewrite);

    static Edit in(String file, String from, String to) {
      return (dir, rewrite) -> {
        String text = read(dir.resolve(file));
        require(text.contains(from), rewrite, file, from);
        write(dir.resolve(file), text.replace(from, to));
      };
    }

    static Edit everywhere(String from, String to) {
      return (dir, rewrite) -> {
        boolean changed = false;
        for (Path file : tfFiles(dir)) {
          String text = read(file);
          if (text.contains(from)) {
            write(file, text.replace(from, to));
            changed = true;
          }
        }
        require(changed, rewrite, "*.tf", from);
      };
    }

    /** Replaces from {@code start} to the first {@code end} after it, both included. */
    static Edit between(String file, String start, String end, String replacement) {
      return (dir, rewrite) -> {
        String text = read(dir.resolve(file));
        int from = text.indexOf(start);
        require(from >= 0, rewrite, file, start);
        int to = text.indexOf(end, from + start.length());
        require(to >= 0, rewrite, file, end);
        write(
            dir.resolve(file),
            text.substring(0, from) + replacement + text.substring(to + end.length()));
      };
    }

    static Edit append(String file, String text) {
      return (dir, rewrite) -> write(dir.resolve(file), read(dir.resolve(file)) + text);
    }

    static Edit create(String file, String text) {
      return (dir, rewrite) -> {
        try {
          Files.createDirectories(dir.resolve(file).getParent());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        write(dir.resolve(file), text);
      };
    }

    static Edit all(Edit... edits) {
      return (dir, rewrite) -> {
        for (Edit edit : edits) {
          edit.applyTo(dir, rewrite);
        }
      };
    }

    static void require(boolean found, String rewrite, String file, String text) {
      if (!found) {
        throw new IllegalStateException(
            "rewrite "
                + rewrite
                + ": "
                + file
                + " has no \""
                + text
                + "\" any more: update the set");
      }
    }
  }

  private static List<Path> tfFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".tf")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
