package dev.guestbook.harness.sabotage;

import dev.guestbook.app.Entry;
import dev.guestbook.app.EntryStore;
import dev.guestbook.app.GuestbookMain;
import dev.guestbook.app.RedisEntryStore;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import sun.misc.Signal;

/**
 * The real app over Redis, broken in one of the ways a guestbook store really breaks, chosen by
 * {@code GUESTBOOK_BREAKAGE}: {@code keeps-last} (LTRIM to the newest five entries), {@code
 * prepends} (LPUSH: newest first), {@code lying-health} ({@code /healthz} answers 200 without
 * asking Redis), {@code patient} (waits 4 s for Redis instead of 1 s; connect and command: 8 s),
 * {@code cuts-long} (keeps the first 200 characters of an entry and answers as if it kept all),
 * {@code racy-append} (appends by reading the whole list, adding, and writing it back: two signings
 * at the same moment can each write back a list without the other's entry); and two that break how
 * it stops: {@code halts-on-sigterm} (SIGTERM ends the process at once, dropping the requests it is
 * serving) and {@code ignores-sigterm} (SIGTERM never reaches the app, as behind a shell entrypoint
 * that does not pass it on). Healthy, answering, storing in Redis: only the durability,
 * bounded-outage and stopping specs can tell.
 */
public final class BrokenRedisGuestbook {

  static final String BREAKAGE = "GUESTBOOK_BREAKAGE";
  static final int KEPT = 5;

  /** {@code cuts-long} keeps this many characters of an entry, silently. */
  static final int CUT = 200;

  private BrokenRedisGuestbook() {}

  public static void main(String[] args) {
    String breakage = System.getenv().getOrDefault(BREAKAGE, "");
    if ("halts-on-sigterm".equals(breakage)) {
      // runs beside the app's own graceful hook, and ends the process before it can drain
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> Runtime.getRuntime().halt(143), "halts-on-sigterm"));
    } else if ("ignores-sigterm".equals(breakage)) {
      Signal.handle(new Signal("TERM"), ignored -> {});
    }
    GuestbookMain.run(
        config ->
            switch (breakage) {
              case "halts-on-sigterm", "ignores-sigterm" ->
                  new RedisEntryStore(config.redisHost(), config.redisPort());
              case "patient" ->
                  new RedisEntryStore(
                      config.redisHost(), config.redisPort(), Duration.ofSeconds(4));
              case "keeps-last", "prepends", "lying-health", "cuts-long", "racy-append" ->
                  new Altered(
                      new RedisEntryStore(config.redisHost(), config.redisPort()),
                      config.redisHost(),
                      config.redisPort(),
                      breakage);
              default ->
                  throw new IllegalArgumentException(
                      BREAKAGE + ": unknown breakage '" + breakage + "'");
            });
  }

  /** Reads, health and info from the real store; appends altered. */
  private record Altered(RedisEntryStore real, String host, int port, String breakage)
      implements EntryStore {

    @Override
    public List<String> entries() {
      return real.entries();
    }

    @Override
    public List<String> append(Entry entry) {
      if ("lying-health".equals(breakage)) {
        return real.append(entry);
      }
      try (Jedis jedis = new Jedis(host, port, 1000)) {
        if ("prepends".equals(breakage)) {
          jedis.lpush("guestbook", entry.text());
        } else if ("racy-append".equals(breakage)) {
          List<String> all = new java.util.ArrayList<>(jedis.lrange("guestbook", 0, -1));
          all.add(entry.text());
          jedis.del("guestbook");
          jedis.rpush("guestbook", all.toArray(String[]::new));
        } else if ("cuts-long".equals(breakage)) {
          String text = entry.text();
          jedis.rpush(
              "guestbook",
              text.codePointCount(0, text.length()) <= CUT
                  ? text
                  : text.substring(0, text.offsetByCodePoints(0, CUT)));
        } else {
          jedis.rpush("guestbook", entry.text());
          jedis.ltrim("guestbook", -KEPT, -1);
        }
      } catch (JedisException e) {
        throw new StoreUnavailableException(real.describe() + " is unavailable: " + e, e);
      }
      return real.entries();
    }

    @Override
    public String replicationInfo() {
      return real.replicationInfo();
    }

    @Override
    public void ping() {
      if (!"lying-health".equals(breakage)) {
        real.ping();
      }
    }

    @Override
    public String describe() {
      return real.describe();
    }

    @Override
    public void close() {
      real.close();
    }
  }
}
