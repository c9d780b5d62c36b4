package dev.guestbook.harness.sabotage;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.Sabotage;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.stack.compose.ComposeLayout;
import dev.guestbook.harness.stack.embedded.AppLaunch;
import dev.guestbook.harness.stack.embedded.EmbeddedLayout;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The sabotage catalog, built from outside the targets: each {@link Sabotage} turns the layout of
 * the stack as built into a broken one, through the targets' plain settings (tasks, per-task
 * environment, the front door's pool, compose files and their variables). The targets know nothing
 * of sabotage.
 */
public final class SabotagedLayouts {

  /** An address in the loopback range where no Redis listens: a REDISHOST typo, safely. */
  static final String NOWHERE_HOST = "127.0.0.2";

  /** A second task the load balancer never routes to (nginx resolves only the "web" service). */
  static final Path STRAY_TASK = Path.of("src/test/resources/compose-sabotage/stray-task.yml");

  private SabotagedLayouts() {}

  /** The embedded layout {@code config} asks for: as built, or broken by {@code bdi.sabotage}. */
  public static EmbeddedLayout embedded(HarnessConfig config) {
    Sabotage sabotage = config.sabotage();
    EmbeddedLayout built = EmbeddedLayout.asBuilt(config.expectedTasks(), config.appJar());
    EmbeddedLayout broken =
        switch (sabotage) {
          case NONE -> built;
          case IN_MEMORY_APP -> built.withLaunch(inMemoryApp(config.appJar()));
          case WRONG_REDISHOST -> everyTask(built, "REDISHOST", NOWHERE_HOST);
          case ONE_UNHEALTHY_TASK -> built.withTaskEnvironment(2, "REDISHOST", NOWHERE_HOST);
          case ONE_TASK -> built.withTasks(1);
          case FRONT_DOOR_ONE_TASK -> built.withFrontDoorPool(1);
        };
    return sabotage == Sabotage.NONE ? broken : broken.deviating(label(sabotage));
  }

  /** The compose layout {@code config} asks for: as built, or broken by {@code bdi.sabotage}. */
  public static ComposeLayout compose(HarnessConfig config) {
    Sabotage sabotage = config.sabotage();
    ComposeLayout built = ComposeLayout.asBuilt();
    ComposeLayout broken =
        switch (sabotage) {
          case NONE -> built;
          case ONE_TASK -> built.withEnvironment("WEB_REPLICAS", "1");
          case WRONG_REDISHOST -> built.withEnvironment("WEB_REDISHOST", "redis-typo");
          case FRONT_DOOR_ONE_TASK ->
              built.withEnvironment("WEB_REPLICAS", "1").withFile(STRAY_TASK);
          case IN_MEMORY_APP, ONE_UNHEALTHY_TASK ->
              throw new StackStartException(
                  "compose target: sabotage '"
                      + sabotage.key()
                      + "' is only built on the embedded target");
        };
    return sabotage == Sabotage.NONE ? broken : broken.deviating(label(sabotage));
  }

  private static String label(Sabotage sabotage) {
    return "SABOTAGED: " + sabotage.description();
  }

  private static EmbeddedLayout everyTask(EmbeddedLayout built, String name, String value) {
    EmbeddedLayout changed = built;
    for (int task = 1; task <= built.tasks(); task++) {
      changed = changed.withTaskEnvironment(task, name, value);
    }
    return changed;
  }

  /** {@link InMemoryGuestbook} from the test classes, with the app jar's classes beside it. */
  private static AppLaunch inMemoryApp(Path appJar) {
    try {
      Path testClasses =
          Path.of(
              InMemoryGuestbook.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return AppLaunch.mainClass(List.of(appJar, testClasses), InMemoryGuestbook.class.getName());
    } catch (URISyntaxException e) {
      throw new StackStartException("embedded target: cannot locate the test classes", e);
    }
  }
}
