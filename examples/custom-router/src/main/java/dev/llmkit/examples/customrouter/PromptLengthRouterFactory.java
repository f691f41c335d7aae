package dev.llmkit.examples.customrouter;

import com.google.auto.service.AutoService;
import dev.llmkit.api.Message;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.RoutePlan;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RouterContext;
import dev.llmkit.spi.RouterFactory;
import dev.llmkit.spi.RouterSettings;
import dev.llmkit.spi.RoutingRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A router of your own, in one class: {@code prompt-length}. A conversation whose key starts with a
 * tag listed in {@code tags} ({@code premium=big,batch=small}, the tag before the first {@code :})
 * goes to that candidate; otherwise prompts up to {@code threshold_chars} characters go to
 * {@code short}, longer ones to {@code long}. Either way the plan falls back to the other candidates
 * on transient errors.
 *
 * <p>{@code @AutoService} writes the {@code META-INF/services} entry, so putting this jar on the class
 * path is all it takes: {@code RoutingConfig.builder("prompt-length")} finds it by id.
 */
@AutoService(RouterFactory.class)
public final class PromptLengthRouterFactory implements RouterFactory {
  public static final String ID = "prompt-length";
  private static final Set<String> KEYS = Set.of("short", "long", "threshold_chars", "tags");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> settingKeys() {
    return KEYS;
  }

  @Override
  public Router create(Map<String, String> settings, RouterContext context) {
    RouterSettings s = RouterSettings.of(ID, settings, KEYS); // rejects unknown keys, listing these
    List<String> names = context.candidates().stream().map(RouteCandidate::name).toList();
    if (names.size() < 2 && (s.string("short").isEmpty() || s.string("long").isEmpty())) {
      throw RouterSettings.error(ID, "router '" + ID + "' needs a short and a long candidate; the candidates are " + names);
    }
    String shortOne = candidate(s, "short", names.isEmpty() ? "" : names.get(0), names);
    String longOne = candidate(s, "long", names.size() < 2 ? "" : names.get(1), names);
    long threshold = s.number("threshold_chars", 2_000);
    Map<String, String> tags = new HashMap<>();
    for (String pair : s.list("tags")) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2) {
        throw RouterSettings.error(ID, "setting 'tags' of router '" + ID + "' takes tag=candidate pairs, not '" + pair + "'");
      }
      tags.put(kv[0].trim(), candidate(s, "tags", kv[1].trim(), names));
    }
    return new Router() {
      @Override
      public RoutePlan plan(RoutingRequest request) {
        String key = request.conversationKey();
        if (key != null && key.indexOf(':') > 0) {
          String target = tags.get(key.substring(0, key.indexOf(':')));
          if (target != null) {
            return RoutePlan.ordered(withRest(target, request), "tag");
          }
        }
        long chars = 0;
        for (Message m : request.request().messages()) {
          chars += m.toString().length();
        }
        return chars <= threshold
            ? RoutePlan.ordered(withRest(shortOne, request), "short-prompt")
            : RoutePlan.ordered(withRest(longOne, request), "long-prompt");
      }
    };
  }

  /** {@code first}, then the other candidates in the config's order. */
  private static List<String> withRest(String first, RoutingRequest request) {
    List<String> order = new java.util.ArrayList<>(List.of(first));
    request.names().stream().filter(n -> !n.equals(first)).forEach(order::add);
    return order;
  }

  private static String candidate(RouterSettings s, String key, String fallback, List<String> names) {
    String name = key.equals("tags") ? fallback : s.string(key, fallback);
    if (!names.isEmpty() && !names.contains(name)) {
      throw s.unknownCandidate(key, name, names);
    }
    return name;
  }
}
