package dev.guestbook.app;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/** Entries in a Redis list, through a Jedis pool with short timeouts so an outage answers fast. */
public final class RedisEntryStore implements EntryStore {

  static final String KEY = "guestbook";

  /** Connect, read and pool-wait timeout: a dead or hung Redis costs a visitor about this much. */
  static final Duration TIMEOUT = Duration.ofMillis(1000);

  private final JedisPool pool;
  private final String address;

  public RedisEntryStore(String host, int port) {
    this(host, port, TIMEOUT);
  }

  public RedisEntryStore(String host, int port, Duration timeout) {
    JedisPoolConfig poolConfig = new JedisPoolConfig();
    poolConfig.setMaxTotal(32);
    poolConfig.setMaxWait(timeout);
    // A pooled connection outlives a Redis restart (or an ElastiCache failover) as a dead socket.
    // It is not PINGed on borrow: against a hung Redis every idle connection's PING would wait the
    // whole timeout in turn (measured: 5 s for one request). A dead socket fails at once instead,
    // and call() retries such a failure once on a fresh connection.
    poolConfig.setTestOnBorrow(false);
    poolConfig.setJmxEnabled(false);
    this.pool = new JedisPool(poolConfig, host, port, (int) timeout.toMillis());
    this.address = host + ":" + port;
  }

  @Override
  public List<String> entries() {
    return call(jedis -> jedis.lrange(KEY, 0, -1));
  }

  @Override
  public List<String> append(Entry entry) {
    return call(
        jedis -> {
          jedis.rpush(KEY, entry.text());
          return jedis.lrange(KEY, 0, -1);
        });
  }

  @Override
  public String replicationInfo() {
    return call(jedis -> jedis.info("replication"));
  }

  @Override
  public void ping() {
    call(Jedis::ping);
  }

  @Override
  public String describe() {
    return "Redis at " + address;
  }

  /**
   * One command on a pooled connection. A connection that turns out dead (reset or closed by a
   * Redis that restarted: the command never reached the Redis now running) is dropped with every
   * other idle one and the command is sent once more on a fresh connection. A timeout is never
   * retried: against a hung Redis the command may still run later, and the visitor has waited
   * enough.
   */
  private <T> T call(Function<Jedis, T> command) {
    try {
      return attempt(command);
    } catch (JedisConnectionException e) {
      if (!deadConnection(e)) {
        throw unavailable(e);
      }
      pool.clear();
      try {
        return attempt(command);
      } catch (JedisException again) {
        throw unavailable(again);
      }
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  private <T> T attempt(Function<Jedis, T> command) {
    try (Jedis jedis = pool.getResource()) {
      return command.apply(jedis);
    }
  }

  /** Reset, broken pipe or end of stream on an open connection; not a timeout, not a refusal. */
  static boolean deadConnection(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof java.net.SocketTimeoutException
        || root instanceof java.net.ConnectException
        || root instanceof java.net.UnknownHostException) {
      return false;
    }
    return root instanceof java.net.SocketException
        || String.valueOf(root.getMessage()).contains("Unexpected end of stream");
  }

  private StoreUnavailableException unavailable(JedisException e) {
    return new StoreUnavailableException(describe() + " is unavailable: " + rootMessage(e), e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (root instanceof java.net.UnknownHostException) {
      return "unknown host " + message;
    }
    return message == null ? root.getClass().getSimpleName() : message;
  }

  @Override
  public void close() {
    pool.close();
  }
}
