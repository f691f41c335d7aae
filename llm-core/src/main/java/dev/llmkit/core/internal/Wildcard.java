package dev.llmkit.core.internal;

/**
 * Matches a whole name against a pattern in which {@code *} is any run of characters (also none)
 * and every other pattern character is judged by a {@link CharRule}: the model-name patterns of the
 * price catalog and of the feature lists, without compiling a regular expression for each (there
 * are hundreds, and compiling them was a visible part of start-up).
 */
public final class Wildcard {
  /** Whether one pattern character other than {@code *} accepts one character of the name. */
  @FunctionalInterface
  public interface CharRule {
    boolean accepts(char patternChar, char c);
  }

  private Wildcard() {}

  /** Whether {@code name} as a whole matches {@code pattern}; linear backtracking on the last {@code *}. */
  public static boolean matches(String pattern, String name, CharRule rule) {
    int p = 0;
    int n = 0;
    int starP = -1;
    int starN = 0;
    while (n < name.length()) {
      if (p < pattern.length() && pattern.charAt(p) != '*' && rule.accepts(pattern.charAt(p), name.charAt(n))) {
        p++;
        n++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        starP = p++;
        starN = n;
      } else if (starP >= 0) {
        p = starP + 1;
        n = ++starN;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
