package dev.guestbook.harness.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guestbook.harness.terraform.MockValues.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table of made-up values: a value per kind, shaped as AWS shapes it, distinct per seed. */
class MockValuesTest {

  private static Object resource(String type, String attribute, String schemaType, String seed) {
    return MockValues.value(Kind.RESOURCE, type, attribute, schemaType, seed).orElse(null);
  }

  private static Object data(String type, String attribute, String schemaType, String seed) {
    return MockValues.value(Kind.DATA, type, attribute, schemaType, seed).orElse(null);
  }

  @Test
  void theIdOfATypeWhoseIdIsAnArnIsAnArnOfItsService() {
    assertThat((String) resource("aws_lb", "id", "string", "aws_alb.main"))
        .matches(
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/main-[0-9a-f]{6}/[0-9a-f]{16}")
        .isEqualTo(resource("aws_lb", "arn", "string", "aws_alb.main"));
    assertThat((String) resource("aws_lb_target_group", "id", "string", "aws_alb_target_group.app"))
        .startsWith("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app-");
    assertThat((String) resource("aws_lb_listener", "id", "string", "aws_lb_listener.http"))
        .matches(
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/http-[0-9a-f]{6}/[0-9a-f]{16}/[0-9a-f]{16}");
    assertThat((String) resource("aws_iam_policy", "id", "string", "aws_iam_policy.p"))
        .startsWith("arn:aws:iam::123456789012:policy/p-");
  }

  @Test
  void ec2IdsHaveTheirPrefixAndAreDistinctPerInstance() {
    assertThat((String) resource("aws_security_group", "id", "string", "aws_security_group.a[0]"))
        .matches("sg-[0-9a-f]{17}")
        .isNotEqualTo(resource("aws_security_group", "id", "string", "aws_security_group.a[1]"));
    assertThat((String) resource("aws_subnet", "id", "string", "aws_subnet.p[\"us-east-1a\"]"))
        .matches("subnet-[0-9a-f]{17}");
    assertThat((String) resource("aws_vpc", "id", "string", "aws_vpc.main"))
        .matches("vpc-[0-9a-f]{17}");
    assertThat((String) resource("aws_nat_gateway", "id", "string", "x")).startsWith("nat-");
    assertThat((String) data("aws_ami", "id", "string", "data.aws_ami.nat")).startsWith("ami-");
  }

  @Test
  void theSameSeedGivesTheSameValueEveryTime() {
    assertThat(resource("aws_vpc", "id", "string", "aws_vpc.main"))
        .isEqualTo(resource("aws_vpc", "id", "string", "aws_vpc.main"));
  }

  @Test
  void dataSourcesGetCidrsAddressesAccountsAndIdLists() {
    assertThat((String) data("aws_vpc", "cidr_block", "string", "data.aws_vpc.sel"))
        .matches("10\\.\\d{1,3}\\.0\\.0/16");
    assertThat((String) data("aws_vpc", "ipv6_cidr_block", "string", "data.aws_vpc.sel"))
        .matches("2600:1f18:[0-9a-f]{4}:[0-9a-f]{2}00::/56");
    assertThat(data("aws_vpc", "owner_id", "string", "d")).isEqualTo("123456789012");
    assertThat((String) data("aws_vpc", "main_route_table_id", "string", "d")).startsWith("rtb-");
    assertThat((List<?>) data("aws_subnets", "ids", "list(string)", "data.aws_subnets.private"))
        .hasSize(2)
        .allSatisfy(id -> assertThat((String) id).matches("subnet-[0-9a-f]{17}"));
    assertThat((String) data("aws_instance", "private_ip", "string", "d"))
        .matches("10\\.\\d+\\.\\d+\\.\\d+");
    assertThat((String) data("aws_instance", "public_ip", "string", "d")).startsWith("203.0.113.");
    assertThat((String) data("aws_lb", "dns_name", "string", "data.aws_lb.x"))
        .endsWith(".us-east-1.elb.amazonaws.com");
    assertThat(data("aws_partition", "partition", "string", "d")).isEqualTo("aws");
    assertThat(data("aws_availability_zones", "names", "list(string)", "d"))
        .isEqualTo(
            List.of(
                "us-east-1a",
                "us-east-1b",
                "us-east-1c",
                "us-east-1d",
                "us-east-1e",
                "us-east-1f"));
  }

  @Test
  void aResourceGetsOnlyItsIdentityNeverARelation() {
    assertThat(resource("aws_security_group_rule", "source_security_group_id", "string", "r"))
        .as("a relation left to AWS stays Terraform's mock, read as unset")
        .isNull();
    assertThat(resource("aws_subnet", "vpc_id", "string", "s")).isNull();
    assertThat(resource("aws_subnet", "ipv6_cidr_block", "string", "s")).isNotNull();
  }

  @Test
  void theElastiCacheClusterGetsANodeOfItsOwn() {
    Object nodes = resource("aws_elasticache_cluster", "cache_nodes", "list(object)", "c.a");
    assertThat(nodes)
        .asList()
        .singleElement()
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("port", 6379)
        .containsKey("address");
    assertThat(nodes)
        .isNotEqualTo(resource("aws_elasticache_cluster", "cache_nodes", "list(object)", "c.b"));
  }

  @Test
  void anUnknownTypeFallsBackToADocumentedDefault() {
    assertThat((String) resource("aws_widget_thing", "arn", "string", "aws_widget_thing.w"))
        .as("service from the type's first word, path from the rest")
        .startsWith("arn:aws:widget:us-east-1:123456789012:thing/w-");
    assertThat(resource("aws_widget_thing", "id", "string", "w"))
        .as("an id the table does not know keeps Terraform's mock")
        .isNull();
    assertThat(resource("aws_vpc", "id", "number", "w")).as("only in the schema's type").isNull();
  }

  @Test
  void requiredVariablesGetValuesByTheirName() {
    assertThat((List<?>) MockValues.variable("private_subnets")).hasSize(2);
    assertThat((String) MockValues.variable("vpc_id")).startsWith("vpc-");
    assertThat((String) MockValues.variable("certificate_arn")).startsWith("arn:aws:acm:");
    assertThat(MockValues.variable("ecs_task_cpu")).isEqualTo(256);
    assertThat(MockValues.variable("enable_logs")).isEqualTo(true);
    assertThat((String) MockValues.variable("ip_admin")).isEqualTo("203.0.113.10/32");
    assertThat((String) MockValues.variable("workload")).matches("mocked[0-9a-f]{4}");
  }

  @Test
  void hclLiteralsEscapeTemplatesAndQuotes() throws Exception {
    assertThat(Hcl.literal(Map.of("a", List.of("x\"y", "${z}", 1, true))))
        .isEqualTo("{ \"a\" = [\"x\\\"y\", \"$${z}\", 1, true] }");
    assertThat(Hcl.literal("100%{x}\n")).isEqualTo("\"100%%{x}\\n\"");
  }

  @Test
  void theSchemaNamesTypesAsTheTableExpects() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertThat(ProviderSchema.typeName(json.readTree("\"string\""))).isEqualTo("string");
    assertThat(ProviderSchema.typeName(json.readTree("[\"list\",\"string\"]")))
        .isEqualTo("list(string)");
    assertThat(ProviderSchema.typeName(json.readTree("[\"list\",[\"object\",{}]]")))
        .isEqualTo("list(object)");
    ProviderSchema schema =
        ProviderSchema.parse(
            "{\"provider_schemas\":{\"registry.terraform.io/hashicorp/aws\":{\"data_source_schemas\":"
                + "{\"aws_vpc\":{\"block\":{\"attributes\":{\"cidr_block\":{\"type\":\"string\",\"computed\":true},"
                + "\"filter_only\":{\"type\":\"string\",\"optional\":true}}}}}}}}");
    assertThat(schema.data("aws_vpc")).containsOnlyKeys("cidr_block");
    assertThat(ProviderSchema.fromJson(schema.toJson()).data("aws_vpc"))
        .isEqualTo(schema.data("aws_vpc"));
  }
}
