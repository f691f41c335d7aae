package dev.llmkit.api;

/** What a model can do, as far as llmkit needs to know to format a request for it. */
public record ModelFeatures(
    boolean nativeToolCalling, boolean reasoningEffort, boolean promptCache, boolean stopWords, boolean vision) {

  /** A plain chat model: stop words only. */
  public static final ModelFeatures BASIC = new ModelFeatures(false, false, false, true, false);

  /** Tools, stop words and vision. */
  public static final ModelFeatures TOOLS_AND_VISION = new ModelFeatures(true, false, false, true, true);
}
