package dev.guestbook.harness.stack.aws;

import dev.guestbook.harness.config.HarnessConfigException;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.text.Text;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exit codes of the cleanup commands ({@link ReaperCommand}, {@link SweepCommand}), and the one
 * line each ends with. A scheduler (GitHub, cron) reads the code; a person reads the line.
 */
final class CleanupExit {

  /** Done: nothing of the runs it acted on is left (or there was nothing to act on). */
  static final int DONE = 0;

  /** Something is left: a resource it could not remove, or was refused. */
  static final int LEFT = 1;

  /** Bad input: a setting missing or invalid; nothing was asked of AWS. */
  static final int BAD_INPUT = 2;

  /** It could not run: preflight (credentials, region, terraform) or an unexpected failure. */
  static final int CANNOT_RUN = 3;

  private static final Logger LOG = LoggerFactory.getLogger(CleanupExit.class);

  private CleanupExit() {}

  /** Runs {@code command}, which answers DONE or LEFT; a failure is mapped to its code here. */
  static int of(String tag, IntSupplier command) {
    int code;
    try {
      code = command.getAsInt();
    } catch (HarnessConfigException e) {
      LOG.error("[{}] bad input: {}", tag, e.getMessage());
      code = BAD_INPUT;
    } catch (StackStartException e) {
      LOG.error("[{}] cannot run: {}", tag, e.getMessage());
      LOG.debug("[{}] cause", tag, e);
      code = CANNOT_RUN;
    } catch (RuntimeException e) {
      LOG.error("[{}] failed: {}", tag, Text.firstLine(e));
      LOG.debug("[{}] cause", tag, e);
      code = CANNOT_RUN;
    }
    LOG.info("[{}] exit {}", tag, code);
    return code;
  }

  /** The JVM's system properties, as the harness's settings read them. */
  static Map<String, String> systemProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    return properties;
  }
}
