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
 * @param judgeable false when the promise cannot be judged here: {@code actual} then says why (a
 *     subnet looked up in the account, say, when judging offline) — neither a pass nor a failure
 */
public record Finding(
    String where, String what, String expected, String actual, boolean judgeable) {

  public Finding(String where, String what, String expected, String actual) {
    this(where, what, expected, actual, true);
  }

  /**
   * A promise about a value the configuration did not decide: {@code why} names where the value
   * comes from (a data source, a variable without a default).
   */
  public static Finding notJudgeableOffline(
      String place, String address, String attribute, String expected, String why) {
    return new Finding(place + ": " + address, attribute, expected, why, false);
  }

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
    if (!judgeable) {
      return where
          + ": "
          + (what.isEmpty() ? "" : what + ": ")
          + "cannot be judged offline: "
          + expected
          + " depends on "
          + actual;
    }
    return where
        + ": "
        + (what.isEmpty() ? "" : what + ": ")
        + "expected "
        + expected
        + ", saw "
        + actual;
  }
}
