package dev.guestbook.harness.sabotage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import dev.guestbook.harness.client.HeadlessChromium;
import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.Sabotage;
import dev.guestbook.harness.report.ReportTitles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Proves the specs fail when the stack is broken: runs the real feature files against a
 * deliberately sabotaged stack and expects the named scenario to go red with a message that names
 * the cause. Each case runs the whole Cucumber suite in this JVM, with {@code bdi.sabotage} set for
 * that run only (this JVM runs nothing else, see the pom's failsafe executions).
 */
class SabotageIT {

  /**
   * target | which scenarios run ({@code specs}: all but static and fault ones; {@code faults}:
   * only the case's own fault scenario, they are the slow ones) | bdi.sabotage | scenario | cause |
   * where the case is aimed at some scenarios only: what their names contain (several separated by
   * ';'), and every scenario it turns red must be one of them (a sabotage that turned others red
   * would prove a different thing)
   */
  @ParameterizedTest(name = "[{0}] {2} turns \"{3}\" red")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      embedded | specs  | in-memory-app        | The tasks keep no state of their own | entries of task task-2 |
      embedded | specs  | in-memory-app        | A signed entry can be read back and is stored in the stack's Redis | the entry was signed through task- |
      embedded | specs  | wrong-redishost      | A signed entry can be read back and is stored in the stack's Redis | 127.0.0.2 |
      embedded | specs  | wrong-redishost      | Exactly two tasks run and each is healthy | task task-1: health: expected HEALTHY, saw UNHEALTHY |
      embedded | specs  | one-unhealthy-task   | Exactly two tasks run and each is healthy | task task-2: health: expected HEALTHY, saw UNHEALTHY |
      embedded | specs  | one-task             | Exactly two tasks run and each is healthy | running tasks: expected exactly 2, saw 1 |
      embedded | specs  | front-door-one-task  | The front door spreads visitors over every task | task(s) [task-2] never reached |
      compose  | specs  | one-task             | Exactly two tasks run and each is healthy | running tasks: expected exactly 2, saw 1 |
      compose  | specs  | wrong-redishost      | Exactly two tasks run and each is healthy | Redis at redis-typo:6379 is unavailable: unknown host redis-typo |
      compose  | specs  | front-door-one-task  | The front door spreads visitors over every task | never reached by 10 requests through the front door |
      embedded | faults | redis-no-persistence | Every acknowledged entry survives crashes and restarts, once each, in order | acknowledged entries: expected all 15 listed, saw 5 lost |
      embedded | faults | keeps-last-entries   | Every acknowledged entry survives crashes and restarts, once each, in order | acknowledged entries: expected all 15 listed, saw 10 lost |
      embedded | faults | reorders-entries     | Every acknowledged entry survives crashes and restarts, once each, in order | order of acknowledged entries: expected |
      embedded | faults | patient-redis-client | While Redis hangs, signing and reading fail fast and everything recovers | time to answer |
      compose  | faults | redis-no-persistence | Every acknowledged entry survives crashes and restarts, once each, in order | acknowledged entries: expected all 15 listed, saw 5 lost |
      embedded | specs  | cuts-long-entries    | Example #1.1: What a visitor writes comes back exactly: the longest entry allowed, in a two-byte letter | …(200 chars)"] | What a visitor writes comes back exactly: the longest entry allowed
      embedded | faults | lying-health         | Entries written before a Redis restart are all still there | front door /healthz answers 503 |
      embedded | faults | front-door-no-retry  | A task killed hard costs visitors only the requests it held as it died | failed requests not open while the task was dying |
      compose  | specs  | redis-published      | Only the front door is published on the host, and only on loopback | service redis: published port: expected nothing published on the host but the front door |
      compose  | specs  | tasks-as-root        | The app's processes do not run as root | user of its processes: expected not root, saw [root |
      embedded | specs  | form-stores-nothing  | A visitor signs through the page and sees the entry there | as the browser of the visitor who signed holds them: expected once | signs through the page; What a visitor writes comes back exactly; sent through the page's form
      embedded | specs  | form-skips-checks    | Example #1.1: A bad entry sent through the page's form is refused and nothing is stored: a message of 1001 characters | status: expected 400, saw 303 | sent through the page's form
      embedded | specs  | racy-append          | Visitors signing at the same moment through both tasks lose no entry | acknowledged entries: expected all 32 listed, saw |
      embedded | specs  | page-shows-newest    | The page lists every entry, the oldest too | entries on the page: expected all |
      embedded | specs  | white-on-white       | A visitor signs through the page and sees the entry there | the entry's contrast (WCAG 2.2 AA): expected at least 4.5:1, saw 1.00:1 | signs through the page
      embedded | faults | no-drain             | A task that gets SIGTERM finishes every request it had already accepted | of 6 not: [visitor |
      compose  | faults | no-drain             | A task that gets SIGTERM finishes every request it had already accepted | of 6 not: [visitor |
      embedded | faults | sigterm-ignored      | A task that gets SIGTERM finishes every request it had already accepted | still running 12 s after SIGTERM |
      compose  | faults | sigterm-ignored      | A task that gets SIGTERM finishes every request it had already accepted | still running 12 s after SIGTERM |
      compose  | specs  | writable-root        | A task cannot change its own filesystem, only its temp directory | a new file in /var/tmp: expected refused as a read-only file system, saw written |
      compose  | specs  | no-tmp-volume        | A task cannot change its own filesystem, only its temp directory | a new file in /tmp: expected written (the JVM's temp dir is the one writable place), saw refused: touch: cannot touch '/tmp/.bdi-write-probe': Permission denied | A task cannot change its own filesystem
      """)
  void aBrokenStackTurnsTheScenarioRed(
      String target,
      String scenarios,
      String sabotage,
      String scenario,
      String cause,
      String aimedAt) {
    HarnessConfig config = HarnessConfig.fromSystem();
    Assumptions.assumeTrue(
        config.target().key().equals(target), "a sabotage case for the " + target + " target");
    Assumptions.assumeTrue(
        config.sabotage() == Sabotage.NONE,
        "this JVM was started with bdi.sabotage=" + config.sabotage().key());
    boolean browser =
        scenario.contains("What a visitor writes") || scenario.contains("signs through the page");
    Assumptions.assumeTrue(
        !browser || HeadlessChromium.unavailable().isEmpty(),
        "a browser case, and no browser here: " + HeadlessChromium.unavailable().orElse(""));
    // each case runs the whole spec: the browser scenarios only where the case is aimed at one
    String tags =
        "faults".equals(scenarios)
            ? "@fault"
            : "not @static and not @fault" + (browser ? "" : " and not @browser");
    // a fault case runs only its scenario: the fault scenarios are the slow ones
    Optional<String> name =
        "faults".equals(scenarios)
            ? Optional.of("^" + Pattern.quote(scenario) + "$")
            : Optional.empty();
    Map<String, TestExecutionResult> results = runSpecsWith(sabotage, tags, name);

    assertThat(results).as("scenarios run against the %s stack", sabotage).containsKey(scenario);
    TestExecutionResult result = results.get(scenario);
    assertThat(result.getStatus())
        .as("'%s' against a stack where %s", scenario, sabotage)
        .isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(result.getThrowable().map(Throwable::getMessage))
        .as("why '%s' failed", scenario)
        .hasValueSatisfying(message -> assertThat(message).contains(cause));
    if (aimedAt != null) {
      List<String> aims = Arrays.stream(aimedAt.split(";")).map(String::strip).toList();
      assertThat(
              results.entrySet().stream()
                  .filter(e -> e.getValue().getStatus() == TestExecutionResult.Status.FAILED)
                  .map(Map.Entry::getKey)
                  .filter(red -> aims.stream().noneMatch(red::contains)))
          .as("scenarios %s turned red though it is aimed only at %s", sabotage, aims)
          .isEmpty();
    }
  }

  private static Map<String, TestExecutionResult> runSpecsWith(
      String sabotage, String tags, Optional<String> name) {
    LauncherDiscoveryRequestBuilder builder =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectDirectory("features"))
            .filters(includeEngines("cucumber"))
            .configurationParameter("cucumber.plugin", "html:" + report(sabotage))
            .configurationParameter("cucumber.junit-platform.naming-strategy", "short")
            .configurationParameter("cucumber.filter.tags", tags);
    name.ifPresent(n -> builder.configurationParameter("cucumber.filter.name", n));
    LauncherDiscoveryRequest request = builder.build();
    Map<String, TestExecutionResult> results = new LinkedHashMap<>();
    System.setProperty(HarnessConfig.SABOTAGE, sabotage);
    try {
      LauncherFactory.create()
          .execute(
              request,
              new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                  if (id.isTest()) {
                    results.put(id.getDisplayName(), result);
                  }
                }
              });
    } finally {
      System.clearProperty(HarnessConfig.SABOTAGE);
    }
    ReportTitles.byRepositoryPath(
        report(sabotage), Path.of("").toAbsolutePath().toUri().toString());
    return results;
  }

  private static Path report(String sabotage) {
    return Path.of("target", "sabotage-reports", sabotage + ".html");
  }
}
