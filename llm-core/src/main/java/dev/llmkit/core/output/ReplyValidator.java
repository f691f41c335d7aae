package dev.llmkit.core.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.llmkit.api.InvalidRequestException;
import dev.llmkit.api.ResponseFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks a reply against a {@link ResponseFormat} with a JSON Schema validator (networknt, draft
 * 2020-12 unless the schema names another with {@code $schema}). Schemas may not load anything by
 * {@code $ref} from the network or the file system: a reply check must never reach out.
 */
final class ReplyValidator {
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
      b -> b.schemaLoaders(loaders -> loaders.values(list -> list.add(0, iri -> {
        String scheme = iri.getScheme();
        if (!"classpath".equals(scheme) && !"resource".equals(scheme)) {
          throw new IllegalArgumentException("the schema refers to " + iri + "; llmkit loads no schema from outside");
        }
        return null; // the built-in meta-schemas, loaded by the next loader
      }))));

  /** One way the reply breaks the format: where (a JSON path into the reply) and how. */
  record Violation(String path, String message) {}

  private final ResponseFormat format;
  private final JsonSchema schema; // for JSON_OBJECT: {"type": "object"}

  private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  /**
   * A validator for {@code format}. A schema that breaks the JSON Schema meta-schema, or that refers to
   * anything outside itself, is refused here (an {@link InvalidRequestException} naming what is wrong),
   * before anything is sent.
   */
  ReplyValidator(ResponseFormat format) {
    this.format = format;
    JsonNode tree = format.type() == ResponseFormat.Type.JSON_SCHEMA
        ? SchemaJson.tree(format.schema())
        : SchemaJson.MAPPER.createObjectNode().put("type", "object");
    if (format.type() == ResponseFormat.Type.JSON_SCHEMA && !tree.has("$schema")) {
      List<Violation> wrong = violations(FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12)), tree);
      if (!wrong.isEmpty()) {
        throw new InvalidRequestException(List.of("responseFormat '" + format.name() + "' is not a valid JSON schema: "
            + wrong.stream().map(v -> v.path() + ": " + v.message()).collect(Collectors.joining("; "))));
      }
    }
    this.schema = FACTORY.getSchema(tree);
    this.schema.initializeValidators(); // resolves every $ref now, so a bad one fails before sending
  }

  /** The reply parsed, or null when it is not JSON. */
  static @Nullable JsonNode parse(String text) {
    try {
      return SchemaJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Every violation of the schema by {@code reply}, in path order; empty when it conforms. */
  List<Violation> violations(JsonNode reply) {
    return violations(schema, reply);
  }

  private static List<Violation> violations(JsonSchema schema, JsonNode reply) {
    Set<ValidationMessage> messages = schema.validate(reply);
    List<Violation> out = new ArrayList<>(messages.size());
    for (ValidationMessage m : messages) {
      out.add(new Violation(m.getInstanceLocation().toString(), m.getError() != null ? m.getError() : m.getMessage()));
    }
    out.sort(Comparator.comparing(Violation::path).thenComparing(Violation::message));
    return out;
  }

  ResponseFormat format() {
    return format;
  }
}
