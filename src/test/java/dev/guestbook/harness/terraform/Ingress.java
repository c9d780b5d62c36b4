package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.Values.list;
import static dev.guestbook.harness.terraform.Values.number;
import static dev.guestbook.harness.terraform.Values.strings;

import dev.guestbook.harness.terraform.TerraformReading.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One way into a security group, from any of the three ways Terraform can write it: an {@code
 * aws_vpc_security_group_ingress_rule}, an {@code aws_security_group_rule} of type ingress, or an
 * inline {@code ingress} block.
 *
 * @param rule the resource that declares it
 * @param attribute {@code ingress} for an inline block, else empty
 * @param target the id of the group it opens
 * @param openTo CIDR blocks and prefix lists it admits
 * @param sourceGroups ids of the groups it admits
 * @param protocol {@code tcp}, {@code udp}, … or {@code all}
 * @param from first port (0 for all traffic)
 * @param to last port (65535 for all traffic)
 */
record Ingress(
    Resource rule,
    String attribute,
    String target,
    Set<String> openTo,
    Set<String> sourceGroups,
    String protocol,
    int from,
    int to) {

  static final Set<String> GROUP = Set.of("aws_security_group", "aws_default_security_group");

  String ports() {
    return (from == to ? Integer.toString(from) : from + "-" + to)
        + (protocol.equals("all") ? " (all protocols)" : "/" + protocol);
  }

  /** Exactly {@code port}/tcp. */
  boolean onlyTcp(int port) {
    return protocol.equals("tcp") && from == port && to == port;
  }

  String describeSource(TerraformReading reading) {
    List<String> parts = new ArrayList<>(openTo);
    sourceGroups.forEach(g -> parts.add(reading.name(g, GROUP)));
    return parts.isEmpty() ? "no source" : String.join(", ", parts);
  }

  /** Where the rule is declared, for a finding. */
  String place() {
    return rule.declared().toString();
  }

  static List<Ingress> all(TerraformReading reading) {
    List<Ingress> all = new ArrayList<>();
    all.addAll(fromVpcRules(reading));
    all.addAll(fromSecurityGroupRules(reading));
    all.addAll(fromInlineBlocks(reading));
    return all;
  }

  /** {@code aws_vpc_security_group_ingress_rule}: one source per rule. */
  private static List<Ingress> fromVpcRules(TerraformReading reading) {
    List<Ingress> all = new ArrayList<>();
    for (Resource rule : reading.resources("aws_vpc_security_group_ingress_rule")) {
      Map<String, Object> v = rule.values();
      all.add(
          of(
              rule,
              "",
              v.get("security_group_id"),
              set(v.get("cidr_ipv4"), v.get("cidr_ipv6"), v.get("prefix_list_id")),
              set(v.get("referenced_security_group_id")),
              v.get("ip_protocol"),
              v.get("from_port"),
              v.get("to_port")));
    }
    return all;
  }

  /** {@code aws_security_group_rule} of type ingress. */
  private static List<Ingress> fromSecurityGroupRules(TerraformReading reading) {
    List<Ingress> all = new ArrayList<>();
    for (Resource rule : reading.resources("aws_security_group_rule")) {
      Map<String, Object> v = rule.values();
      if ("ingress".equals(v.get("type"))) {
        all.add(
            of(
                rule,
                "",
                v.get("security_group_id"),
                set(v.get("cidr_blocks"), v.get("ipv6_cidr_blocks"), v.get("prefix_list_ids")),
                sources(
                    v.get("source_security_group_id"), v.get("self"), v.get("security_group_id")),
                v.get("protocol"),
                v.get("from_port"),
                v.get("to_port")));
      }
    }
    return all;
  }

  /** The {@code ingress} blocks inline in {@code aws_security_group}/{@code _default_}. */
  private static List<Ingress> fromInlineBlocks(TerraformReading reading) {
    List<Ingress> all = new ArrayList<>();
    List<Resource> groups = new ArrayList<>(reading.resources("aws_security_group"));
    groups.addAll(reading.resources("aws_default_security_group"));
    for (Resource group : groups) {
      for (Object inline : list(group.at("ingress"))) {
        all.add(
            of(
                group,
                "ingress",
                group.values().get("id"),
                set(
                    TerraformReading.at(inline, "cidr_blocks"),
                    TerraformReading.at(inline, "ipv6_cidr_blocks"),
                    TerraformReading.at(inline, "prefix_list_ids")),
                sources(
                    TerraformReading.at(inline, "security_groups"),
                    TerraformReading.at(inline, "self"),
                    group.values().get("id")),
                TerraformReading.at(inline, "protocol"),
                TerraformReading.at(inline, "from_port"),
                TerraformReading.at(inline, "to_port")));
      }
    }
    return all;
  }

  /** The groups a rule admits: those it names, and its own group when {@code self} is set. */
  private static Set<String> sources(Object refs, Object self, Object groupId) {
    Set<String> sources = set(refs);
    if (Boolean.TRUE.equals(self)) {
      sources.add(String.valueOf(groupId));
    }
    return sources;
  }

  private static Ingress of(
      Resource rule,
      String attribute,
      Object target,
      Set<String> openTo,
      Set<String> sources,
      Object protocol,
      Object from,
      Object to) {
    String name = protocolName(protocol);
    boolean everything = name.equals("all");
    return new Ingress(
        rule,
        attribute,
        String.valueOf(target),
        openTo,
        sources,
        name,
        everything ? 0 : number(from).map(Double::intValue).orElse(0),
        everything ? 65535 : number(to).map(Double::intValue).orElse(65535));
  }

  /** {@code -1}/{@code all} → {@code all}; {@code 6} → {@code tcp}, {@code 17} → {@code udp}. */
  static String protocolName(Object protocol) {
    String text = String.valueOf(protocol).toLowerCase(Locale.ROOT);
    return switch (text) {
      case "-1", "all", "null" -> "all";
      case "6" -> "tcp";
      case "17" -> "udp";
      case "1" -> "icmp";
      default -> text;
    };
  }

  private static Set<String> set(Object... values) {
    Set<String> out = new LinkedHashSet<>();
    for (Object value : values) {
      strings(value).stream().filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }
}
