package dev.nkms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.protocol.Fixtures.Samples;
import dev.nkms.protocol.conditions.AccessLogging;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Arrays;
import java.util.function.Consumer;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class MessageKitTest {
  private static final Capsule CAPSULE = Samples.CAPSULE;
  private static final byte[] DEK_CT = Samples.SEALED_DEK.ciphertext();

  static byte[] kit(byte[] dek, Consumer<MsgpackWriter> conditions, long chunk, long length) {
    MsgpackWriter w = new MsgpackWriter().array(5).bin(CAPSULE.toBytes()).bin(dek);
    conditions.accept(w);
    return Envelope.encode("MKit", 1, 0, w.uint(chunk).uint(length).toBytes());
  }

  @Test
  void roundTrips() throws Exception {
    for (MessageKit k : new MessageKit[] {Samples.KIT, Samples.KIT_PLAIN}) {
      byte[] b = k.toBytes();
      MessageKit back = MessageKit.fromBytes(b);
      assertThat(back).isEqualTo(k).hasSameHashCodeAs(k);
      assertThat(back.toBytes()).isEqualTo(b);
      assertThat(back.capsule()).isEqualTo(k.capsule());
      assertThat(back.encryptedDek()).isEqualTo(k.encryptedDek());
      assertThat(back.conditions()).isEqualTo(k.conditions());
      assertThat(back.chunkSize()).isEqualTo(k.chunkSize());
      assertThat(back.plaintextLength()).isEqualTo(k.plaintextLength());
    }
    assertThat(Samples.KIT).isNotEqualTo(Samples.KIT_PLAIN);
  }

  @Test
  void layout() {
    byte[] b = Samples.KIT_PLAIN.toBytes();
    // "MKit" 0001 0000 95, capsule bin8(105), dek bin8(72), nil, chunk 4096 = cd1000, length 0
    String hex = Hex.toHexString(b);
    assertThat(hex)
        .startsWith(
            Hex.toHexString("MKit".getBytes())
                + "00010000"
                + "95"
                + "c469"
                + Hex.toHexString(CAPSULE.toBytes())
                + "c448"
                + Hex.toHexString(DEK_CT));
    assertThat(hex).endsWith("c0" + "cd1000" + "00");
    assertThat(DEK_CT).hasSize(24 + 32 + 16);
    assertThat(b).hasSize(8 + 1 + 107 + 74 + 1 + 3 + 1);
  }

  @Test
  void noConditionsIsNilAndConditionsAreAnArray() throws Exception {
    assertThat(Samples.KIT_PLAIN.conditionsIfAny()).isEmpty();
    assertThat(Samples.KIT.conditionsIfAny()).contains(Fixtures.someConditions());
    MessageKit k =
        MessageKit.fromBytes(
            kit(DEK_CT, w -> Conditions.of(AccessLogging.REQUIRED).write(w), 1, 1));
    assertThat(k.conditions().items()).containsExactly(AccessLogging.REQUIRED);
  }

  @Test
  void strictness() throws Exception {
    for (MessageKit k : new MessageKit[] {Samples.KIT, Samples.KIT_PLAIN}) {
      byte[] b = k.toBytes();
      Strictness.standardChecks(b, "MKit", MessageKit.MAX_SIZE, MessageKit::fromBytes);
      Strictness.bitFlips(
          b,
          MessageKit::fromBytes,
          Strictness.nowhere(),
          (m, parsed) -> {
            assertThat(parsed.toBytes())
                .as("a corrupted kit that parses re-encodes to the same bytes")
                .isEqualTo(m);
            assertThat(parsed).isNotEqualTo(k);
          });
    }
  }

  @Test
  void refusesChunkSizeZeroOrAboveSixteenMebibytes() throws Exception {
    assertThatThrownBy(() -> MessageKit.fromBytes(kit(DEK_CT, MsgpackWriter::nil, 0, 10)))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("MKit: field chunk_size: must be at least 1");
    assertThatThrownBy(
            () -> MessageKit.fromBytes(kit(DEK_CT, MsgpackWriter::nil, (16 << 20) + 1, 10)))
        .hasMessage("MKit: field chunk_size: value 16777217 is above the maximum 16777216");
    assertThat(
            MessageKit.fromBytes(kit(DEK_CT, MsgpackWriter::nil, 16 << 20, Long.MAX_VALUE))
                .chunkSize())
        .isEqualTo(MessageKit.MAX_CHUNK);
  }

  @Test
  void refusesOversizeDekAndBadLengths() {
    assertThatThrownBy(() -> MessageKit.fromBytes(kit(new byte[257], MsgpackWriter::nil, 1, 1)))
        .hasMessage("MKit: field encrypted_dek: 257 bytes, at most 256 allowed");
    byte[] huge = kit(DEK_CT, MsgpackWriter::nil, 1, 0);
    // replace the final 00 (length 0) by a 64-bit value above Long.MAX_VALUE
    byte[] big = Arrays.copyOf(huge, huge.length + 8);
    System.arraycopy(Hex.decode("cf8000000000000000"), 0, big, huge.length - 1, 9);
    assertThatThrownBy(() -> MessageKit.fromBytes(big))
        .hasMessage("MKit: field plaintext_length: integer too large");
  }

  @Test
  void refusesUnknownConditions() {
    assertThatThrownBy(
            () -> MessageKit.fromBytes(kit(DEK_CT, w -> w.array(1).array(1).str("max-uses"), 1, 1)))
        .hasMessage(
            "MKit: field conditions[0]: unknown condition type 'max-uses'; this node cannot enforce it");
    assertThatThrownBy(() -> MessageKit.fromBytes(kit(DEK_CT, w -> w.bool(false), 1, 1)))
        .hasMessage("MKit: field conditions: expected an array, found 0xc2");
  }

  @Test
  void refusesAnEmptyConditionsArrayBecauseNilIsTheCanonicalForm() {
    byte[] withEmptyArray = kit(DEK_CT, w -> w.array(0), 4096, 0);
    assertThatThrownBy(() -> MessageKit.fromBytes(withEmptyArray))
        .isInstanceOf(WireFormatException.class);
  }

  @Test
  void constructorNeverBuildsAKitThatFromBytesRefuses() {
    Throwable t =
        catchThrowable(
            () ->
                MessageKit.fromBytes(
                    new MessageKit(CAPSULE, new byte[257], Conditions.NONE, 1, 1).toBytes()));
    assertThat(t)
        .satisfiesAnyOf(
            x -> assertThat(x).isNull(),
            x -> assertThat(x).isInstanceOf(IllegalArgumentException.class));
  }

  @Test
  void constructorChecksAndCopies() {
    assertThatThrownBy(() -> new MessageKit(CAPSULE, DEK_CT, Conditions.NONE, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunk size must be in [1, 16777216]");
    assertThatThrownBy(() -> new MessageKit(CAPSULE, DEK_CT, Conditions.NONE, (16 << 20) + 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MessageKit(CAPSULE, DEK_CT, Conditions.NONE, 1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative plaintext length");
    byte[] dek = DEK_CT.clone();
    MessageKit k = new MessageKit(CAPSULE, dek, Conditions.NONE, 1, 1);
    dek[0] ^= 1;
    k.encryptedDek()[1] ^= 1;
    assertThat(k.encryptedDek()).isEqualTo(DEK_CT);
  }
}
