package dev.llmkit.router.multimodal;

import com.google.auto.service.AutoService;
import dev.llmkit.spi.RouteCandidate;
import dev.llmkit.spi.Router;
import dev.llmkit.spi.RouterContext;
import dev.llmkit.spi.RouterFactory;
import dev.llmkit.spi.RouterSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code multimodal} router. Settings:
 * <ul>
 *   <li>{@code primary}: the candidate for images and long prompts; default the first candidate;
 *   <li>{@code secondary}: the cheaper default; default the second candidate. A routing config without
 *       a secondary is a configuration error;
 *   <li>{@code max_conversations}: how many sticky conversations are remembered (oldest forgotten
 *       first), default 10000.
 * </ul>
 */
@AutoService(RouterFactory.class)
public final class MultimodalRouterFactory implements RouterFactory {
  public static final String ID = "multimodal";
  public static final String PRIMARY = "primary";
  public static final String SECONDARY = "secondary";
  public static final String MAX_CONVERSATIONS = "max_conversations";
  private static final Set<String> KEYS = Set.of(PRIMARY, SECONDARY, MAX_CONVERSATIONS);

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
    String primary = pick(s, PRIMARY, known, 0);
    String secondary = pick(s, SECONDARY, known, 1);
    if (primary.equals(secondary)) {
      throw RouterSettings.error(ID, "router '" + ID + "' needs two different candidates, primary and secondary; both are '"
          + primary + "'");
    }
    long max = s.number(MAX_CONVERSATIONS, 10_000);
    if (max < 1) {
      throw RouterSettings.error(ID, "setting '" + MAX_CONVERSATIONS + "' of router '" + ID + "' must be at least 1");
    }
    return new MultimodalRouter(primary, secondary, (int) Math.min(max, Integer.MAX_VALUE));
  }

  private static String pick(RouterSettings s, String key, List<String> known, int index) {
    Optional<String> named = s.string(key);
    if (named.isPresent()) {
      if (!known.isEmpty() && !known.contains(named.get())) {
        throw s.unknownCandidate(key, named.get(), known);
      }
      return named.get();
    }
    if (known.size() <= index) {
      throw RouterSettings.error(ID, "router '" + ID + "' needs a " + key + " model: set '" + key
          + "' to a candidate name or list " + (index + 1) + " candidates (primary first, then secondary); the candidates are "
          + known);
    }
    return known.get(index);
  }
}
