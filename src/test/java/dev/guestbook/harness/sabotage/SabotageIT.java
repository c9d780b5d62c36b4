package dev.guestbook.harness.sabotage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.Sabotage;
import java.util.LinkedHashMap;
import java.util.Map;
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

  @ParameterizedTest(name = "[{0}] {1} turns \"{2}\" red")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      embedded | in-memory-app       | The tasks keep no state of their own                                | entries of task task-2
      embedded | in-memory-app       | A signed entry can be read back and is stored in the stack's Redis | the entry was signed through task-
      embedded | wrong-redishost     | A signed entry can be read back and is stored in the stack's Redis | 127.0.0.2
      embedded | wrong-redishost     | Exactly two tasks run and each is healthy                          | task task-1: health: expected HEALTHY, saw UNHEALTHY
      embedded | one-unhealthy-task  | Exactly two tasks run and each is healthy                          | task task-2: health: expected HEALTHY, saw UNHEALTHY
      embedded | one-task            | Exactly two tasks run and each is healthy                          | running tasks: expected exactly 2, saw 1
      embedded | front-door-one-task | The front door spreads visitors over every task                    | task(s) [task-2] never reached
      compose  | one-task            | Exactly two tasks run and each is healthy                          | running tasks: expected exactly 2, saw 1
      compose  | wrong-redishost     | Exactly two tasks run and each is healthy                          | Redis at redis-typo:6379 is unavailable: unknown host redis-typo
      compose  | front-door-one-task | The front door spreads visitors over every task                    | never reached by 10 requests through the front door
      """)
  void aBrokenStackTurnsTheScenarioRed(
      String target, String sabotage, String scenario, String cause) {
    HarnessConfig config = HarnessConfig.fromSystem();
    Assumptions.assumeTrue(
        config.target().key().equals(target), "a sabotage case for the " + target + " target");
    Assumptions.assumeTrue(
        config.sabotage() == Sabotage.NONE,
        "this JVM was started with bdi.sabotage=" + config.sabotage().key());
    Map<String, TestExecutionResult> results = runSpecsWith(sabotage);

    assertThat(results).as("scenarios run against the %s stack", sabotage).containsKey(scenario);
    TestExecutionResult result = results.get(scenario);
    assertThat(result.getStatus())
        .as("'%s' against a stack where %s", scenario, sabotage)
        .isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(result.getThrowable().map(Throwable::getMessage))
        .as("why '%s' failed", scenario)
        .hasValueSatisfying(message -> assertThat(message).contains(cause));
  }

  private static Map<String, TestExecutionResult> runSpecsWith(String sabotage) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectDirectory("features"))
            .filters(includeEngines("cucumber"))
            .configurationParameter(
                "cucumber.plugin", "html:target/sabotage-reports/" + sabotage + ".html")
            .configurationParameter("cucumber.junit-platform.naming-strategy", "short")
            .configurationParameter("cucumber.filter.tags", "not @static and not @fault")
            .build();
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
    return results;
  }
}
