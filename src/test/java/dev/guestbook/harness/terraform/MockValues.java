package dev.guestbook.harness.terraform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the reading gives the values only AWS would know, shaped as AWS shapes them: ARNs for {@code
 * arn} (and for the {@code id} of the types whose id is an ARN), {@code vpc-…}, {@code subnet-…},
 * {@code sg-…} ids, CIDRs for CIDR attributes, addresses, host names, the account. Terraform's
 * mocked provider would give each of them eight random characters, which the AWS provider's own
 * validation then refuses ({@code "load_balancer_arn" (j64oa8m7) is an invalid ARN}) and which
 * {@code cidrsubnet()} cannot compute with.
 *
 * <p>One table, keyed by type and attribute (see {@link #value}); every value is derived from a
 * seed — the instance's address — so it is the same in every run and different for every instance:
 * relations stay equal values. An attribute the table does not know keeps Terraform's own mock
 * value (eight random {@code [a-z0-9]} for a string, see {@link TerraformReading}).
 */
final class MockValues {

  /** The account every mocked ARN and owner belongs to (the plan-time stub answers it too). */
  static final String ACCOUNT = PlanTimeAws.ACCOUNT;

  static final String REGION = "us-east-1";

  /** Resource and data source types whose {@code id} is their ARN (AWS provider docs). */
  static final Set<String> ID_IS_ARN =
      Set.of(
          "aws_lb",
          "aws_lb_target_group",
          "aws_lb_listener",
          "aws_lb_listener_rule",
          "aws_iam_policy",
          "aws_acm_certificate",
          "aws_ecs_cluster",
          "aws_ecs_service",
          "aws_ecs_capacity_provider",
          "aws_sns_topic",
          "aws_secretsmanager_secret",
          "aws_sfn_state_machine");

  /** Types whose id is an EC2-style {@code prefix-0123456789abcdef0}. */
  static final Map<String, String> ID_PREFIX =
      Map.ofEntries(
          Map.entry("aws_vpc", "vpc"),
          Map.entry("aws_default_vpc", "vpc"),
          Map.entry("aws_vpcs", "vpc"),
          Map.entry("aws_subnet", "subnet"),
          Map.entry("aws_default_subnet", "subnet"),
          Map.entry("aws_subnets", "subnet"),
          Map.entry("aws_security_group", "sg"),
          Map.entry("aws_default_security_group", "sg"),
          Map.entry("aws_security_groups", "sg"),
          Map.entry("aws_vpc_security_group_ingress_rule", "sgr"),
          Map.entry("aws_vpc_security_group_egress_rule", "sgr"),
          Map.entry("aws_internet_gateway", "igw"),
          Map.entry("aws_egress_only_internet_gateway", "eigw"),
          Map.entry("aws_nat_gateway", "nat"),
          Map.entry("aws_route_table", "rtb"),
          Map.entry("aws_default_route_table", "rtb"),
          Map.entry("aws_route_tables", "rtb"),
          Map.entry("aws_route_table_association", "rtbassoc"),
          Map.entry("aws_eip", "eipalloc"),
          Map.entry("aws_instance", "i"),
          Map.entry("aws_ami", "ami"),
          Map.entry("aws_ami_ids", "ami"),
          Map.entry("aws_network_interface", "eni"),
          Map.entry("aws_vpc_endpoint", "vpce"),
          Map.entry("aws_network_acl", "acl"),
          Map.entry("aws_default_network_acl", "acl"),
          Map.entry("aws_vpc_dhcp_options", "dopt"),
          Map.entry("aws_vpc_peering_connection", "pcx"),
          Map.entry("aws_ec2_transit_gateway", "tgw"),
          Map.entry("aws_launch_template", "lt"),
          Map.entry("aws_ebs_volume", "vol"),
          Map.entry("aws_flow_log", "fl"),
          Map.entry("aws_ec2_managed_prefix_list", "pl"),
          Map.entry("aws_prefix_list", "pl"));

  /** {@code <stem>_id} attributes of data sources: the prefix AWS gives that kind of id. */
  private static final Map<String, String> ID_ATTRIBUTE_PREFIX =
      Map.ofEntries(
          Map.entry("vpc_id", "vpc"),
          Map.entry("subnet_id", "subnet"),
          Map.entry("security_group_id", "sg"),
          Map.entry("route_table_id", "rtb"),
          Map.entry("main_route_table_id", "rtb"),
          Map.entry("default_route_table_id", "rtb"),
          Map.entry("default_security_group_id", "sg"),
          Map.entry("default_network_acl_id", "acl"),
          Map.entry("internet_gateway_id", "igw"),
          Map.entry("nat_gateway_id", "nat"),
          Map.entry("image_id", "ami"),
          Map.entry("instance_id", "i"),
          Map.entry("network_interface_id", "eni"),
          Map.entry("dhcp_options_id", "dopt"),
          Map.entry("allocation_id", "eipalloc"),
          Map.entry("transit_gateway_id", "tgw"),
          Map.entry("prefix_list_id", "pl"));

  /** ARN service and resource path per type; {@code %s} is a name unique to the instance. */
  private static final Map<String, String[]> ARN_SHAPE =
      Map.ofEntries(
          Map.entry("aws_lb", new String[] {"elasticloadbalancing", "loadbalancer/app/%s/%h"}),
          Map.entry(
              "aws_lb_target_group", new String[] {"elasticloadbalancing", "targetgroup/%s/%h"}),
          Map.entry(
              "aws_lb_listener", new String[] {"elasticloadbalancing", "listener/app/%s/%h/%h"}),
          Map.entry(
              "aws_lb_listener_rule",
              new String[] {"elasticloadbalancing", "listener-rule/app/%s/%h/%h/%h"}),
          Map.entry("aws_iam_role", new String[] {"iam", "role/%s"}),
          Map.entry("aws_iam_policy", new String[] {"iam", "policy/%s"}),
          Map.entry("aws_iam_user", new String[] {"iam", "user/%s"}),
          Map.entry("aws_iam_instance_profile", new String[] {"iam", "instance-profile/%s"}),
          Map.entry("aws_ecs_cluster", new String[] {"ecs", "cluster/%s"}),
          Map.entry("aws_ecs_service", new String[] {"ecs", "service/mocked/%s"}),
          Map.entry("aws_ecs_task_definition", new String[] {"ecs", "task-definition/%s:1"}),
          Map.entry("aws_ecs_capacity_provider", new String[] {"ecs", "capacity-provider/%s"}),
          Map.entry("aws_ecr_repository", new String[] {"ecr", "repository/%s"}),
          Map.entry("aws_cloudwatch_log_group", new String[] {"logs", "log-group:%s"}),
          Map.entry("aws_acm_certificate", new String[] {"acm", "certificate/%u"}),
          Map.entry("aws_kms_key", new String[] {"kms", "key/%u"}),
          Map.entry("aws_kms_alias", new String[] {"kms", "alias/%s"}),
          Map.entry("aws_sns_topic", new String[] {"sns", "%s"}),
          Map.entry("aws_sqs_queue", new String[] {"sqs", "%s"}),
          Map.entry(
              "aws_secretsmanager_secret", new String[] {"secretsmanager", "secret:%s-AbCdEf"}),
          Map.entry("aws_ssm_parameter", new String[] {"ssm", "parameter/%s"}),
          Map.entry("aws_elasticache_cluster", new String[] {"elasticache", "cluster:%s"}),
          Map.entry(
              "aws_elasticache_replication_group",
              new String[] {"elasticache", "replicationgroup:%s"}),
          Map.entry("aws_elasticache_subnet_group", new String[] {"elasticache", "subnetgroup:%s"}),
          Map.entry(
              "aws_elasticache_parameter_group", new String[] {"elasticache", "parametergroup:%s"}),
          Map.entry("aws_lambda_function", new String[] {"lambda", "function:%s"}),
          Map.entry("aws_cloudwatch_metric_alarm", new String[] {"cloudwatch", "alarm:%s"}),
          Map.entry("aws_sfn_state_machine", new String[] {"states", "stateMachine:%s"}),
          Map.entry("aws_db_instance", new String[] {"rds", "db:%s"}),
          Map.entry(
              "aws_service_discovery_service", new String[] {"servicediscovery", "service/%s"}),
          Map.entry(
              "aws_service_discovery_private_dns_namespace",
              new String[] {"servicediscovery", "namespace/%s"}),
          Map.entry(
              "aws_appautoscaling_policy",
              new String[] {"autoscaling", "scalingPolicy:%u:resource/ecs/%s"}));

  /** Data sources the real provider answers without AWS, or the plan-time stub answers. */
  static final Set<String> ANSWERED_OFFLINE =
      Set.of(
          "aws_iam_policy_document",
          "aws_partition",
          "aws_region",
          "aws_caller_identity",
          "aws_availability_zones",
          "aws_default_tags",
          "aws_arn",
          "aws_service_principal",
          "aws_billing_service_account",
          "aws_elb_service_account",
          "aws_cloudtrail_service_account",
          "aws_redshift_service_account",
          "aws_lb_hosted_zone_id",
          "aws_elb_hosted_zone_id");

  /**
   * Every zone of the region, as AWS answers {@code DescribeAvailabilityZones} in us-east-1 (six),
   * and as the plan-time stub names them: a configuration may index as many as it likes ({@code
   * names[count.index]} with {@code count = 3}). The zone ids are paired so that the id a
   * configuration most often excludes ({@code use1-az3}, which offers no current instance family)
   * is the last zone's: excluding it leaves the first five in both runs.
   */
  static final List<String> ZONES =
      List.of(REGION + "a", REGION + "b", REGION + "c", REGION + "d", REGION + "e", REGION + "f");

  /** The zone ids of {@link #ZONES}, in the same order. */
  static final List<String> ZONE_IDS =
      List.of("use1-az1", "use1-az2", "use1-az4", "use1-az5", "use1-az6", "use1-az3");

  /**
   * Zones for a required variable without a default ({@code azs}): two, as a person fills one in;
   * not an answer of AWS.
   */
  static final List<String> VARIABLE_ZONES = ZONES.subList(0, 2);

  private MockValues() {}

  /** Whether the value is for a managed resource (only its identity is made) or a data source. */
  enum Kind {
    RESOURCE,
    DATA
  }

  /**
   * The value for {@code attribute} of an instance of {@code type}, or empty when the table has
   * none (Terraform's mocked value stays). For a resource only its identity and what AWS formats
   * itself ({@code id}, {@code arn}, {@code arn_suffix}, {@code dns_name}, {@code owner_id}, an
   * IPv6 block, endpoints) is made: any other computed attribute may be a relation, and a made-up
   * relation would be read as a real one. For a data source every attribute AWS would answer is
   * made.
   *
   * @param kind resource or data source
   * @param type the type, aliases resolved ({@code aws_lb}, not {@code aws_alb})
   * @param attribute a top-level attribute
   * @param schemaType its type in the provider schema: {@code string}, {@code list(string)}, …
   * @param seed the instance's address: the same seed gives the same value
   */
  static Optional<Object> value(
      Kind kind, String type, String attribute, String schemaType, String seed) {
    return value(kind, type, attribute, schemaType, seed, 2);
  }

  /**
   * How many ids, ARNs or CIDR blocks a looked-up list answers once the configuration indexed past
   * the first two: as many as a region has zones.
   */
  static final int LONG_LIST = 6;

  /** The same, a looked-up list of ids, ARNs or CIDR blocks having {@code listLength} items. */
  static Optional<Object> value(
      Kind kind, String type, String attribute, String schemaType, String seed, int listLength) {
    Optional<String> text =
        kind == Kind.RESOURCE
            ? resourceString(type, attribute, seed)
            : dataString(type, attribute, seed);
    if (kind == Kind.RESOURCE
        && type.equals("aws_elasticache_cluster")
        && attribute.equals("cache_nodes")) {
      return Optional.of(
          List.of(
              Map.of(
                  "address",
                  hostname(type, seed + "/node"),
                  "availability_zone",
                  ZONES.get(0),
                  "id",
                  "0001",
                  "outpost_arn",
                  "",
                  "port",
                  6379)));
    }
    if (schemaType.equals("string")) {
      return text.map(v -> (Object) v);
    }
    if (kind == Kind.DATA
        && (schemaType.equals("list(string)") || schemaType.equals("set(string)"))) {
      return dataList(type, attribute, seed, listLength);
    }
    if (kind == Kind.DATA && schemaType.equals("number") && attribute.endsWith("port")) {
      return Optional.of(type.contains("elasticache") ? 6379 : 443);
    }
    return Optional.empty();
  }

  private static Optional<String> resourceString(String type, String attribute, String seed) {
    return switch (attribute) {
      case "id" -> id(type, seed);
      case "arn" -> Optional.of(arn(type, seed));
      case "arn_suffix" -> Optional.of("app/" + name(seed) + "/" + hex(seed, 16));
      case "dns_name" -> Optional.of(hostname(type, seed));
      case "owner_id" -> Optional.of(ACCOUNT);
      case "ipv6_cidr_block" -> Optional.of(ipv6Cidr(seed));
      case "primary_endpoint_address",
          "reader_endpoint_address",
          "configuration_endpoint_address",
          "endpoint",
          "address" ->
          Optional.of(hostname(type, seed + "/" + attribute));
      case "repository_url" ->
          Optional.of(ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/" + name(seed));
      default -> Optional.empty();
    };
  }

  private static Optional<String> dataString(String type, String attribute, String seed) {
    return accountString(type, attribute, seed).or(() -> addressString(type, attribute, seed));
  }

  /** Ids, ARNs, the account, partition, region and zone of a looked-up object. */
  private static Optional<String> accountString(String type, String attribute, String seed) {
    if (attribute.equals("id") || attribute.equals("arn")) {
      return resourceString(type, attribute, seed);
    }
    if (attribute.equals("owner_id") || attribute.equals("account_id")) {
      return Optional.of(ACCOUNT);
    }
    if (attribute.equals("partition")) {
      return Optional.of("aws");
    }
    if (attribute.equals("dns_suffix")) {
      return Optional.of("amazonaws.com");
    }
    if (attribute.equals("region") || attribute.equals("name") && type.equals("aws_region")) {
      return Optional.of(REGION);
    }
    if (attribute.equals("availability_zone")) {
      return Optional.of(ZONES.get(0));
    }
    if (attribute.equals("availability_zone_id")) {
      return Optional.of("use1-az1");
    }
    return Optional.empty();
  }

  /** Policies, CIDR blocks, ARNs, addresses and endpoints of a looked-up object. */
  private static Optional<String> addressString(String type, String attribute, String seed) {
    if (attribute.equals("json")
        || attribute.equals("minified_json")
        || attribute.equals("policy")) {
      return Optional.of("{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    }
    if (attribute.endsWith("ipv6_cidr_block")) {
      return Optional.of(ipv6Cidr(seed + "/" + attribute));
    }
    if (attribute.endsWith("cidr_block")) {
      return Optional.of(ipv4Cidr(seed + "/" + attribute));
    }
    if (attribute.endsWith("_arn")) {
      return Optional.of(arn(type, seed + "/" + attribute));
    }
    if (ID_ATTRIBUTE_PREFIX.containsKey(attribute)) {
      return Optional.of(
          ID_ATTRIBUTE_PREFIX.get(attribute) + "-" + hex(seed + "/" + attribute, 17));
    }
    if (attribute.equals("private_ip") || attribute.endsWith("private_ip_address")) {
      return Optional.of(ipv4(seed + "/" + attribute, true));
    }
    if (attribute.equals("public_ip") || attribute.endsWith("public_ip_address")) {
      return Optional.of(ipv4(seed + "/" + attribute, false));
    }
    if (attribute.equals("dns_name")
        || attribute.endsWith("endpoint")
        || attribute.endsWith("endpoint_address")
        || attribute.equals("address")) {
      return Optional.of(hostname(type, seed + "/" + attribute));
    }
    return Optional.empty();
  }

  private static Optional<Object> dataList(String type, String attribute, String seed, int length) {
    if (attribute.equals("ids") && ID_PREFIX.containsKey(type)) {
      String prefix = ID_PREFIX.get(type);
      return Optional.of(
          java.util.stream.IntStream.range(0, length)
              .mapToObj(i -> prefix + "-" + hex(seed + "/" + i, 17))
              .toList());
    }
    if (attribute.equals("arns")) {
      return Optional.of(
          java.util.stream.IntStream.range(0, length)
              .mapToObj(i -> arn(type, seed + "/" + i))
              .toList());
    }
    if (attribute.equals("cidr_blocks")) {
      return Optional.of(
          java.util.stream.IntStream.range(0, length == 2 ? 1 : length)
              .mapToObj(i -> ipv4Cidr(seed + "/" + attribute + (i == 0 ? "" : "/" + i)))
              .toList());
    }
    if (attribute.equals("names") && type.equals("aws_availability_zones")) {
      return Optional.of(ZONES);
    }
    if (attribute.equals("zone_ids") && type.equals("aws_availability_zones")) {
      return Optional.of(ZONE_IDS);
    }
    return Optional.empty();
  }

  /**
   * A value for a required variable that has no default, chosen by its name as a person would fill
   * it in: {@code *subnets*} two subnet ids, {@code vpc_id} a VPC id, {@code *_arn} an ARN, {@code
   * *cidr*} a block, {@code *cpu}/{@code *memory}/{@code *port}/{@code *count} a number, {@code
   * enable_*} {@code true}, anything else a short lower-case name. What the variable means is
   * decided outside the configuration; rules treat such values like looked-up ones.
   */
  static Object variable(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    String seed = "var." + name;
    return networkVariable(n, seed)
        .or(() -> awsVariable(n, seed))
        .or(() -> sizeVariable(n))
        .or(() -> flagOrSecretVariable(n, seed))
        .orElseGet(() -> "mocked" + hex(seed, 4));
  }

  /** Subnets, security groups, zones and CIDR blocks, by the variable's lower-cased name. */
  private static Optional<Object> networkVariable(String n, String seed) {
    if (n.contains("subnet") && (n.endsWith("s") || n.endsWith("ids"))) {
      return Optional.of(
          List.of("subnet-" + hex(seed + "/0", 17), "subnet-" + hex(seed + "/1", 17)));
    }
    if (n.contains("security_group") && n.endsWith("s")) {
      return Optional.of(List.of("sg-" + hex(seed, 17)));
    }
    if (n.endsWith("azs") || n.contains("availability_zones") || n.endsWith("zones")) {
      return Optional.of(VARIABLE_ZONES);
    }
    if (n.contains("cidr") && n.endsWith("s")) {
      return Optional.of(List.of(ipv4Cidr(seed)));
    }
    if (n.contains("cidr")) {
      return Optional.of(ipv4Cidr(seed));
    }
    return Optional.empty();
  }

  /** ARNs, ids, AMIs, the region, instance and node types, versions, engines and images. */
  private static Optional<Object> awsVariable(String n, String seed) {
    if (n.endsWith("arn")) {
      String type =
          n.contains("cert")
              ? "aws_acm_certificate"
              : n.contains("secret")
                  ? "aws_secretsmanager_secret"
                  : n.contains("role") ? "aws_iam_role" : "aws_" + n.replace("_arn", "");
      return Optional.of(arn(type, seed));
    }
    if (ID_ATTRIBUTE_PREFIX.containsKey(n)) {
      return Optional.of(ID_ATTRIBUTE_PREFIX.get(n) + "-" + hex(seed, 17));
    }
    if (n.contains("ami")) {
      return Optional.of("ami-" + hex(seed, 17));
    }
    if (n.equals("region") || n.endsWith("_region")) {
      return Optional.of(REGION);
    }
    if (n.contains("instance_type") || n.contains("node_type")) {
      return Optional.of(
          n.contains("cache") || n.contains("node") ? "cache.t4g.micro" : "t3.micro");
    }
    if (n.contains("version")) {
      return Optional.of("7.1");
    }
    if (n.endsWith("engine")) {
      return Optional.of("redis");
    }
    if (n.contains("image")) {
      return Optional.of(ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/mocked:1");
    }
    return Optional.empty();
  }

  /** Numbers: CPU, memory, ports, days, counts and sizes. */
  private static Optional<Object> sizeVariable(String n) {
    if (n.contains("cpu")) {
      return Optional.of(256);
    }
    if (n.contains("memory")) {
      return Optional.of(512);
    }
    if (n.contains("port")) {
      return Optional.of(80);
    }
    if (n.contains("days")) {
      return Optional.of(7);
    }
    if (n.contains("count") || n.contains("number") || n.endsWith("size")) {
      return Optional.of(2);
    }
    return Optional.empty();
  }

  /** Switches ({@code enable_*}, {@code create_*}, {@code is_*}…), keys, addresses and secrets. */
  private static Optional<Object> flagOrSecretVariable(String n, String seed) {
    if (n.startsWith("enable")
        || n.endsWith("enabled")
        || n.startsWith("create")
        || n.startsWith("deploy")
        || n.contains("_deploy_")
        || n.startsWith("is_")
        || n.startsWith("use_")) {
      return Optional.of(true);
    }
    if (n.contains("public_key")) {
      return Optional.of(
          "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockedMockedMockedMockedMockedMockedMocked mocked");
    }
    if (n.equals("ip") || n.startsWith("ip_") || n.endsWith("_ip") || n.contains("_ip_")) {
      return Optional.of("203.0.113.10/32");
    }
    if (n.contains("password") || n.contains("token") || n.contains("secret")) {
      return Optional.of("mocked-" + hex(seed, 24));
    }
    return Optional.empty();
  }

  /**
   * A value of the type Terraform asked for ({@code a number}, {@code bool}, {@code list of
   * string}…, the words of its "Invalid value for input variable" error), for a variable whose
   * made-up value its declared type refused.
   */
  static Object ofType(String wanted, String name) {
    if (wanted.contains("number")) {
      return 2;
    }
    if (wanted.contains("bool")) {
      return true;
    }
    if (wanted.contains("list") || wanted.contains("set") || wanted.contains("tuple")) {
      Object one = variable(name);
      return one instanceof List<?> ? one : List.of(String.valueOf(one));
    }
    if (wanted.contains("map") || wanted.contains("object")) {
      return Map.of();
    }
    return String.valueOf(variable(name));
  }

  /** The id of {@code type}: its ARN, an EC2-style id, or empty (Terraform's mock stays). */
  static Optional<String> id(String type, String seed) {
    if (ID_IS_ARN.contains(type)) {
      return Optional.of(arn(type, seed));
    }
    if (ID_PREFIX.containsKey(type)) {
      return Optional.of(ID_PREFIX.get(type) + "-" + hex(seed, 17));
    }
    if (type.equals("aws_kms_key")) {
      return Optional.of(uuid(seed));
    }
    if (type.equals("aws_route53_zone")) {
      return Optional.of("Z" + hex(seed, 20).toUpperCase());
    }
    return Optional.empty();
  }

  /**
   * The ARN of an instance of {@code type}: its service's shape where the table has it, else {@code
   * arn:aws:<service>:us-east-1:<account>:<rest of the type>/<name>}, the service read from the
   * type ({@code aws_foo_bar} → {@code foo}). S3 buckets and Route 53 have no region or account in
   * their ARNs.
   */
  static String arn(String type, String seed) {
    if (type.equals("aws_s3_bucket")) {
      return "arn:aws:s3:::" + name(seed);
    }
    if (type.equals("aws_route53_zone")) {
      return "arn:aws:route53:::hostedzone/" + id(type, seed).orElseThrow();
    }
    String[] shape = ARN_SHAPE.get(type);
    String service;
    String path;
    if (shape != null) {
      service = shape[0];
      path = shape[1];
    } else {
      String rest = type.startsWith("aws_") ? type.substring(4) : type;
      int underscore = rest.indexOf('_');
      service = underscore < 0 ? rest : rest.substring(0, underscore);
      path = (underscore < 0 ? rest : rest.substring(underscore + 1)).replace('_', '-') + "/%s";
    }
    String resource =
        path.replace("%s", name(seed))
            .replace("%u", uuid(seed))
            .replaceFirst("%h", hex(seed + "#1", 16))
            .replaceFirst("%h", hex(seed + "#2", 16))
            .replaceFirst("%h", hex(seed + "#3", 16));
    String region = service.equals("iam") ? "" : REGION;
    return "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + resource;
  }

  /**
   * A name for the instance: its address's resource name and key, in the characters every AWS name
   * allows, with a hash so that two instances never share it.
   */
  static String name(String seed) {
    String last = seed.substring(seed.lastIndexOf('.') + 1);
    String plain = last.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    String head = plain.length() > 20 ? plain.substring(0, 20) : plain;
    return (head.isEmpty() ? "mocked" : head) + "-" + hex(seed, 6);
  }

  private static String hostname(String type, String seed) {
    String service = type.contains("elasticache") ? "cache" : type.contains("lb") ? "elb" : "aws";
    return name(seed).toLowerCase() + "." + REGION + "." + service + ".amazonaws.com";
  }

  /** A /16 inside 10.0.0.0/8: what a looked-up VPC's block usually is. */
  static String ipv4Cidr(String seed) {
    int second = Integer.parseInt(hex(seed, 2), 16);
    return "10." + second + ".0.0/16";
  }

  static String ipv6Cidr(String seed) {
    return "2600:1f18:" + hex(seed, 4) + ":" + hex(seed + "#", 2) + "00::/56";
  }

  /** A private address in 10.0.0.0/8, or a public one in 203.0.113.0/24 (TEST-NET-3). */
  static String ipv4(String seed, boolean privateRange) {
    String hex = hex(seed, 6);
    int a = Integer.parseInt(hex.substring(0, 2), 16);
    int b = Integer.parseInt(hex.substring(2, 4), 16);
    int c = 1 + Integer.parseInt(hex.substring(4, 6), 16) % 254;
    return privateRange ? "10." + a + "." + b + "." + c : "203.0.113." + c;
  }

  private static String uuid(String seed) {
    String h = hex(seed, 32);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20, 32);
  }

  /** {@code length} lower-case hex digits of SHA-256({@code seed}). */
  static String hex(String seed, int length) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
