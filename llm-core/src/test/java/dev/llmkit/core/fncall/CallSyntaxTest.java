package dev.llmkit.core.fncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmkit.api.ToolCall;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenHands' test_convert_tool_call_to_string cases, plus scalars Python prints its own way. */
class CallSyntaxTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      `{"command": "grep -n \\"_format_float\\" /testbed/astropy/io/fits/card.py"}` | `<function=f>\n<parameter=command>grep -n "_format_float" /testbed/astropy/io/fits/card.py</parameter>\n</function>`
      `{"command": "view", "path": "/test/file.py", "view_range": [1, 10]}` | `<function=f>\n<parameter=command>view</parameter>\n<parameter=path>/test/file.py</parameter>\n<parameter=view_range>[1, 10]</parameter>\n</function>`
      `{"old_str": "def example():\\n    pass"}` | `<function=f>\n<parameter=old_str>def example():\n    pass</parameter>\n</function>`
      `{"tags": ["tag1", "tag2", "tag with spaces"]}` | `<function=f>\n<parameter=tags>["tag1", "tag2", "tag with spaces"]</parameter>\n</function>`
      `{"metadata": {"key1": "value1", "key2": 42, "nested": {"subkey": "subvalue"}}}` | `<function=f>\n<parameter=metadata>{"key1": "value1", "key2": 42, "nested": {"subkey": "subvalue"}}</parameter>\n</function>`
      `{"flag": true, "none": null, "ratio": 1e-5, "big": 1.5e16, "n": 3, "x": 2.0}` | `<function=f>\n<parameter=flag>True</parameter>\n<parameter=none>None</parameter>\n<parameter=ratio>1e-05</parameter>\n<parameter=big>1.5e+16</parameter>\n<parameter=n>3</parameter>\n<parameter=x>2.0</parameter>\n</function>`
      `{"list": ["caf\\u00e9", {"a": false}]}` | `<function=f>\n<parameter=list>["caf\\u00e9", {"a": false}]</parameter>\n</function>`
      `{}` | `<function=f>\n</function>`
      """)
  void a_call_is_written_as_openhands_writes_it(String arguments, String expected) {
    assertThat(CallSyntax.render(new ToolCall("id", "f", arguments), OpenHandsGolden.MODEL))
        .isEqualTo(expected.replace("\\n", "\n").replace("\\\\u", "\\u"));
  }
}
