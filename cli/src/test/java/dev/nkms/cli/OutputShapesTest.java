package dev.nkms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check {@link CliRunner} applies to every output: it catches each toString shape and lets real
 * text through.
 */
class OutputShapesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "     RetrievalState[3f2a9c0011223344, 1 capsules, 4 nodes asked, 0 misbehaving]",
        "state Stake[operator=0xab, node=0xcd, amount=1]",
        "node Optional[0x1234abcd]",
        "node Optional.empty",
        "answers {0xab12=active, 0xcd34=revoked}",
        "policy went to [0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359]",
        "misbehaving: [0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed]",
        "keys dev.nkms.protocol.keys.AliceKeys@1b6d3586",
        "failed: java.io.UncheckedIOException: disk full"
      })
  void catchesEachToStringShape(String line) {
    assertThat(OutputShapes.find("first line\n" + line + "\nlast line"))
        .hasValueSatisfying(found -> assertThat(found).endsWith("in: " + line));
    assertThatThrownBy(() -> OutputShapes.check("stdout", line)).isInstanceOf(AssertionError.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "policy 3f2a9c0011223344 ('medical') 2-of-3 until 2030-01-01T00:00:00Z",
        "  kfrag at 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed (127.0.0.1:9151)",
        "{\"policy\":\"3f2a\",\"nodes\":[{\"node\":\"0xab\"}],\"unconfirmed\":{}}",
        "Usage: nkms alice grant [-hqvV] [--json] --keys=<keys> [--exclude=<exclude>[,<exclude>...]]...",
        "nkms: unknown option '--bogus'; see 'nkms network status --help'",
        "went to 0x5aaeb605…, 0xfb691609… — including node-6",
        "contact nkms@example.org"
      })
  void letsDeliberateTextThrough(String line) {
    assertThat(OutputShapes.find(line)).isEmpty();
    OutputShapes.check("stdout", line);
  }
}
