package dev.guestbook.harness;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * The slow fault scenarios ({@code @slow}: crashes, restarts, hung Redis, a crowd while a task goes
 * away), on the target chosen by {@code bdi.target}, after the quick specs and with their own
 * report ({@code target/cucumber-reports/slow-faults.*}), so the quick feedback stays quick.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@IncludeTags("slow")
@ConfigurationParameter(
    key = "cucumber.plugin",
    value =
        "pretty, summary, html:target/cucumber-reports/slow-faults-in-progress.html,"
            + " json:target/cucumber-reports/slow-faults.json,"
            + " junit:target/cucumber-reports/slow-faults-junit.xml,"
            + " message:target/cucumber-reports/slow-faults.ndjson,"
            + " dev.guestbook.harness.steps.RunReportPlugin:target/cucumber-reports/slow-faults.html")
public class SlowFaultsIT {}
