package dev.guestbook.app;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisException;

/** Entries in a Redis list, through a Jedis pool with short timeouts so an outage answers fast. */
public final class RedisEntryStore implements EntryStore {

  static final String KEY = "guestbook";
  private static final int TIMEOUT_MILLIS = 1000;

  private final JedisPool pool;
  private final String address;

  public RedisEntryStore(String host, int port) {
    JedisPoolConfig poolConfig = new JedisPoolConfig();
    poolConfig.setMaxTotal(32);
    poolConfig.setMaxWait(Duration.ofMillis(TIMEOUT_MILLIS));
    // A pooled connection outlives a Redis restart (or an ElastiCache failover) as a dead socket;
    // checking it on borrow costs one PING and spares the next visitor a 503.
    poolConfig.setTestOnBorrow(true);
    poolConfig.setJmxEnabled(false);
    this.pool = new JedisPool(poolConfig, host, port, TIMEOUT_MILLIS);
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

  private <T> T call(Function<Jedis, T> command) {
    try (Jedis jedis = pool.getResource()) {
      return command.apply(jedis);
    } catch (JedisException e) {
      throw new StoreUnavailableException(describe() + " is unavailable: " + rootMessage(e), e);
    }
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
