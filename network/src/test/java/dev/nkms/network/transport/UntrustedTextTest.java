package dev.nkms.network.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTextTest {
  @Test
  void untrustedTextIsNeutralized() {
    assertThat(UntrustedText.sanitize("line\nforged\u202e", 100)).isEqualTo("line?forged?");
    assertThat(UntrustedText.sanitize("abcdef", 3)).isEqualTo("abc…");
  }
}
