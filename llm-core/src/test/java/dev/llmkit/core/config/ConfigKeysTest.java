package dev.llmkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.LlmConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The key table must grow with LlmConfig: a setting without a TOML key and LLM_ variable fails here. */
class ConfigKeysTest {

  private static Set<String> coveredSetters() {
    Set<String> covered = new HashSet<>();
    ConfigKeys.all().forEach(k -> covered.addAll(k.setters()));
    return covered;
  }

  @Test
  void every_builder_setter_has_a_key() {
    Set<String> setters = new TreeSet<>();
    for (Method m : LlmConfig.Builder.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.getName().equals("build")) {
        setters.add(m.getName());
      }
    }
    setters.removeAll(coveredSetters());

    assertThat(setters).as("LlmConfig.Builder setters without an entry in ConfigKeys").isEmpty();
  }

  @Test
  void every_config_field_has_a_key() {
    Set<String> fields = new TreeSet<>();
    Arrays.stream(LlmConfig.class.getRecordComponents()).map(RecordComponent::getName).forEach(fields::add);
    Set<String> covered = coveredSetters();
    // A map field may have only a one-entry setter (extraHeaders has extraHeader).
    fields.removeIf(f -> covered.contains(f) || (f.endsWith("s") && covered.contains(f.substring(0, f.length() - 1))));

    assertThat(fields).as("LlmConfig fields without an entry in ConfigKeys").isEmpty();
  }

  @Test
  void every_setter_a_key_names_exists() {
    Set<String> methods = new HashSet<>();
    Arrays.stream(LlmConfig.Builder.class.getMethods()).map(Method::getName).forEach(methods::add);

    assertThat(coveredSetters()).allSatisfy(s -> assertThat(methods).contains(s));
  }

  @Test
  void keys_are_unique_snake_case_names() {
    assertThat(ConfigKeys.all()).extracting(ConfigKey::name).doesNotHaveDuplicates()
        .allSatisfy(n -> assertThat(n).matches("[a-z][a-z0-9_]*"));
  }

  @Test
  void secrets_are_the_credentials_and_header_values() {
    assertThat(ConfigKeys.all().stream().filter(ConfigKey::secret).map(ConfigKey::name))
        .containsExactlyInAnyOrder("api_key", "aws_access_key_id", "aws_secret_access_key", "extra_headers");
  }
}
