package dev.guestbook.harness.client;

import dev.guestbook.harness.stack.RedisEndpoint;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** Looks straight into the stack's Redis, bypassing the app, to check what was really stored. */
public final class RedisProbe {

  /** The list the app keeps its entries in. */
  public static final String GUESTBOOK_KEY = "guestbook";

  private static final int TIMEOUT_MILLIS = 2_000;

  private final RedisEndpoint endpoint;

  public RedisProbe(RedisEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Redis did not answer the probe. */
  public static final class RedisProbeException extends RuntimeException {
    RedisProbeException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * {@code LRANGE guestbook 0 -1}; throws {@link RedisProbeException} naming the endpoint when
   * Redis does not answer.
   */
  public List<String> entries() {
    try (Jedis jedis = new Jedis(endpoint.host(), endpoint.port(), TIMEOUT_MILLIS)) {
      return jedis.lrange(GUESTBOOK_KEY, 0, -1);
    } catch (JedisException e) {
      throw new RedisProbeException(
          "Redis at "
              + endpoint
              + " did not answer LRANGE "
              + GUESTBOOK_KEY
              + ": "
              + e.getMessage(),
          e);
    }
  }

  public RedisEndpoint endpoint() {
    return endpoint;
  }
}
