package dev.llmkit.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run atomically on the server. Sent by its SHA-1 (one short round trip); when the
 * server does not know it (first use, or after a restart) it is sent whole, which also loads it.
 */
final class LuaScript {
  private final String text;
  private final String sha1;

  private LuaScript(String text) {
    this.text = text;
    this.sha1 = sha1(text);
  }

  /** The script in the resource {@code name} next to this class. */
  static LuaScript load(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource " + name + " in llm-store-redis");
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Object run(UnifiedJedis client, List<String> keys, List<String> args) {
    try {
      return client.evalsha(sha1, keys, args);
    } catch (JedisNoScriptException unknown) {
      return client.eval(text, keys, args);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-1", e);
    }
  }
}
