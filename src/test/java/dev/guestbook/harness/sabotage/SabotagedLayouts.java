package dev.guestbook.harness.sabotage;

import dev.guestbook.harness.config.HarnessConfig;
import dev.guestbook.harness.config.Sabotage;
import dev.guestbook.harness.stack.StackStartException;
import dev.guestbook.harness.stack.compose.ComposeLayout;
import dev.guestbook.harness.stack.embedded.AppLaunch;
import dev.guestbook.harness.stack.embedded.EmbeddedLayout;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The sabotage catalog, built from outside the targets: each {@link Sabotage} turns the layout of
 * the stack as built into a broken one, through the targets' plain settings (tasks, per-task
 * environment, the front door's pool, compose files and their variables). The targets know nothing
 * of sabotage.
 */
public final class SabotagedLayouts {

  /** An address in the loopback range where no Redis listens: a REDISHOST typo, safely. */
  static final String NOWHERE_HOST = "127.0.0.2";

  /**
   * A second task the load balancer never routes to (HAProxy follows only the "web" service in
   * DNS).
   */
  static final Path STRAY_TASK = overlay("stray-task.yml");

  /** Where {@code no-tmp-volume.yml} finds the app's Dockerfile without its VOLUME lines. */
  static final Path NO_TMP_VOLUME_DOCKERFILE = Path.of("target/compose-sabotage/Dockerfile");

  /** A compose file that changes docker-compose.yml, from src/test/resources/compose-sabotage. */
  private static Path overlay(String file) {
    return Path.of("src/test/resources/compose-sabotage", file);
  }

  private SabotagedLayouts() {}

  /** The embedded layout {@code config} asks for: as built, or broken by {@code bdi.sabotage}. */
  public static EmbeddedLayout embedded(HarnessConfig config) {
    Sabotage sabotage = config.sabotage();
    EmbeddedLayout built = EmbeddedLayout.asBuilt(config.expectedTasks(), config.appJar());
    EmbeddedLayout broken =
        switch (sabotage) {
          case NONE -> built;
          case IN_MEMORY_APP ->
              built.withLaunch(testMain(config.appJar(), InMemoryGuestbook.class));
          case WRONG_REDISHOST -> everyTask(built, "REDISHOST", NOWHERE_HOST);
          case ONE_UNHEALTHY_TASK -> built.withTaskEnvironment(2, "REDISHOST", NOWHERE_HOST);
          case ONE_TASK -> built.withTasks(1);
          case FRONT_DOOR_ONE_TASK -> built.withFrontDoorPool(1);
          case REDIS_NO_PERSISTENCE -> built.withRedisPersistent(false);
          case KEEPS_LAST_ENTRIES -> brokenRedisApp(built, config.appJar(), "keeps-last");
          case CUTS_LONG_ENTRIES -> brokenRedisApp(built, config.appJar(), "cuts-long");
          case REORDERS_ENTRIES -> brokenRedisApp(built, config.appJar(), "prepends");
          case PATIENT_REDIS_CLIENT -> brokenRedisApp(built, config.appJar(), "patient");
          case LYING_HEALTH -> brokenRedisApp(built, config.appJar(), "lying-health");
          case FRONT_DOOR_NO_RETRY -> built.withFrontDoorRetries(false);
          case FORM_STORES_NOTHING ->
              brokenPage(built, config.appJar(), BrokenPageGuestbook.FORM, "stores-nothing");
          case FORM_SKIPS_CHECKS ->
              brokenPage(built, config.appJar(), BrokenPageGuestbook.FORM, "skips-checks");
          case RACY_APPEND -> brokenRedisApp(built, config.appJar(), "racy-append");
          case PAGE_SHOWS_NEWEST ->
              brokenPage(built, config.appJar(), BrokenPageGuestbook.PAGE, "newest-10");
          case WHITE_ON_WHITE ->
              brokenPage(built, config.appJar(), BrokenPageGuestbook.PAGE, "white-on-white");
          case NO_DRAIN -> brokenRedisApp(built, config.appJar(), "halts-on-sigterm");
          case SIGTERM_IGNORED -> brokenRedisApp(built, config.appJar(), "ignores-sigterm");
          case REDIS_PUBLISHED, TASKS_AS_ROOT, WRITABLE_ROOT, NO_TMP_VOLUME ->
              throw new StackStartException(
                  "embedded target: sabotage '"
                      + sabotage.key()
                      + "' is only built on the compose target (every embedded process is on the"
                      + " host, as whoever started it)");
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
          case REDIS_NO_PERSISTENCE -> built.withFile(overlay("redis-without-aof.yml"));
          case FRONT_DOOR_NO_RETRY -> built.withFile(overlay("front-door-no-retry.yml"));
          case REDIS_PUBLISHED -> built.withFile(overlay("redis-published.yml"));
          case TASKS_AS_ROOT -> built.withFile(overlay("tasks-as-root.yml"));
          case WRITABLE_ROOT -> built.withFile(overlay("writable-root.yml"));
          case NO_TMP_VOLUME -> withoutTmpVolume(built);
          case NO_DRAIN -> built.withFile(overlay("no-drain.yml"));
          case SIGTERM_IGNORED -> built.withFile(overlay("sigterm-ignored.yml"));
          case IN_MEMORY_APP,
              RACY_APPEND,
              PAGE_SHOWS_NEWEST,
              WHITE_ON_WHITE,
              FORM_STORES_NOTHING,
              FORM_SKIPS_CHECKS,
              ONE_UNHEALTHY_TASK,
              KEEPS_LAST_ENTRIES,
              CUTS_LONG_ENTRIES,
              REORDERS_ENTRIES,
              PATIENT_REDIS_CLIENT,
              LYING_HEALTH ->
              throw new StackStartException(
                  "compose target: sabotage '"
                      + sabotage.key()
                      + "' is only built on the embedded target");
        };
    return sabotage == Sabotage.NONE ? broken : broken.deviating(label(sabotage));
  }

  /**
   * The app image built from {@code docker/Dockerfile} without its {@code VOLUME} lines (written to
   * {@link #NO_TMP_VOLUME_DOCKERFILE}, which {@code no-tmp-volume.yml} builds from): the one
   * change.
   */
  private static ComposeLayout withoutTmpVolume(ComposeLayout built) {
    try {
      String dockerfile = Files.readString(Path.of("docker/Dockerfile"), StandardCharsets.UTF_8);
      List<String> lines = dockerfile.lines().toList();
      List<String> kept =
          lines.stream()
              .filter(line -> !line.strip().toUpperCase(Locale.ROOT).startsWith("VOLUME"))
              .toList();
      String without = kept.stream().collect(Collectors.joining("\n", "", "\n"));
      if (kept.size() == lines.size()) {
        throw new StackStartException(
            "compose target: sabotage 'no-tmp-volume': docker/Dockerfile declares no VOLUME to"
                + " remove");
      }
      Files.createDirectories(NO_TMP_VOLUME_DOCKERFILE.getParent());
      Files.writeString(NO_TMP_VOLUME_DOCKERFILE, without, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StackStartException(
          "compose target: sabotage 'no-tmp-volume': cannot write " + NO_TMP_VOLUME_DOCKERFILE, e);
    }
    return built.withFile(overlay("no-tmp-volume.yml"));
  }

  /** Every task runs {@link BrokenRedisGuestbook} with the given breakage. */
  private static EmbeddedLayout brokenRedisApp(EmbeddedLayout built, Path appJar, String breakage) {
    return everyTask(built, BrokenRedisGuestbook.BREAKAGE, breakage)
        .withLaunch(testMain(appJar, BrokenRedisGuestbook.class));
  }

  /**
   * Every task runs {@link BrokenPageGuestbook} with {@code breakage} of its form ({@code
   * GUESTBOOK_FORM}) or of its page ({@code GUESTBOOK_PAGE}).
   */
  private static EmbeddedLayout brokenPage(
      EmbeddedLayout built, Path appJar, String part, String breakage) {
    return everyTask(built, part, breakage).withLaunch(testMain(appJar, BrokenPageGuestbook.class));
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

  /** A main class from the test classes, with the app jar's classes beside it. */
  private static AppLaunch testMain(Path appJar, Class<?> main) {
    try {
      Path testClasses = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
      return AppLaunch.mainClass(List.of(appJar, testClasses), main.getName());
    } catch (URISyntaxException e) {
      throw new StackStartException("embedded target: cannot locate the test classes", e);
    }
  }
}
