package dev.llmkit.core.cost;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Cuts the bundled catalog's text into its header and one JSON array of entries per provider,
 * without parsing it, so that a JVM parses only the providers it looks models up at: OpenRouter
 * alone is over half the file, and parsing all of it was the largest part of llmkit's start-up
 * after the HTTP client's.
 *
 * <p>It relies on the layout {@code tools/catalog/generate.py} writes: the header fields, then a
 * line {@code  "models": [}, then one entry per line, each starting {@code {"provider": "name"}
 * and ending with a comma but the last, then {@code  ]} and {@code }}. Any other layout gives
 * {@code null}, and the caller reads the file whole.
 */
final class CatalogSections {
  private static final String MODELS_LINE = " \"models\": [";
  private static final String ENTRY_START = "  {\"provider\": \"";

  /**
   * The header as a document of its own (its fields and an empty {@code models} array), and each
   * provider's entries as a JSON array, by provider name in {@link ModelNames#provider} form, in the
   * order the file names them first.
   */
  record Split(String header, Map<String, String> arrays) {}

  private CatalogSections() {}

  static @Nullable Split of(String text) {
    int models = text.indexOf('\n' + MODELS_LINE + '\n');
    if (models < 0) {
      return null;
    }
    String header = text.substring(0, models + 1) + " \"models\": []\n}\n";
    Map<String, StringBuilder> arrays = new LinkedHashMap<>();
    int at = models + MODELS_LINE.length() + 2;
    while (true) {
      int end = text.indexOf('\n', at);
      if (end < 0) {
        return null;
      }
      String line = text.substring(at, end);
      if (line.equals(" ]")) {
        return text.substring(end + 1).equals("}\n") ? new Split(header, arrays(arrays)) : null;
      }
      int nameEnd = line.indexOf('"', ENTRY_START.length());
      if (!line.startsWith(ENTRY_START) || nameEnd < 0) {
        return null;
      }
      String provider = ModelNames.provider(line.substring(ENTRY_START.length(), nameEnd));
      String entry = line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
      StringBuilder array = arrays.get(provider);
      if (array == null) {
        arrays.put(provider, new StringBuilder("[\n").append(entry));
      } else {
        array.append(",\n").append(entry);
      }
      at = end + 1;
    }
  }

  private static Map<String, String> arrays(Map<String, StringBuilder> builders) {
    Map<String, String> arrays = new LinkedHashMap<>();
    builders.forEach((provider, array) -> arrays.put(provider, array.append("\n]\n").toString()));
    return arrays;
  }
}
