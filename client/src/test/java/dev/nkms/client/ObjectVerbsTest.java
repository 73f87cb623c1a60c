package dev.nkms.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectVerbsTest {
  @ParameterizedTest
  @CsvSource({
    "medical, medical",
    "x-ray_2024.v1, x-ray_2024.v1",
    "s3://b/photos/, s3___b_photos_",
    "'a b/c', a_b_c",
    "., _.",
    ".., _..",
    "über, _ber",
  })
  void aLabelBecomesOneSafePathSegment(String label, String segment) {
    assertThat(ObjectVerbs.segment(label)).isEqualTo(segment);
  }

  @org.junit.jupiter.api.Test
  void aLongLabelIsCutToSixtyFourCharacters() {
    assertThat(ObjectVerbs.segment("a".repeat(500))).hasSize(64);
  }
}
