package dev.nkms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeAddressTest {

  /** The well-known Ethereum addresses of the secret keys 1, 2 and 3. */
  @ParameterizedTest(name = "key {0}")
  @CsvSource({
    "0000000000000000000000000000000000000000000000000000000000000001, 0x7e5f4552091a69125d5dfcb7b8c2659029395bdf",
    "0000000000000000000000000000000000000000000000000000000000000002, 0x2b5ad5c4795c026514f8317c7a215e218dccd6cf",
    "0000000000000000000000000000000000000000000000000000000000000003, 0x6813eb9362372eef6200f3b1dbc3f819671cba69"
  })
  void isTheEthereumAddressOfTheVerifyingKey(String secretHex, String address) throws Exception {
    NodeAddress a = NodeAddress.of(SecretKey.fromBEBytes(Hex.decode(secretHex)).publicKey());
    assertThat(a.toHex()).isEqualTo(address);
    assertThat(a.toBytes()).hasSize(NodeAddress.LENGTH);
    assertThat(a).hasToString(address);
  }

  @Test
  void fromHexAcceptsMixedCaseWithOrWithoutPrefix() throws Exception {
    NodeAddress a = NodeAddress.fromHex("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    assertThat(a.toHex()).isEqualTo("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    assertThat(NodeAddress.fromHex("7e5f4552091a69125d5dfcb7b8c2659029395bdf"))
        .isEqualTo(a)
        .hasSameHashCodeAs(a);
  }

  @Test
  void fromHexRefusesAnythingElse() {
    for (String bad :
        new String[] {
          "",
          "0x",
          "0x7e5f",
          "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf00",
          "0X7e5f4552091a69125d5dfcb7b8c2659029395bdf",
          "0x7e5f4552091a69125d5dfcb7b8c2659029395bdg"
        }) {
      assertThatThrownBy(() -> NodeAddress.fromHex(bad))
          .isInstanceOf(WireFormatException.class)
          .hasMessage("node address: expected 40 hex digits, got '" + bad + "'");
    }
  }

  @Test
  void ordersAsUnsignedBytes() throws Exception {
    NodeAddress low = NodeAddress.fromHex("0x7f" + "00".repeat(19));
    NodeAddress high = NodeAddress.fromHex("0x80" + "00".repeat(19));
    assertThat(low.compareTo(high)).isNegative();
    assertThat(high.compareTo(low)).isPositive();
    assertThat(low.compareTo(NodeAddress.fromHex(low.toHex()))).isZero();
  }

  @Test
  void readsAsABin20Field() throws Exception {
    NodeAddress a = Fixtures.nodeAddress(1);
    byte[] body = new MsgpackWriter().bin(a.toBytes()).toBytes();
    assertThat(NodeAddress.read(new MsgpackReader("T", body, 0), "node")).isEqualTo(a);
    byte[] wrong = new MsgpackWriter().bin(new byte[21]).toBytes();
    assertThatThrownBy(() -> NodeAddress.read(new MsgpackReader("T", wrong, 0), "node"))
        .hasMessage("T: field node: 21 bytes, at most 20 allowed");
  }

  @Test
  void ofRawBytesTakesExactly20AndCopiesThem() throws Exception {
    byte[] raw = Fixtures.nodeAddress(2).toBytes();
    NodeAddress a = NodeAddress.of(raw);
    raw[0] ^= 1;
    assertThat(a).isEqualTo(Fixtures.nodeAddress(2));
    assertThatThrownBy(() -> NodeAddress.of(new byte[19]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a node address is 20 bytes, got 19");
    assertThatThrownBy(() -> NodeAddress.of(new byte[21]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
