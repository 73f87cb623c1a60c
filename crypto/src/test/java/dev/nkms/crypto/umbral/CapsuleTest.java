package dev.nkms.crypto.umbral;

import static dev.nkms.crypto.TestFixtures.N;
import static dev.nkms.crypto.TestFixtures.P;
import static dev.nkms.crypto.TestFixtures.be32;
import static dev.nkms.crypto.TestFixtures.concat;
import static dev.nkms.crypto.TestFixtures.copyWith;
import static dev.nkms.crypto.TestFixtures.copyWithByte;
import static dev.nkms.crypto.TestFixtures.hex;
import static dev.nkms.crypto.TestFixtures.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.ec.Point;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Capsule layout (spec §4.3) and the strict parser's rejections (§4.7, §7.2, §9.1). */
class CapsuleTest {
  private static final int E_AT = 3;
  private static final int V_AT = 38;
  private static final int S_AT = 73;

  private final Scenario sc = new Scenario("capsule-test");
  private final byte[] valid = sc.capsuleBytes();

  static void assertMalformed(byte[] bytes, String... fragments) {
    assertThatThrownBy(() -> Capsule.fromBytes(bytes))
        .isInstanceOf(MalformedInputException.class)
        .satisfies(
            e -> {
              for (String f : fragments) {
                assertThat(e.getMessage()).contains(f);
              }
            });
  }

  @Test
  void canonicalLayout() {
    assertThat(valid).hasSize(Capsule.SERIALIZED_LENGTH).hasSize(105);
    assertThat(valid[0]).isEqualTo((byte) 0x93);
    assertThat(Arrays.copyOfRange(valid, 1, 3)).isEqualTo(hex("c421"));
    assertThat(Arrays.copyOfRange(valid, 36, 38)).isEqualTo(hex("c421"));
    assertThat(Arrays.copyOfRange(valid, 71, 73)).isEqualTo(hex("c420"));
    assertThat(Arrays.copyOfRange(valid, E_AT, E_AT + 33)).isEqualTo(sc.capsule.e().toCompressed());
    assertThat(Arrays.copyOfRange(valid, V_AT, V_AT + 33)).isEqualTo(sc.capsule.v().toCompressed());
    assertThat(Arrays.copyOfRange(valid, S_AT, S_AT + 32)).isEqualTo(sc.capsule.s().toBytes());
    byte[] simple = sc.capsule.toBytesSimple();
    assertThat(simple).hasSize(Capsule.SIMPLE_LENGTH).hasSize(98);
    assertThat(simple)
        .isEqualTo(
            concat(
                Arrays.copyOfRange(valid, E_AT, E_AT + 33),
                Arrays.copyOfRange(valid, V_AT, V_AT + 33),
                Arrays.copyOfRange(valid, S_AT, S_AT + 32)));
  }

  @Test
  void satisfiesTheSelfCheckEquation() {
    // s·G = V + H(E, V)·E (spec §3.3).
    Capsule c = sc.capsule;
    assertThat(Point.mulG(c.s())).isEqualTo(c.v().add(c.e().mulPublic(c.hash())));
  }

  @Test
  void roundTripsByteForByte() throws Exception {
    Capsule parsed = Capsule.fromBytes(valid);
    assertThat(parsed.toBytes()).isEqualTo(valid);
    assertThat(parsed).isEqualTo(sc.capsule).hasSameHashCodeAs(sc.capsule);
    assertThat(parsed).isNotEqualTo(new Scenario("another capsule").capsule);
    assertThat(parsed.toString()).contains(hex(sc.capsule.e().toCompressed()));
  }

  @Test
  void rejectsEveryTruncation() {
    for (int len = 0; len < valid.length; len++) {
      assertMalformed(Arrays.copyOf(valid, len), "Capsule", "truncated", len + " bytes");
    }
  }

  @Test
  void rejectsTrailingBytes() {
    assertMalformed(concat(valid, new byte[] {0}), "1 trailing byte");
    assertMalformed(concat(valid, valid), "105 trailing byte");
  }

  @Test
  void rejectsBin16AndArray16Encodings() {
    // The real lenient forms the reference accepts (longer, so caught by the length check)…
    byte[] bin16 =
        concat(
            new byte[] {(byte) 0x93, (byte) 0xc5, 0x00, 0x21}, Arrays.copyOfRange(valid, 3, 105));
    assertMalformed(bin16, "trailing");
    byte[] array16 =
        concat(new byte[] {(byte) 0xdc, 0x00, 0x03}, Arrays.copyOfRange(valid, 1, 105));
    assertMalformed(array16, "trailing");
    // …and same-length variants, which reach the field checks.
    assertMalformed(copyWithByte(valid, 1, 0xc5), "point_e", "expected bin8 (0xc4), found 0xc5");
    assertMalformed(copyWithByte(valid, 71, 0xc6), "signature", "found 0xc6");
    assertMalformed(copyWithByte(valid, 0, 0xdc), "3-element fixarray", "found 0xdc");
  }

  @Test
  void rejectsWrongArrayLengthsAndTheMapForm() {
    assertMalformed(
        copyWithByte(valid, 0, 0x94), "expected a 3-element fixarray (0x93), found 0x94");
    assertMalformed(copyWithByte(valid, 0, 0x92), "found 0x92");
    assertMalformed(copyWithByte(valid, 0, 0x83), "found 0x83"); // fixmap(3)
    byte[] map =
        concat(
            new byte[] {(byte) 0x83},
            str("point_e"),
            Arrays.copyOfRange(valid, 1, 36),
            str("point_v"),
            Arrays.copyOfRange(valid, 36, 71),
            str("signature"),
            Arrays.copyOfRange(valid, 71, 105));
    assertMalformed(map, "Capsule", "trailing");
  }

  private static byte[] str(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return concat(new byte[] {(byte) (0xa0 | b.length)}, b);
  }

  @Test
  void rejectsAFieldEncodedAsAnArrayOfInts() {
    assertMalformed(copyWithByte(valid, 36, 0xdc), "point_v", "expected bin8");
  }

  @Test
  void rejectsNonCompressedPointPrefixes() {
    assertMalformed(copyWithByte(valid, E_AT, 0x04), "point_e", "prefix 0x04");
    assertMalformed(copyWithByte(valid, E_AT, 0x05), "point_e", "prefix 0x05");
    assertMalformed(copyWithByte(valid, V_AT, 0x00), "point_v", "prefix 0x00");
    // A 65-byte uncompressed E (accepted by the reference).
    byte[] uncompressed =
        concat(
            new byte[] {(byte) 0x93, (byte) 0xc4, 0x41},
            sc.capsule.e().toUncompressed(),
            Arrays.copyOfRange(valid, 36, 105));
    assertMalformed(uncompressed, "trailing");
    // The wrong bin length in place, same total length.
    assertMalformed(
        copyWithByte(valid, 2, 0x41), "point_e", "expected 33 bytes, found a length of 65");
  }

  @Test
  void rejectsXNotBelowPAndXNotOnTheCurve() {
    assertMalformed(
        copyWith(valid, E_AT + 1, be32(P)), "point_e", "Invalid curve point representation");
    assertMalformed(
        copyWith(valid, V_AT + 1, be32(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))),
        "point_v",
        "Invalid curve point representation");
    BigInteger x = BigInteger.ZERO;
    while (x.pow(3)
        .add(BigInteger.valueOf(7))
        .mod(P)
        .modPow(P.shiftRight(1), P)
        .equals(BigInteger.ONE)) {
      x = x.add(BigInteger.ONE);
    }
    assertMalformed(
        copyWith(valid, E_AT + 1, be32(x)), "point_e", "Invalid curve point representation");
  }

  @Test
  void rejectsNonCanonicalAndShortScalars() {
    assertMalformed(
        copyWith(valid, S_AT, be32(N)), "signature", "Invalid curve scalar representation");
    assertMalformed(
        copyWith(valid, S_AT, be32(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))),
        "signature",
        "Invalid curve scalar representation");
    // A 31-byte s: the real encoding is one byte short; the in-place header change names the
    // length.
    byte[] short31 =
        concat(
            Arrays.copyOf(valid, 71),
            new byte[] {(byte) 0xc4, 0x1f},
            Arrays.copyOfRange(valid, S_AT + 1, 105));
    assertMalformed(short31, "truncated");
    assertMalformed(
        copyWithByte(valid, 72, 0x1f), "signature", "expected 32 bytes, found a length of 31");
  }

  @Test
  void rejectsIdentityEncodingsOfE() {
    // Spec §9.1: 93 c401 00 c421 <7G> c420 <7> is "valid" for the reference (s·G = V + h·O) and
    // panics it.
    byte[] sevenG = Point.mulG(scalar(BigInteger.valueOf(7))).toCompressed();
    byte[] spec91 = concat(hex("93c40100c421"), sevenG, hex("c420"), be32(BigInteger.valueOf(7)));
    assertMalformed(spec91, "truncated");
    // The same idea at the canonical length: E = 00‖0…0 and E = 02‖0…0.
    byte[] zeroE =
        concat(
            hex("93c421"),
            new byte[33],
            hex("c421"),
            sevenG,
            hex("c420"),
            be32(BigInteger.valueOf(7)));
    assertThat(zeroE).hasSize(105);
    assertMalformed(zeroE, "point_e", "prefix 0x00");
    byte[] x0 = zeroE.clone();
    x0[E_AT] = 2;
    assertMalformed(x0, "point_e");
  }

  @Test
  void rejectsCapsulesThatFailTheSelfCheck() {
    BigInteger s = sc.capsule.s().toBigInteger();
    assertMalformed(
        copyWith(valid, S_AT, be32(s.add(BigInteger.ONE).mod(N))),
        "Capsule self-verification failed");
    assertMalformed(
        copyWith(valid, S_AT, new byte[32]), "Capsule self-verification failed"); // s = 0
    // −E instead of E (the 05-prefix case of §7.2 with an odd-Y original is the same point swap).
    assertMalformed(copyWithByte(valid, E_AT, valid[E_AT] ^ 1), "Capsule self-verification failed");
    // E and V swapped.
    byte[] swapped =
        copyWith(
            copyWith(valid, E_AT, sc.capsule.v().toCompressed()),
            V_AT,
            sc.capsule.e().toCompressed());
    assertMalformed(swapped, "Capsule self-verification failed");
    // A capsule made for someone else's E with our V and s.
    byte[] other = new Scenario("other").capsuleBytes();
    assertMalformed(
        copyWith(valid, E_AT, Arrays.copyOfRange(other, E_AT, E_AT + 33)),
        "Capsule self-verification failed");
  }

  @Test
  void acceptsAHandBuiltCapsuleThatSatisfiesTheEquation() throws Exception {
    // Independent construction from §3.2 with chosen r, u: E = rG, V = uG, s = u + r·h.
    var r = scalar(BigInteger.valueOf(123456789));
    var u = scalar(BigInteger.valueOf(987654321));
    Point e = Point.mulG(r);
    Point v = Point.mulG(u);
    var h =
        dev.nkms.crypto.primitives.ScalarDigest.withTag("CAPSULE_POINTS")
            .chain(e)
            .chain(v)
            .finish();
    byte[] bytes =
        concat(
            hex("93c421"),
            e.toCompressed(),
            hex("c421"),
            v.toCompressed(),
            hex("c420"),
            u.add(r.multiply(h)).toBytes());
    assertThat(Capsule.fromBytes(bytes).toBytes()).isEqualTo(bytes);
  }
}
