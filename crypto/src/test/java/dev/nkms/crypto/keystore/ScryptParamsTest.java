package dev.nkms.crypto.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScryptParamsTest {
  @Test
  void defaultParametersAreTheDocumentedOnes() {
    assertThat(ScryptParams.DEFAULT.n()).isEqualTo(1 << 15);
    assertThat(ScryptParams.DEFAULT.r()).isEqualTo(8);
    assertThat(ScryptParams.DEFAULT.p()).isEqualTo(1);
    assertThat(ScryptParams.of(1 << 15, 8, 1))
        .isEqualTo(ScryptParams.DEFAULT)
        .hasSameHashCodeAs(ScryptParams.DEFAULT)
        .isNotEqualTo(ScryptParams.of(1 << 15, 8, 2));
  }

  @Test
  void scryptParamsAreValidatedOnConstruction() {
    assertThatThrownBy(() -> ScryptParams.of(1 << 21, 8, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two between 2 and 2^20");
    assertThatThrownBy(() -> ScryptParams.of(1000, 8, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScryptParams.of(1 << 20, 16, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 GiB");
    assertThatThrownBy(() -> ScryptParams.of(16, 33, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scrypt r must be between 1 and 32, got 33");
    assertThatThrownBy(() -> ScryptParams.of(16, 8, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scrypt p must be between 1 and 16, got 0");
    assertThat(ScryptParams.of(1 << 20, 8, 1).toString()).isEqualTo("scrypt(N=1048576, r=8, p=1)");
  }

  @Test
  void theParserCanAskAboutValuesThatDoNotFitAnInt() {
    assertThat(ScryptParams.problem(1L << 40, 8, 1)).contains("power of two");
    assertThat(ScryptParams.problem(16, 8, 1)).isNull();
  }
}
