package dev.llmkit.store.redis;

import dev.llmkit.api.ErrorKind;
import dev.llmkit.api.LlmException;
import dev.llmkit.core.store.StoreSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The pool of connections to one Redis server, with every wait bounded: connecting by the connect
 * timeout, each command and waiting for a free connection by the command timeout. Connections are
 * made on demand, so the pool reconnects by itself once the server is back.
 */
final class RedisConnection implements AutoCloseable {
  static final String POOL_SIZE_OPTION = "redis.poolSize";
  private static final int DEFAULT_POOL_SIZE = 16;

  private final JedisPooled client;
  private final String display;

  RedisConnection(StoreSettings settings) {
    URI uri = settings.uri();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw invalid("the redis store needs a redis:// or rediss:// URI, was " + settings.displayUri());
    }
    if (uri.getHost() == null) {
      throw invalid("the redis store URI names no host: " + settings.displayUri() + "; use e.g. redis://localhost:6379");
    }
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis(settings.connectTimeout()))
        .socketTimeoutMillis(millis(settings.commandTimeout()))
        .database(database(uri, settings))
        .ssl(scheme.equals("rediss"))
        .clientName("llmkit")
        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED); // one round trip less per new connection
    if (uri.getUserInfo() != null && !uri.getUserInfo().isBlank()) {
      config.user(uri.getUserInfo());
    }
    if (settings.password() != null) {
      config.password(settings.password().reveal());
    }
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    int size = poolSize(settings);
    pool.setMaxTotal(size);
    pool.setMaxIdle(size);
    pool.setMaxWait(settings.commandTimeout());
    pool.setBlockWhenExhausted(true);
    pool.setJmxEnabled(false);
    this.client = new JedisPooled(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), config.build(), pool);
    this.display = settings.displayUri();
  }

  UnifiedJedis client() {
    return client;
  }

  /**
   * After a connection failure the idle connections are most likely dead too (the server restarted):
   * dropping them makes the next calls connect afresh instead of each failing once on a dead socket.
   */
  void onFailure(JedisException failure) {
    if (failure instanceof JedisConnectionException) {
      try {
        client.getPool().clear();
      } catch (RuntimeException ignored) {
        // the pool is closing: nothing to clear
      }
    }
  }

  String display() {
    return display;
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "RedisConnection[" + display + "]";
  }

  private static int database(URI uri, StoreSettings settings) {
    String path = uri.getPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    try {
      return Integer.parseInt(path.substring(1));
    } catch (NumberFormatException e) {
      throw invalid("the redis store URI's path must be a database number, as in redis://host:6379/2, was "
          + settings.displayUri());
    }
  }

  private static int poolSize(StoreSettings settings) {
    String v = settings.options().get(POOL_SIZE_OPTION);
    if (v == null) {
      return DEFAULT_POOL_SIZE;
    }
    try {
      int size = Integer.parseInt(v.trim());
      if (size >= 1) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid("store option " + POOL_SIZE_OPTION + " must be a whole number of at least 1, was '" + v + "'");
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  static LlmException invalid(String message) {
    return LlmException.builder(ErrorKind.CONFIGURATION, message).build();
  }
}
