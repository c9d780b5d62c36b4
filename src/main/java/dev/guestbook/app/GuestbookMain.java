package dev.guestbook.app;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.function.Function;

/** Starts the guestbook: {@code REDISHOST} (required), {@code REDISPORT}, {@code PORT}. */
public final class GuestbookMain {

  private static final int SHUTDOWN_GRACE_SECONDS = 10;

  private GuestbookMain() {}

  public static void main(String[] args) {
    run(config -> new RedisEntryStore(config.redisHost(), config.redisPort()));
  }

  /**
   * Reads the environment, listens, stops gracefully on SIGTERM; exits 2 on bad configuration, 3
   * when the port cannot be opened. The store is the only thing a caller chooses.
   */
  public static void run(Function<AppConfig, EntryStore> stores) {
    AppConfig config;
    try {
      config = AppConfig.fromEnvironment(System.getenv());
    } catch (AppConfig.InvalidConfigException e) {
      System.err.println("guestbook: " + e.getMessage());
      System.exit(2);
      return;
    }
    GuestbookServer server;
    try {
      server =
          new GuestbookServer(
              stores.apply(config),
              new InetSocketAddress(config.port()),
              config.instance(),
              System.out);
    } catch (BindException e) {
      System.err.println("guestbook: port " + config.port() + " is already in use (PORT)");
      System.exit(3);
      return;
    } catch (IOException e) {
      System.err.println(
          "guestbook: cannot listen on port " + config.port() + ": " + e.getMessage());
      System.exit(3);
      return;
    }
    // SIGTERM (ECS, Docker, the harness) runs this: finish in-flight requests, close the pool.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("guestbook: stopping, letting in-flight requests finish");
                  server.stop(SHUTDOWN_GRACE_SECONDS);
                  System.out.println("guestbook: stopped");
                },
                "guestbook-shutdown"));
    server.start();
    System.out.println(
        "guestbook: listening on port "
            + server.port()
            + ", entries in Redis at "
            + config.redisHost()
            + ":"
            + config.redisPort());
  }
}
