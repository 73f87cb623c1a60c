package dev.nkms.crypto.keys;

import static dev.nkms.crypto.TestFixtures.filled;
import static dev.nkms.crypto.TestFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.TestFixtures.CountingSource;
import dev.nkms.crypto.TestFixtures.ScriptedSource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretKeyFactoryTest {
  private static final byte[] SEED = filled(32, 0x07);

  @Test
  void specVectors() throws Exception {
    // Spec §2.9, seed 07×32, verified against WASM.
    SecretKeyFactory f = SecretKeyFactory.fromSecureRandomness(SEED);
    assertThat(hex(f.makeKey("label").toSecretBytes()))
        .isEqualTo("e1bdf32f17e4a79a70d6dbe1a83c2b67ef4f693efcd6187e610bbb07bde64875");
    assertThat(hex(f.makeSecret("label".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(
            "cd32a16b53760b035840e0a9e874d36d92f4f07cc5f7f00cfaa5f7df66cc55b0"
                + "fba2d9f7d9cfb1e8637aace2736b8975e32f92fb854fc60c3b434c2b7574e309");
    assertThat(
            hex(
                f.makeFactory("label".getBytes(StandardCharsets.UTF_8))
                    .makeKey("k")
                    .toSecretBytes()))
        .isEqualTo("c9816abf8d383c2b3377b599d5c7252bb6bd6f41037438758a1dfae9007b0018");
  }

  @Test
  void stringAndUtf8ByteLabelsAgreeAndLabelsSeparateKeys() throws Exception {
    SecretKeyFactory f = SecretKeyFactory.fromSecureRandomness(SEED);
    assertThat(f.makeKey("πολιτική"))
        .isEqualTo(f.makeKey("πολιτική".getBytes(StandardCharsets.UTF_8)));
    assertThat(f.makeKey("a")).isNotEqualTo(f.makeKey("b"));
    assertThat(f.makeKey("")).isNotEqualTo(f.makeKey("a"));
    assertThat(f.makeKey("label")).isEqualTo(f.makeKey("label"));
    // A different seed gives different keys for the same label.
    SecretKeyFactory g = SecretKeyFactory.fromSecureRandomness(filled(32, 0x08));
    assertThat(g.makeKey("label")).isNotEqualTo(f.makeKey("label"));
  }

  @Test
  void rejectsSeedsOfTheWrongLength() {
    for (int len : new int[] {0, 16, 31, 33, 64}) {
      assertThatThrownBy(() -> SecretKeyFactory.fromSecureRandomness(new byte[len]))
          .isInstanceOf(MalformedInputException.class)
          .hasMessageContaining(len + " bytes, expected 32");
    }
  }

  @Test
  void copiesTheSeedInAndOut() throws Exception {
    byte[] seed = SEED.clone();
    SecretKeyFactory f = SecretKeyFactory.fromSecureRandomness(seed);
    SecretKey before = f.makeKey("label");
    seed[0] ^= 1;
    assertThat(f.makeKey("label")).isEqualTo(before);
    byte[] out = f.toSecretBytes();
    assertThat(out).isEqualTo(SEED);
    out[0] ^= 1;
    assertThat(f.toSecretBytes()).isEqualTo(SEED);
  }

  @Test
  void randomDrawsExactlyTheSeed() throws Exception {
    CountingSource src = new CountingSource(new ScriptedSource(SEED.clone()));
    SecretKeyFactory f = SecretKeyFactory.random(src);
    assertThat(src.bytes()).isEqualTo(SecretKeyFactory.SEED_LENGTH);
    assertThat(f.makeKey("label"))
        .isEqualTo(SecretKeyFactory.fromSecureRandomness(SEED).makeKey("label"));
  }

  @Test
  void toStringNeverShowsTheSeed() throws Exception {
    byte[] seed = hex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    SecretKeyFactory f = SecretKeyFactory.fromSecureRandomness(seed);
    assertThat(f.toString()).doesNotContain("0123456789abcdef").doesNotContain("0123456789ABCDEF");
    assertThat(f.toString()).doesNotContain(hex(f.makeKey("label").toSecretBytes()));
  }
}
