package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.BOB_SIGNER;
import static dev.nkms.protocol.Fixtures.BOB_VERIFYING;
import static dev.nkms.protocol.Fixtures.HRAC;
import static dev.nkms.protocol.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.protocol.Fixtures.Samples;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class ReencryptionRequestTest {
  private static final ReencryptionRequest SAMPLE = Samples.REQUEST;

  /** A request payload written by hand. {@code context} entries are written in the given order. */
  static byte[] payload(
      List<Capsule> capsules, Consumer<MsgpackWriter> context, long issuedAt, byte[] nonce) {
    MsgpackWriter w = new MsgpackWriter().array(6).bin(HRAC.toBytes()).array(capsules.size());
    capsules.forEach(c -> w.bin(c.toBytes()));
    w.bin(BOB_VERIFYING.publicKey().toCompressedBytes());
    context.accept(w);
    return w.uint(issuedAt).bin(nonce).toBytes();
  }

  static byte[] signedByBob(byte[] payload) {
    return Fixtures.signedEnvelope("ReRq", "reencryption-request", payload, BOB_SIGNER);
  }

  private static Consumer<MsgpackWriter> ctx(String... kv) {
    return w -> {
      w.map(kv.length / 2);
      for (String s : kv) {
        w.str(s);
      }
    };
  }

  private static final List<Capsule> ONE = Samples.CAPSULES.subList(0, 1);
  private static final byte[] NONCE = Fixtures.bytes(16, 1);

  @Test
  void roundTrips() throws Exception {
    byte[] b = SAMPLE.toBytes();
    ReencryptionRequest back = ReencryptionRequest.fromBytes(b);
    assertThat(back.toBytes()).isEqualTo(b);
    assertThat(back.hrac()).isEqualTo(HRAC);
    assertThat(back.capsules()).isEqualTo(Samples.CAPSULES.subList(0, 2));
    assertThat(back.bobVerifyingKey()).isEqualTo(BOB_VERIFYING.publicKey());
    assertThat(back.context())
        .containsExactly(Map.entry("app", "nkms-test"), Map.entry("purpose", "audit"));
    assertThat(back.issuedAt()).isEqualTo(T0);
    assertThat(back.digest()).isEqualTo(ScalarDigest.sha256(b)).isEqualTo(SAMPLE.digest());
  }

  @Test
  void keepsMillisecondsAndSortsTheContext() throws Exception {
    Instant t = Instant.parse("2030-01-01T00:00:00.123456789Z");
    Map<String, String> unsorted = new LinkedHashMap<>();
    unsorted.put("zeta", "1");
    unsorted.put("alpha", "2");
    unsorted.put("Beta", "3");
    ReencryptionRequest r =
        ReencryptionRequest.sign(HRAC, ONE, unsorted, t, BOB_SIGNER, Fixtures.random(3));
    ReencryptionRequest back = ReencryptionRequest.fromBytes(r.toBytes());
    assertThat(back.issuedAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00.123Z"));
    assertThat(back.context().keySet()).containsExactly("Beta", "alpha", "zeta");
  }

  @Test
  void payloadLayout() {
    byte[] payload = Fixtures.split(SAMPLE.toBytes())[0];
    String hex = Hex.toHexString(payload);
    assertThat(hex).startsWith("96" + "c410" + HRAC.toHex() + "92" + "c469");
    String tail =
        "c421"
            + BOB_VERIFYING.publicKey().toHex()
            + "82"
            + "a3"
            + Hex.toHexString("app".getBytes())
            + "a9"
            + Hex.toHexString("nkms-test".getBytes())
            + "a7"
            + Hex.toHexString("purpose".getBytes())
            + "a5"
            + Hex.toHexString("audit".getBytes())
            + "cf"
            + String.format("%016x", T0.toEpochMilli())
            + "c410";
    assertThat(hex).contains(tail);
    assertThat(payload).hasSize(hex.indexOf(tail) / 2 + tail.length() / 2 + 16);
  }

  @Test
  void nonceIsFreshPerRequest() throws Exception {
    ReencryptionRequest a =
        ReencryptionRequest.sign(HRAC, ONE, Map.of(), T0, BOB_SIGNER, Fixtures.random(1));
    ReencryptionRequest b =
        ReencryptionRequest.sign(HRAC, ONE, Map.of(), T0, BOB_SIGNER, Fixtures.random(2));
    assertThat(a.digest()).isNotEqualTo(b.digest());
  }

  @Test
  void strictness() throws Exception {
    byte[] b = Samples.REQUEST_SMALL.toBytes();
    Strictness.standardChecks(
        b, "ReRq", ReencryptionRequest.MAX_SIZE, ReencryptionRequest::fromBytes);
    Strictness.bitFlips(
        b, ReencryptionRequest::fromBytes, Strictness.signedOpaque(b), Strictness.neverParses());
  }

  @Test
  void refusesAPayloadSignedByAnotherKey() {
    byte[] payload = Fixtures.split(SAMPLE.toBytes())[0];
    for (Signer other :
        new Signer[] {Fixtures.MALLORY_SIGNER, Fixtures.ALICE_SIGNER, Fixtures.nodeSigner(0)}) {
      byte[] forged = Fixtures.signedEnvelope("ReRq", "reencryption-request", payload, other);
      assertThatThrownBy(() -> ReencryptionRequest.fromBytes(forged))
          .isInstanceOf(BadSignatureException.class)
          .hasMessage("ReRq: the requester's signature does not verify");
    }
  }

  @Test
  void handBuiltRequestParses() throws Exception {
    ReencryptionRequest r =
        ReencryptionRequest.fromBytes(signedByBob(payload(ONE, ctx("a", "1", "b", ""), 5, NONCE)));
    assertThat(r.context()).containsEntry("b", "");
    assertThat(r.issuedAt()).isEqualTo(Instant.ofEpochMilli(5));
  }

  @Test
  void refusesNoCapsulesAndMoreThanAThousand() {
    assertThatThrownBy(
            () -> ReencryptionRequest.fromBytes(signedByBob(payload(List.of(), ctx(), 1, NONCE))))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("ReRq: field capsules: no capsules");
    List<Capsule> many = Collections.nCopies(1001, Samples.CAPSULE);
    assertThatThrownBy(
            () -> ReencryptionRequest.fromBytes(signedByBob(payload(many, ctx(), 1, NONCE))))
        .hasMessage("ReRq: field capsules: 1001 elements, at most 1000 allowed");
  }

  @Test
  void refusesUnsortedOrDuplicateContextKeys() {
    assertThatThrownBy(
            () ->
                ReencryptionRequest.fromBytes(
                    signedByBob(payload(ONE, ctx("b", "1", "a", "2"), 1, NONCE))))
        .hasMessage("ReRq: field context: keys must be unique and sorted");
    assertThatThrownBy(
            () ->
                ReencryptionRequest.fromBytes(
                    signedByBob(payload(ONE, ctx("a", "1", "a", "2"), 1, NONCE))))
        .hasMessage("ReRq: field context: keys must be unique and sorted");
  }

  @Test
  void contextKeysAreOrderedByUtf16CodeUnitsNotUtf8Bytes() throws Exception {
    // U+FF21 (UTF-8 ef bc a1) sorts after U+1F600 (f0 9f 98 80) by UTF-8 bytes but before it by
    // UTF-16 code units
    // (ff21 > d83d): the order Java's String.compareTo gives, which the writer and the reader both
    // use.
    String bmp = "\uFF21";
    String astral = "\uD83D\uDE00";
    ReencryptionRequest r =
        ReencryptionRequest.sign(
            HRAC, ONE, Map.of(bmp, "1", astral, "2"), T0, BOB_SIGNER, Fixtures.random(4));
    assertThat(ReencryptionRequest.fromBytes(r.toBytes()).context().keySet())
        .containsExactly(astral, bmp);
    assertThatThrownBy(
            () ->
                ReencryptionRequest.fromBytes(
                    signedByBob(payload(ONE, ctx(bmp, "1", astral, "2"), 1, NONCE))))
        .hasMessage("ReRq: field context: keys must be unique and sorted");
  }

  @Test
  void refusesOversizeContext() {
    assertThatThrownBy(
            () ->
                ReencryptionRequest.fromBytes(
                    signedByBob(payload(ONE, ctx("k".repeat(65), "v"), 1, NONCE))))
        .hasMessage("ReRq: field context key: 65 bytes, at most 64 allowed");
    assertThatThrownBy(
            () ->
                ReencryptionRequest.fromBytes(
                    signedByBob(payload(ONE, ctx("k", "v".repeat(1025)), 1, NONCE))))
        .hasMessage("ReRq: field context[k]: 1025 bytes, at most 1024 allowed");
    String[] kv = new String[66];
    for (int i = 0; i < 33; i++) {
      kv[2 * i] = String.format("k%02d", i);
      kv[2 * i + 1] = "v";
    }
    assertThatThrownBy(
            () -> ReencryptionRequest.fromBytes(signedByBob(payload(ONE, ctx(kv), 1, NONCE))))
        .hasMessage("ReRq: field context: 33 entries, at most 32 allowed");
    assertThatThrownBy(
            () ->
                ReencryptionRequest.fromBytes(signedByBob(payload(ONE, w -> w.array(0), 1, NONCE))))
        .hasMessage("ReRq: field context: expected a map, found 0x90");
  }

  @Test
  void refusesABadNonceOrTimestamp() {
    assertThatThrownBy(
            () -> ReencryptionRequest.fromBytes(signedByBob(payload(ONE, ctx(), 1, new byte[15]))))
        .hasMessage("ReRq: field nonce: expected 16 bytes, found 15");
    byte[] p = payload(ONE, ctx(), 1, NONCE);
    // issued_at (01) replaced by nil
    int at = p.length - 19;
    assertThat(p[at]).isEqualTo((byte) 1);
    p[at] = (byte) 0xc0;
    assertThatThrownBy(() -> ReencryptionRequest.fromBytes(signedByBob(p)))
        .hasMessage("ReRq: field issued_at: expected an unsigned integer, found 0xc0");
  }

  @Test
  void signChecksItsArguments() {
    assertThatThrownBy(
            () ->
                ReencryptionRequest.sign(
                    HRAC, List.of(), Map.of(), T0, BOB_SIGNER, Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..1000 capsules");
    assertThatThrownBy(
            () ->
                ReencryptionRequest.sign(
                    HRAC,
                    Collections.nCopies(1001, Samples.CAPSULE),
                    Map.of(),
                    T0,
                    BOB_SIGNER,
                    Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class);
    Map<String, String> big = new TreeMap<>();
    for (int i = 0; i < 33; i++) {
      big.put("k" + i, "v");
    }
    assertThatThrownBy(
            () -> ReencryptionRequest.sign(HRAC, ONE, big, T0, BOB_SIGNER, Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 32 context entries");
  }

  @Test
  void signNeverProducesARequestThatFromBytesRefuses() {
    for (Map<String, String> ctx :
        List.of(Map.of("k".repeat(65), "v"), Map.of("k", "v".repeat(1025)))) {
      Throwable t =
          catchThrowable(
              () ->
                  ReencryptionRequest.fromBytes(
                      ReencryptionRequest.sign(HRAC, ONE, ctx, T0, BOB_SIGNER, Fixtures.random(1))
                          .toBytes()));
      assertThat(t)
          .satisfiesAnyOf(
              x -> assertThat(x).isNull(),
              x -> assertThat(x).isInstanceOf(IllegalArgumentException.class));
    }
  }

  @Test
  void theLargestRequestFitsTheSizeLimit() throws Exception {
    Map<String, String> ctx = new TreeMap<>();
    for (int i = 0; i < 32; i++) {
      ctx.put(String.format("%02d", i) + "k".repeat(62), "v".repeat(1024));
    }
    ReencryptionRequest r =
        ReencryptionRequest.sign(
            HRAC,
            Collections.nCopies(1000, Samples.CAPSULE),
            ctx,
            T0,
            BOB_SIGNER,
            Fixtures.random(1));
    assertThat(r.toBytes().length).isLessThanOrEqualTo(ReencryptionRequest.MAX_SIZE);
    assertThat(ReencryptionRequest.fromBytes(r.toBytes()).capsules()).hasSize(1000);
  }
}
