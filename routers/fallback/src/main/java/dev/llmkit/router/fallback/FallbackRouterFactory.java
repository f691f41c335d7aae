package dev.llmkit.router.fallback;

import com.google.auto.service.AutoService;
import dev.llmkit.api.ErrorKind;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.RoutePlan;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RouterContext;
import dev.llmkit.spi.RouterFactory;
import dev.llmkit.spi.RouterSettings;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code fallback} router. Settings (all optional; candidate names separated by commas):
 * <ul>
 *   <li>{@code order}: the chain, default the config's candidate order;
 *   <li>{@code fallback_on}: the error kinds that move on to the next candidate, default
 *       {@code RATE_LIMITED, OVERLOADED, SERVER_ERROR, TIMEOUT, CONNECTION, CONFLICT};
 *   <li>{@code context_window_fallbacks}: the chain after a context-window error, and where a prompt
 *       that does not fit the first candidate's window goes before it is sent; default every candidate
 *       with a larger window than the first's, smallest first;
 *   <li>{@code content_policy_fallbacks}: the chain after a content-policy refusal; default none (the
 *       refusal ends the call).
 * </ul>
 */
@AutoService(RouterFactory.class)
public final class FallbackRouterFactory implements RouterFactory {
  public static final String ID = "fallback";
  public static final String ORDER = "order";
  public static final String FALLBACK_ON = "fallback_on";
  public static final String CONTEXT_WINDOW_FALLBACKS = "context_window_fallbacks";
  public static final String CONTENT_POLICY_FALLBACKS = "content_policy_fallbacks";
  private static final Set<String> KEYS = Set.of(ORDER, FALLBACK_ON, CONTEXT_WINDOW_FALLBACKS, CONTENT_POLICY_FALLBACKS);

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
    RouterSettings s = RouterSettings.of(ID, settings, KEYS);
    List<String> known = context.candidates().stream().map(RouteCandidate::name).toList();
    List<String> order = names(s, ORDER, known);
    List<String> contextChain = names(s, CONTEXT_WINDOW_FALLBACKS, known);
    List<String> policyChain = names(s, CONTENT_POLICY_FALLBACKS, known);
    Set<ErrorKind> moveOn = EnumSet.noneOf(ErrorKind.class);
    List<String> kinds = s.list(FALLBACK_ON);
    if (kinds.isEmpty()) {
      moveOn.addAll(RoutePlan.TRANSIENT);
    }
    for (String kind : kinds) {
      try {
        moveOn.add(ErrorKind.valueOf(kind.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw RouterSettings.error(ID, "setting '" + FALLBACK_ON + "' of router '" + ID + "' names an unknown error kind '"
            + kind + "'; the kinds are " + List.of(ErrorKind.values()));
      }
    }
    return new FallbackRouter(context.clock(), order, moveOn, contextChain, policyChain);
  }

  private static List<String> names(RouterSettings s, String key, List<String> known) {
    List<String> names = s.list(key);
    for (String name : names) {
      if (!known.isEmpty() && !known.contains(name)) {
        throw s.unknownCandidate(key, name, known);
      }
    }
    if (names.size() != Set.copyOf(names).size()) {
      throw RouterSettings.error(ID, "setting '" + key + "' of router '" + ID + "' names a candidate twice: " + names);
    }
    return names;
  }
}
