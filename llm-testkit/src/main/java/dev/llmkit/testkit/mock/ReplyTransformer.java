package dev.llmkit.testkit.mock;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WireMock extension behind the mock server's one catch-all stub: finds the mounted dialect whose
 * paths match the request, records the request, takes the next scripted reply (or asks the fallback
 * responder) and renders it in that dialect. A request no dialect serves gets a 404 naming the mounted ones.
 */
final class ReplyTransformer implements ResponseDefinitionTransformerV2 {
  static final String NAME = "llmkit-mock-replies";

  /** Where requests go and replies come from: the server. */
  interface Script {
    void record(RecordedRequest request);

    MockReply next(RecordedRequest request);
  }

  private final Script script;
  private final List<WireDialect> dialects;

  ReplyTransformer(Script script, List<WireDialect> dialects) {
    this.script = script;
    this.dialects = List.copyOf(dialects);
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    LoggedRequest req = serveEvent.getRequest();
    String url = req.getUrl();
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    String method = req.getMethod().getName();
    Optional<WireDialect> dialect = method.equals("POST")
        ? dialects.stream().filter(d -> d.paths().matcher(path).matches()).findFirst()
        : Optional.empty();
    if (dialect.isEmpty()) {
      return ReplyRenderer.notServed(method, path, dialects);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : req.getHeaders().all()) {
      headers.put(h.key(), h.values());
    }
    RecordedRequest recorded = new RecordedRequest(dialect.get(), method, path, q < 0 ? "" : url.substring(q + 1),
        headers, req.getBody());
    script.record(recorded);
    try {
      return recorded.isTokenCount()
          ? ReplyRenderer.tokenCount(recorded)
          : ReplyRenderer.render(script.next(recorded), recorded);
    } catch (RuntimeException e) {
      return ReplyRenderer.responderFailure(e, dialect.get());
    }
  }
}
