package dev.guestbook.harness.verdict;

/**
 * One broken promise, in the one shape every check reports: where it was seen, what was looked at,
 * what the spec expects and what was there. Page and fleet verdicts, the AWS tag check, the
 * Terraform rules and the rollout judge all answer findings, so reports print them alike: {@code
 * where: what: expected E, saw A}.
 *
 * @param where the place: a URL, a task, a resource address with its file, a service
 * @param what the thing looked at there (a status, a header, an attribute); may be empty
 * @param expected what the spec wants
 * @param actual what was there
 */
public record Finding(String where, String what, String expected, String actual) {

  /**
   * A finding in a Terraform configuration: {@code file:line: address: attribute}, the place being
   * where the resource is declared (or the configuration's directory).
   */
  public static Finding inTerraform(
      String place, String address, String attribute, String expected, String actual) {
    return new Finding(place + ": " + address, attribute, expected, actual);
  }

  @Override
  public String toString() {
    return where
        + ": "
        + (what.isEmpty() ? "" : what + ": ")
        + "expected "
        + expected
        + ", saw "
        + actual;
  }
}
