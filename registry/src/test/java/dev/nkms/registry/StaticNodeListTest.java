package dev.nkms.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.NodeMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticNodeListTest {
  @TempDir Path dir;

  private static NodeMetadata node(Signer signer, int port, Instant at) {
    return NodeMetadata.sign(
        signer,
        SecretKey.random().publicKey(),
        "test",
        "127.0.0.1",
        port,
        new byte[32],
        at,
        RandomSource.secure());
  }

  @Test
  void savesAndLoadsVerifiedMetadataInAddressOrder() throws Exception {
    List<NodeMetadata> nodes =
        List.of(
            node(new Signer(SecretKey.random()), 9001, Instant.ofEpochSecond(1)),
            node(new Signer(SecretKey.random()), 9002, Instant.ofEpochSecond(1)),
            node(new Signer(SecretKey.random()), 9003, Instant.ofEpochSecond(1)));
    Path file = dir.resolve("nodes.list");
    StaticNodeList.of(nodes).save(file);

    StaticNodeList loaded = StaticNodeList.load(file);
    assertThat(loaded.nodes()).containsExactlyInAnyOrderElementsOf(nodes);
    assertThat(loaded.nodes()).isSortedAccordingTo((a, b) -> a.address().compareTo(b.address()));
    assertThat(Files.exists(dir.resolve("nodes.list.tmp"))).isFalse();
  }

  @Test
  void theNewestMetadataOfAnAddressWins() {
    Signer signer = new Signer(SecretKey.random());
    NodeMetadata old = node(signer, 9001, Instant.ofEpochSecond(100));
    NodeMetadata moved = node(signer, 9555, Instant.ofEpochSecond(200));
    assertThat(StaticNodeList.of(List.of(moved, old)).nodes()).containsExactly(moved);
    assertThat(StaticNodeList.of(List.of(old, moved)).nodes()).containsExactly(moved);
  }

  @Test
  void refusesALineThatIsNotHexOrNotValidMetadata() throws Exception {
    NodeMetadata good = node(new Signer(SecretKey.random()), 9001, Instant.ofEpochSecond(1));
    byte[] tampered = good.toBytes();
    tampered[tampered.length - 1] ^= 1; // inside the signature
    Path notHex = dir.resolve("a.list");
    Files.writeString(notHex, "# comment\n\nzz\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> StaticNodeList.load(notHex))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("not hex");
    Path forged = dir.resolve("b.list");
    Files.writeString(
        forged,
        Hex.toHexString(good.toBytes()) + "\n" + Hex.toHexString(tampered) + "\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> StaticNodeList.load(forged))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("line 2");
  }
}
