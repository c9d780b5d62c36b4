package dev.guestbook.harness.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The harness's own report of a run: one static HTML page, no script, readable in any browser and
 * complete at every moment it is written — after each scenario, at the end, and when the run is
 * interrupted, when Cucumber's own HTML report cannot be finished.
 */
public final class ReportPage {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private ReportPage() {}

  /** The page for {@code record} as it stands at {@code now}; {@code title} names the suite. */
  public static String render(RunRecord record, String title, Instant now) {
    return render(record, title, now, "", "");
  }

  /**
   * The same, with a line under the banner that links to {@code link} (a file beside the page) as
   * {@code linkText}: where Cucumber's own report is being written while the run goes on.
   */
  public static String render(
      RunRecord record, String title, Instant now, String link, String linkText) {
    RunRecord.Snapshot run = record.snapshot(now);
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(escape(title))
        .append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;max-width:80em}")
        .append("table{border-collapse:collapse;width:100%;margin-bottom:1.5em}")
        .append("td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}")
        .append("pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em;margin:0}")
        .append(".PASSED{background:#d8f5d8}.FAILED{background:#f8d0d0}")
        .append(".INTERRUPTED{background:#ffd9a0}.RUNNING{background:#fff3b0}")
        .append(".SKIPPED,.PENDING,.UNDEFINED{background:#e4e4f4}")
        .append(".banner{padding:.7em;border:2px solid #c60;background:#fff0e0}")
        .append("</style></head><body>\n");
    html.append("<h1>").append(escape(title)).append("</h1>\n");
    html.append("<p class=\"banner\" id=\"outcome\">")
        .append(escape(outcome(run)))
        .append("</p>\n");
    if (!link.isEmpty()) {
      html.append("<p id=\"cucumber-report\">")
          .append(escape(linkText))
          .append(": <a href=\"")
          .append(escape(link))
          .append("\">")
          .append(escape(link))
          .append("</a></p>\n");
    }
    html.append("<p id=\"counts\">").append(escape(counts(run.scenarios()))).append("</p>\n");
    byFeature(run.scenarios(), run.featureNames())
        .forEach(
            (feature, scenarios) -> {
              html.append("<h2>")
                  .append(escape(feature))
                  .append(": ")
                  .append(escape(run.featureNames().getOrDefault(feature, "")))
                  .append("</h2>\n<table><tr><th>result</th><th>scenario</th><th>line</th>")
                  .append("<th>seconds</th><th>step</th><th>why</th></tr>\n");
              scenarios.forEach(s -> row(html, s));
              html.append("</table>\n");
            });
    if (!run.phases().isEmpty()) {
      html.append("<h2>Deploy phases</h2>\n<pre id=\"phases\">")
          .append(escape(run.phases()))
          .append("</pre>\n");
    }
    if (!run.runLog().isEmpty()) {
      html.append("<h2>Run log (its end; all of it in <code>")
          .append(escape(run.runLogPath()))
          .append("</code>)</h2>\n<pre id=\"run-log\">")
          .append(escape(run.runLog()))
          .append("</pre>\n");
    }
    html.append("<p>Started ").append(TIME.format(run.started())).append("; written ");
    html.append(TIME.format(now)).append(".</p>\n</body></html>\n");
    return html.toString();
  }

  private static String outcome(RunRecord.Snapshot run) {
    long seconds = run.took().toSeconds();
    return switch (run.end()) {
      case FINISHED -> "The run finished after " + seconds + " s.";
      case INTERRUPTED ->
          "The run was INTERRUPTED after "
              + seconds
              + " s ("
              + run.interruption()
              + "): what ran until then is below; the scenario it was in is marked INTERRUPTED. "
              + teardown(run);
      case NOT_RECORDED ->
          "The run has not recorded an end ("
              + seconds
              + " s so far): it is still going, or it was killed before it could say so"
              + " (SIGKILL, a lost runner, a CI cancel whose signals never reached the test JVM)."
              + (run.runningPhase().isEmpty()
                  ? ""
                  : " When this page was written, deploy phase '"
                      + run.runningPhase()
                      + "' was running: a run killed then left what it had created to the sweep"
                      + " and the reaper.")
              + " Every scenario that ended is below, and the step each running one was in.";
    };
  }

  private static String teardown(RunRecord.Snapshot run) {
    return switch (run.teardown()) {
      case NOT_STARTED -> "";
      case UNDER_WAY ->
          "Teardown is under way: this page is written again when it ends. If it still says so,"
              + " the process was killed before teardown ended: what the run created may be left"
              + " (the sweep and the reaper find it by the run id).";
      case ENDED ->
          "Teardown ended"
              + (run.phases().isEmpty()
                  ? "."
                  : ": the deploy phases (teardown's among them) and the run log are at the end.");
      case NOTHING_STARTED -> "Nothing had been started, so there was nothing to tear down.";
      case NOT_ENDED_IN_TIME ->
          "Teardown did not end while this page waited for it: what the run created may be left"
              + " (the sweep and the reaper find it by the run id).";
    };
  }

  private static String counts(List<ScenarioRecord> scenarios) {
    Map<String, Long> byStatus =
        scenarios.stream()
            .collect(
                Collectors.groupingBy(ScenarioRecord::status, TreeMap::new, Collectors.counting()));
    return scenarios.size()
        + " scenario(s): "
        + byStatus.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
  }

  /** Features in the order they were read, scenarios in the order of their lines. */
  private static Map<String, List<ScenarioRecord>> byFeature(
      List<ScenarioRecord> scenarios, Map<String, String> featureNames) {
    Map<String, List<ScenarioRecord>> grouped = new LinkedHashMap<>();
    featureNames.keySet().forEach(f -> grouped.put(f, new ArrayList<>()));
    scenarios.forEach(s -> grouped.computeIfAbsent(s.feature(), f -> new ArrayList<>()).add(s));
    grouped.values().removeIf(List::isEmpty);
    grouped.values().forEach(list -> list.sort(Comparator.comparingInt(ScenarioRecord::line)));
    return grouped;
  }

  private static void row(StringBuilder html, ScenarioRecord s) {
    html.append("<tr class=\"scenario ")
        .append(s.status())
        .append("\"><td>")
        .append(s.status())
        .append("</td><td class=\"name\">")
        .append(escape(s.name()))
        .append("</td><td>")
        .append(s.line())
        .append("</td><td>")
        .append(String.format(Locale.ROOT, "%.1f", s.took().toMillis() / 1000.0))
        .append("</td><td>")
        .append(escape(s.step()))
        .append("</td><td>")
        .append(s.message().isEmpty() ? "" : "<pre>" + escape(s.message()) + "</pre>")
        .append("</td></tr>\n");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
