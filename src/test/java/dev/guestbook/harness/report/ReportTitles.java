package dev.guestbook.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cucumber's reports name each feature by its file URI ({@code file:///…/features/x.feature}); a
 * reader knows it by its path in the repository ({@code features/x.feature}).
 */
public final class ReportTitles {

  private static final Logger LOG = LoggerFactory.getLogger(ReportTitles.class);

  private ReportTitles() {}

  /**
   * Rewrites {@code report} (HTML, messages or JSON) with every feature named by its path below
   * {@code cwd} (the working directory's {@code file:} URI, ending in a slash); a missing report is
   * left alone. Written beside, then moved in place: a reader never sees half a report.
   */
  public static void byRepositoryPath(Path report, String cwd) {
    if (!Files.isRegularFile(report)) {
      return;
    }
    try {
      String text = Files.readString(report, StandardCharsets.UTF_8);
      // the HTML and messages carry file:///…/features/x.feature, the JSON file:features/x.feature
      String titled = text.replace(cwd, "").replace("\"file:features/", "\"features/");
      if (!titled.equals(text)) {
        Path next = report.resolveSibling(report.getFileName() + ".next");
        Files.writeString(next, titled, StandardCharsets.UTF_8);
        Files.move(
            next, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      LOG.warn("[report] cannot retitle {}", report, e);
    }
  }
}
