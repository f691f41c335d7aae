package dev.llmkit.core.store;

/** The kinds of state a {@link SharedStores} keeps; each may have its own {@link FailPolicy}. */
public enum SharedStoreKind {
  BUDGET("budget"),
  RATE_LIMIT("rate-limit"),
  CIRCUIT("circuit"),
  RESPONSE_CACHE("response-cache");

  private final String id;

  SharedStoreKind(String id) {
    this.id = id;
  }

  /** The name in settings and metric names: {@code budget}, {@code rate-limit}, {@code circuit}, {@code response-cache}. */
  public String id() {
    return id;
  }

  /** The kind named {@code id} (as {@link #id()} spells it, or the constant's name, any case). */
  public static SharedStoreKind of(String id) {
    for (SharedStoreKind k : values()) {
      if (k.id.equalsIgnoreCase(id) || k.name().equalsIgnoreCase(id.replace('-', '_'))) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown store kind '" + id + "'; use one of budget, rate-limit, circuit, response-cache");
  }

  @Override
  public String toString() {
    return id;
  }
}
