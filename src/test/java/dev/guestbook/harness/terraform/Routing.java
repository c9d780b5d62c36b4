package dev.guestbook.harness.terraform;

import static dev.guestbook.harness.terraform.Values.list;

import dev.guestbook.harness.terraform.TerraformReading.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a subnet is private, from the configuration's route tables: a subnet is public when it
 * gives instances public IPs or when its route table (its association, else the VPC's main table)
 * routes anywhere to an internet gateway of the configuration.
 */
final class Routing {

  static final Set<String> SUBNET = Set.of("aws_subnet", "aws_default_subnet");
  private static final Set<String> TABLE = Set.of("aws_route_table", "aws_default_route_table");

  /** What the reading can say of a subnet. */
  enum Verdict {
    PRIVATE,
    PUBLIC,
    NOT_DECLARED,
    LOOKED_UP
  }

  /**
   * @param verdict what the subnet is
   * @param why the reason for anything but {@link Verdict#PRIVATE}, naming the subnet
   */
  record Placement(Verdict verdict, String why) {}

  private Routing() {}

  static Placement place(TerraformReading reading, String subnetId) {
    Optional<Resource> found = reading.byId(subnetId, SUBNET);
    if (found.isEmpty()) {
      return reading
          .lookedUp(subnetId)
          .map(
              source ->
                  new Placement(
                      Verdict.LOOKED_UP,
                      "subnet \""
                          + subnetId
                          + "\" from "
                          + source
                          + ", whose routes only the account knows"))
          .orElse(
              new Placement(
                  Verdict.NOT_DECLARED,
                  "subnet \"" + subnetId + "\", not one this configuration declares"));
    }
    Resource subnet = found.get();
    if (Boolean.TRUE.equals(subnet.at("map_public_ip_on_launch"))) {
      return new Placement(Verdict.PUBLIC, subnet.address() + " (map_public_ip_on_launch = true)");
    }
    Optional<Route> route = toTheInternet(reading, subnet).stream().findFirst();
    if (route.isPresent()) {
      return new Placement(
          Verdict.PUBLIC,
          subnet.address()
              + " (routes "
              + route.get().destination()
              + " to "
              + reading.name(route.get().gateway().get(), Set.of("aws_internet_gateway"))
              + " through "
              + reading.name(route.get().table(), TABLE)
              + ")");
    }
    return new Placement(Verdict.PRIVATE, "");
  }

  /**
   * Whether the subnet's route table sends {@code 0.0.0.0/0} to an internet gateway of the
   * configuration (what makes an internet-facing load balancer in it reachable): {@link
   * Verdict#PUBLIC} naming the route, {@link Verdict#PRIVATE} naming the subnet when it has none,
   * or why the reading cannot tell.
   */
  static Placement defaultRouteToTheInternet(TerraformReading reading, String subnetId) {
    Optional<Resource> found = reading.byId(subnetId, SUBNET);
    if (found.isEmpty()) {
      return place(reading, subnetId);
    }
    Resource subnet = found.get();
    if (toTheInternet(reading, subnet).stream()
        .anyMatch(r -> "0.0.0.0/0".equals(r.destination()))) {
      return new Placement(Verdict.PUBLIC, subnet.address());
    }
    Optional<String> table = routeTable(reading, subnet);
    return new Placement(
        Verdict.PRIVATE,
        subnet.address()
            + (table.isEmpty()
                ? " (no route table)"
                : " (its route table "
                    + reading.name(table.get(), TABLE)
                    + " has no 0.0.0.0/0 to an internet gateway)"));
  }

  /**
   * The routes of the subnet's route table that lead to an internet gateway of the configuration.
   */
  private static List<Route> toTheInternet(TerraformReading reading, Resource subnet) {
    Optional<String> table = routeTable(reading, subnet);
    Set<Object> gateways =
        reading.resources("aws_internet_gateway").stream()
            .map(g -> g.values().get("id"))
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    return routes(reading).stream()
        .filter(r -> table.isPresent() && table.get().equals(r.table()))
        .filter(r -> r.gateway().filter(gateways::contains).isPresent())
        .toList();
  }

  /** The route table of a subnet: its association, else the VPC's main route table. */
  private static Optional<String> routeTable(TerraformReading reading, Resource subnet) {
    Object id = subnet.values().get("id");
    for (Resource association : reading.resources("aws_route_table_association")) {
      if (Objects.equals(id, association.values().get("subnet_id"))) {
        return Optional.ofNullable(association.values().get("route_table_id")).map(String::valueOf);
      }
    }
    Object vpc = subnet.values().get("vpc_id");
    for (Resource main : reading.resources("aws_main_route_table_association")) {
      if (Objects.equals(vpc, main.values().get("vpc_id"))) {
        return Optional.ofNullable(main.values().get("route_table_id")).map(String::valueOf);
      }
    }
    for (Resource main : reading.resources("aws_default_route_table")) {
      if (Objects.equals(vpc, main.values().get("vpc_id"))) {
        return Optional.ofNullable(main.values().get("id")).map(String::valueOf);
      }
    }
    // no association at all: the VPC's own main route table, which an aws_route may fill
    return reading
        .byId(vpc, Set.of("aws_vpc", "aws_default_vpc"))
        .map(v -> v.values().get("main_route_table_id"))
        .map(String::valueOf);
  }

  record Route(String table, String destination, Optional<Object> gateway) {}

  private static List<Route> routes(TerraformReading reading) {
    List<Route> out = new ArrayList<>();
    for (String type : TABLE) {
      for (Resource table : reading.resources(type)) {
        for (Object inline : list(table.at("route"))) {
          out.add(route(String.valueOf(table.values().get("id")), inline));
        }
      }
    }
    for (Resource route : reading.resources("aws_route")) {
      out.add(route(String.valueOf(route.values().get("route_table_id")), route.values()));
    }
    return out;
  }

  private static Route route(String table, Object route) {
    Object destination = null;
    for (String attribute :
        List.of(
            "destination_cidr_block",
            "cidr_block",
            "ipv6_cidr_block",
            "destination_ipv6_cidr_block")) {
      if (destination == null) {
        destination = TerraformReading.at(route, attribute);
      }
    }
    return new Route(
        table,
        String.valueOf(destination),
        Optional.ofNullable(TerraformReading.at(route, "gateway_id")));
  }
}
