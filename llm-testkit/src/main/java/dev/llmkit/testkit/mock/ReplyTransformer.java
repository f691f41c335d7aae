package dev.llmkit.testkit.mock;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WireMock extension behind every mock endpoint: records the request, takes the next scripted
 * reply (or asks the fallback responder) and renders it in the endpoint's wire format.
 */
final class ReplyTransformer implements ResponseDefinitionTransformerV2 {
  static final String NAME = "llmkit-mock-replies";

  /** Where requests go and replies come from: the server. */
  interface Script {
    void record(RecordedRequest request);

    MockReply next(RecordedRequest request);
  }

  private final Script script;

  ReplyTransformer(Script script) {
    this.script = script;
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
    String path = pathOf(req.getUrl());
    MockLlmServer.WireFormat format = MockLlmServer.WireFormat.forPath(path);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : req.getHeaders().all()) {
      headers.put(h.key(), h.values());
    }
    RecordedRequest recorded = new RecordedRequest(format, req.getMethod().getName(), path, headers, req.getBody());
    script.record(recorded);
    WireDialect dialect = format == MockLlmServer.WireFormat.OPENAI ? OpenAiDialect.INSTANCE : AnthropicDialect.INSTANCE;
    if (recorded.isTokenCount()) {
      return ReplyRenderer.tokenCount(recorded, dialect);
    }
    try {
      return ReplyRenderer.render(script.next(recorded), recorded, dialect);
    } catch (RuntimeException e) {
      return ReplyRenderer.responderFailure(e, dialect);
    }
  }

  private static String pathOf(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
