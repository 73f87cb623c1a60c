package dev.nkms.node.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.NodeMetadata;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelfMetadataTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void nothingIsAnnouncedUntilSignedThenThePublicHostAndTheBoundPortUnderTheNodesKey()
      throws Exception {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Random seeded = new Random(1);
    RandomSource random = seeded::nextBytes;
    NodeIdentity identity = NodeIdentity.generate(List.of("localhost"), clock, random);
    SelfMetadata self = new SelfMetadata(identity, "test", "node.example.org", clock, random);
    assertThat(self.current()).isNull();
    assertThat(self.currentBytes()).isNull();

    NodeMetadata signed = self.signFor(45123);

    assertThat(self.current()).isSameAs(signed);
    NodeMetadata parsed = NodeMetadata.fromBytes(self.currentBytes());
    assertThat(parsed.address()).isEqualTo(identity.address());
    assertThat(parsed.verifyingKey()).isEqualTo(identity.verifyingKey());
    assertThat(parsed.encryptingKey()).isEqualTo(identity.encryptingKey().publicKey());
    assertThat(parsed.host()).isEqualTo("node.example.org");
    assertThat(parsed.port()).isEqualTo(45123);
    assertThat(parsed.domain()).isEqualTo("test");
    assertThat(parsed.tlsFingerprint()).isEqualTo(identity.tlsFingerprint());
    assertThat(parsed.timestamp()).isEqualTo(NOW);
  }
}
