package dev.llmkit.spi;

import java.time.Clock;

/** What the host hands a router. */
public interface RouterContext {

  Clock clock();

  System.Logger logger();
}
