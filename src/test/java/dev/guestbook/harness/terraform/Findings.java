package dev.guestbook.harness.terraform;

import dev.guestbook.harness.terraform.Routing.Placement;
import dev.guestbook.harness.terraform.TerraformReading.Resource;
import dev.guestbook.harness.verdict.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The findings of one rule over one reading, collected as the rule goes. */
final class Findings {

  private final TerraformReading reading;
  private final List<Finding> out = new ArrayList<>();

  Findings(TerraformReading reading) {
    this.reading = reading;
  }

  List<Finding> list() {
    return List.copyOf(out);
  }

  void add(Finding finding) {
    out.add(finding);
  }

  /** A finding on {@code resource}'s {@code attribute} unless {@code ok}. */
  void expect(Resource resource, String attribute, boolean ok, Object expected, Object actual) {
    if (!ok) {
      out.add(
          Finding.inTerraform(
              resource.declared().toString(),
              resource.address(),
              attribute,
              String.valueOf(expected),
              actual == null ? "unset" : String.valueOf(actual)));
    }
  }

  /** A finding on the configuration as a whole (nothing of the kind is declared). */
  void missing(String what, String attribute, String expected, String actual) {
    out.add(Finding.inTerraform(reading.dir().toString(), what, attribute, expected, actual));
  }

  /** A finding unless the subnet is private; not judgeable when it was looked up. */
  void privateSubnet(Resource resource, String attribute, Placement placement, String expected) {
    switch (placement.verdict()) {
      case PRIVATE -> {}
      case LOOKED_UP ->
          out.add(
              Finding.notJudgeableOffline(
                  resource.declared().toString(),
                  resource.address(),
                  attribute,
                  expected,
                  placement.why()));
      case PUBLIC, NOT_DECLARED -> expect(resource, attribute, false, expected, placement.why());
    }
  }

  /** The instances of {@code type}, and a finding when there are none. */
  List<Resource> requireSome(String type) {
    List<Resource> found = reading.resources(type);
    if (found.isEmpty()) {
      missing(type, "", "a " + type + " resource", "none");
    }
    return found;
  }

  /** Security group ids as the reader knows them. */
  List<String> groupNames(Collection<String> ids) {
    return ids.stream().map(id -> reading.name(id, Ingress.GROUP)).toList();
  }
}
