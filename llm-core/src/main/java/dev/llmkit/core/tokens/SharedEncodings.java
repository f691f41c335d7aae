package dev.llmkit.core.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;

/**
 * The one jtokkit registry of this JVM, created on first use. It is lazy: each vocabulary is read from
 * jtokkit's jar the first time it is asked for (o200k_base is 3.6 MB of ranks), once, under the
 * registry's own {@code ConcurrentHashMap}, and shared by every counter after that.
 */
final class SharedEncodings {
  private SharedEncodings() {}

  private static final class Holder {
    static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
  }

  static Encoding get(TiktokenEncoding encoding) {
    return Holder.REGISTRY.getEncoding(encoding.type());
  }
}
