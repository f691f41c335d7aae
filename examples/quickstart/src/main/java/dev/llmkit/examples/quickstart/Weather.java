package dev.llmkit.examples.quickstart;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The quickstart's "tool": a made-up but deterministic weather report for the city in the arguments. */
final class Weather {
  private static final Pattern CITY = Pattern.compile("\"city\"\\s*:\\s*\"([^\"]*)\"");
  private static final String[] SKIES = {"sunny", "cloudy", "light rain", "windy"};

  private Weather() {}

  static String lookup(String argumentsJson) {
    Matcher m = CITY.matcher(argumentsJson);
    String city = m.find() ? m.group(1) : "unknown";
    int h = Math.abs(city.hashCode());
    return "{\"city\":\"" + city + "\",\"temperature_c\":" + (8 + h % 20) + ",\"sky\":\"" + SKIES[h % SKIES.length] + "\"}";
  }
}
