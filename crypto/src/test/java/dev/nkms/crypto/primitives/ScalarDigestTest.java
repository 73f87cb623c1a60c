package dev.nkms.crypto.primitives;

import static dev.nkms.crypto.TestFixtures.N;
import static dev.nkms.crypto.TestFixtures.concat;
import static dev.nkms.crypto.TestFixtures.hex;
import static dev.nkms.crypto.TestFixtures.randomScalar;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.ec.Point;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScalarDigestTest {

  /**
   * §2.5 computed from scratch: SHA-256(u32be(len(DST)) ‖ DST ‖ data), then (w mod (n − 1)) + 1.
   */
  private static BigInteger reference(byte[] dst, byte[] data) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(ByteBuffer.allocate(4).putInt(dst.length).array());
    sha.update(dst);
    sha.update(data);
    return new BigInteger(1, sha.digest()).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  @Test
  void specKnownAnswerForAbcWithNoData() {
    // Spec §2.5 / §7.1: H_"abc"() = (SHA256(00000003 ‖ "abc") mod (n−1)) + 1.
    assertThat(hex(ScalarDigest.withTag("abc").finish().toBytes()))
        .isEqualTo("d04b72a650ce0f8ce4963330a53ee2832733d2baeffff3c1d8e256cca096d121");
    assertThat(ScalarDigest.withTag("abc".getBytes(StandardCharsets.US_ASCII)).finish())
        .isEqualTo(ScalarDigest.withTag("abc").finish());
  }

  @Test
  void agreesWithTheDefinitionForPointsAndBytes() throws Exception {
    SplittableRandom rnd = new SplittableRandom(50);
    String[] tags = {
      ScalarDigest.CAPSULE_POINTS,
      ScalarDigest.SHARED_SECRET,
      ScalarDigest.POLYNOMIAL_ARG,
      ScalarDigest.CFRAG_VERIFICATION,
      "",
      "x"
    };
    for (int i = 0; i < 100; i++) {
      String tag = tags[i % tags.length];
      Point p = Point.mulG(randomScalar(rnd));
      Point q = Point.mulG(randomScalar(rnd));
      byte[] raw = new byte[rnd.nextInt(0, 80)];
      rnd.nextBytes(raw);
      BigInteger got =
          ScalarDigest.withTag(tag).chain(p).chain(raw).chain(q).finish().toBigInteger();
      byte[] data = concat(p.toCompressed(), raw, q.toCompressed());
      assertThat(got).isEqualTo(reference(tag.getBytes(StandardCharsets.US_ASCII), data));
    }
  }

  @Test
  void dstLengthPrefixIsFourBytesEvenForLongTags() throws Exception {
    byte[] tag = new byte[300]; // length 0x0000012c: a one-byte prefix would truncate it
    new SplittableRandom(51).nextBytes(tag);
    byte[] data = "payload".getBytes(StandardCharsets.US_ASCII);
    assertThat(ScalarDigest.withTag(tag).chain(data).finish().toBigInteger())
        .isEqualTo(reference(tag, data));
  }

  @Test
  void tagsSeparateDomainsAndChainingIsConcatenation() {
    byte[] ab = "ab".getBytes(StandardCharsets.US_ASCII);
    assertThat(ScalarDigest.withTag("A").chain(ab).finish())
        .isNotEqualTo(ScalarDigest.withTag("B").chain(ab).finish());
    assertThat(ScalarDigest.withTag("T").chain(new byte[] {'a'}).chain(new byte[] {'b'}).finish())
        .isEqualTo(ScalarDigest.withTag("T").chain(ab).finish());
    // "tag ‖ data" boundaries matter only through the length prefix: ("TA", "") ≠ ("T", "A").
    assertThat(ScalarDigest.withTag("TA").finish())
        .isNotEqualTo(ScalarDigest.withTag("T").chain(new byte[] {'A'}).finish());
  }

  @Test
  void withTagCopiesTheTagBytes() {
    byte[] tag = "mutable".getBytes(StandardCharsets.US_ASCII);
    ScalarDigest d = ScalarDigest.withTag(tag);
    tag[0] = 'X';
    assertThat(d.finish()).isEqualTo(ScalarDigest.withTag("mutable").finish());
  }

  @Test
  void sha256KnownAnswer() {
    // FIPS 180-2 example: SHA-256("abc").
    assertThat(hex(ScalarDigest.sha256("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
