package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.ALICE;
import static dev.nkms.protocol.Fixtures.HRAC;
import static dev.nkms.protocol.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.Fixtures.Samples;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class TreasureMapTest {

  /** A map body written by hand: {@code entries} are (address, id) pairs in the given order. */
  static byte[] map(long threshold, List<byte[][]> entries) {
    MsgpackWriter w =
        new MsgpackWriter().array(5).uint(threshold).bin(HRAC.toBytes()).array(entries.size());
    for (byte[][] e : entries) {
      w.array(2).bin(e[0]).bin(e[1]);
    }
    w.bin(POLICY.publicKey().toCompressedBytes()).bin(ALICE.publicKey().toCompressedBytes());
    return Envelope.encode("TMap", 1, 0, w.toBytes());
  }

  private static byte[] address(int first) {
    byte[] a = new byte[20];
    a[0] = (byte) first;
    return a;
  }

  private static List<byte[][]> entries(int... firsts) {
    List<byte[][]> out = new ArrayList<>();
    for (int f : firsts) {
      out.add(new byte[][] {address(f), Fixtures.bytes(32, f)});
    }
    return out;
  }

  @Test
  void roundTrips() throws Exception {
    byte[] b = Samples.MAP.toBytes();
    TreasureMap back = TreasureMap.fromBytes(b);
    assertThat(back).isEqualTo(Samples.MAP).hasSameHashCodeAs(Samples.MAP);
    assertThat(back.toBytes()).isEqualTo(b);
    assertThat(back.threshold()).isEqualTo(2);
    assertThat(back.hrac()).isEqualTo(HRAC);
    assertThat(back.policyEncryptingKey()).isEqualTo(POLICY.publicKey());
    assertThat(back.aliceVerifyingKey()).isEqualTo(ALICE.publicKey());
    assertThat(back.destinations()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(back.destinations().get(Fixtures.nodeAddress(i)))
          .isEqualTo(Samples.KFRAGS.get(i).id());
    }
    assertThat(back.toString()).contains("2 of 3");
  }

  @Test
  void destinationsAreWrittenInUnsignedAddressOrderWhateverTheInputOrder() throws Exception {
    Map<NodeAddress, byte[]> dest = new HashMap<>();
    for (int f : new int[] {0x90, 0x10, 0xff, 0x7f}) {
      dest.put(NodeAddress.fromHex(Hex.toHexString(address(f))), Fixtures.bytes(32, f));
    }
    TreasureMap m = new TreasureMap(1, HRAC, dest, POLICY.publicKey(), ALICE.publicKey());
    assertThat(m.toBytes()).isEqualTo(map(1, entries(0x10, 0x7f, 0x90, 0xff)));
    assertThat(new ArrayList<>(m.destinations().keySet()).get(0).toHex()).startsWith("0x10");
  }

  @Test
  void layout() {
    String hex = Hex.toHexString(Samples.MAP.toBytes());
    assertThat(hex)
        .startsWith(
            Hex.toHexString("TMap".getBytes())
                + "00010000"
                + "95"
                + "02"
                + "c410"
                + HRAC.toHex()
                + "93"
                + "92"
                + "c414");
    assertThat(hex)
        .endsWith("c421" + POLICY.publicKey().toHex() + "c421" + ALICE.publicKey().toHex());
  }

  @Test
  void strictness() throws Exception {
    byte[] b = Samples.MAP.toBytes();
    Strictness.standardChecks(b, "TMap", 32 * 1024, TreasureMap::fromBytes);
    Strictness.bitFlips(
        b,
        TreasureMap::fromBytes,
        Strictness.nowhere(),
        (m, parsed) -> {
          assertThat(parsed.toBytes()).isEqualTo(m);
          assertThat(parsed).isNotEqualTo(Samples.MAP);
        });
  }

  @Test
  void refusesUnsortedOrDuplicateDestinations() {
    assertThatThrownBy(() -> TreasureMap.fromBytes(map(1, entries(2, 1))))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("TMap: field destinations: node addresses must be unique and sorted");
    assertThatThrownBy(() -> TreasureMap.fromBytes(map(1, entries(1, 1))))
        .hasMessage("TMap: field destinations: node addresses must be unique and sorted");
    assertThatThrownBy(() -> TreasureMap.fromBytes(map(1, entries(0x10, 0x80, 0x7f))))
        .hasMessage("TMap: field destinations: node addresses must be unique and sorted");
  }

  @Test
  void refusesABadThreshold() {
    assertThatThrownBy(() -> TreasureMap.fromBytes(map(0, entries(1, 2))))
        .hasMessage("TMap: field threshold: need 1 ≤ threshold ≤ 2, got 0");
    assertThatThrownBy(() -> TreasureMap.fromBytes(map(3, entries(1, 2))))
        .hasMessage("TMap: field threshold: need 1 ≤ threshold ≤ 2, got 3");
    assertThatThrownBy(() -> TreasureMap.fromBytes(map(1, entries())))
        .hasMessage("TMap: field threshold: need 1 ≤ threshold ≤ 0, got 1");
    assertThatThrownBy(() -> TreasureMap.fromBytes(map(256, entries(1))))
        .hasMessage("TMap: field threshold: value 256 is above the maximum 255");
  }

  @Test
  void atMost255Destinations() throws Exception {
    List<byte[][]> many = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      byte[] a = new byte[20];
      a[0] = (byte) (i >> 8);
      a[1] = (byte) i;
      many.add(new byte[][] {a, new byte[32]});
    }
    assertThatThrownBy(() -> TreasureMap.fromBytes(map(1, many)))
        .hasMessage("TMap: field destinations: 256 elements, at most 255 allowed");
    TreasureMap max = TreasureMap.fromBytes(map(255, many.subList(0, 255)));
    assertThat(max.destinations()).hasSize(255);
    assertThat(max.toBytes().length).isLessThanOrEqualTo(32 * 1024);
  }

  @Test
  void refusesMalformedEntries() {
    List<byte[][]> shortId = List.<byte[][]>of(new byte[][] {address(1), new byte[31]});
    assertThatThrownBy(() -> TreasureMap.fromBytes(map(1, shortId)))
        .hasMessage("TMap: field destinations[0].kfrag_id: expected 32 bytes, found 31");
    List<byte[][]> shortAddress = List.<byte[][]>of(new byte[][] {new byte[19], new byte[32]});
    assertThatThrownBy(() -> TreasureMap.fromBytes(map(1, shortAddress)))
        .hasMessage("TMap: field destinations[0].node: expected 20 bytes, found 19");
  }

  @Test
  void constructorChecks() {
    Map<NodeAddress, byte[]> one = Map.of(Fixtures.nodeAddress(0), new byte[32]);
    assertThatThrownBy(() -> new TreasureMap(0, HRAC, one, POLICY.publicKey(), ALICE.publicKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need 1 ≤ threshold ≤ destinations ≤ 255");
    assertThatThrownBy(() -> new TreasureMap(2, HRAC, one, POLICY.publicKey(), ALICE.publicKey()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new TreasureMap(
                    1,
                    HRAC,
                    Map.of(Fixtures.nodeAddress(0), new byte[31]),
                    POLICY.publicKey(),
                    ALICE.publicKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kfrag ids are 32 bytes");
  }

  @Test
  void destinationsAreDefensiveCopies() {
    byte[] id = Samples.MAP.destinations().get(Fixtures.nodeAddress(0));
    id[0] ^= 1;
    Samples.MAP.destinations().clear();
    assertThat(Samples.MAP.destinations().get(Fixtures.nodeAddress(0)))
        .isEqualTo(Samples.KFRAGS.get(0).id());
  }
}
