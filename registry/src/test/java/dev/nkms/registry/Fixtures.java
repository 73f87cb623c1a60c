package dev.nkms.registry;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Seeded keys, addresses and stakes for the registry tests. */
final class Fixtures {
  static final String DOMAIN = "test-net";
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final Instant LOCK = Instant.parse("2031-01-01T00:00:00Z");

  /** Federation member keys 0..16, fixed by seed. */
  static final Signer[] MEMBERS =
      IntStream.range(0, 17)
          .mapToObj(
              i -> new Signer(SecretKey.random(RandomSource.deterministicStream("member-" + i))))
          .toArray(Signer[]::new);

  private Fixtures() {}

  static RandomSource random(String seed) {
    return RandomSource.deterministicStream(seed);
  }

  static Federation federation(int threshold, int members) {
    List<dev.nkms.crypto.keys.PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      keys.add(MEMBERS[i].verifyingKey());
    }
    return Federation.of(DOMAIN, threshold, keys);
  }

  /** A node address made from a number, so tests control the order. */
  static NodeAddress node(int i) {
    return NodeAddress.of(ByteBuffer.allocate(20).putInt(16, i).array());
  }

  static OperatorAddress operator(int i) {
    return OperatorAddress.of(ByteBuffer.allocate(20).put(0, (byte) 0xee).putInt(16, i).array());
  }

  static Stake stake(int node, long amount) {
    return new Stake(operator(node), node(node), BigInteger.valueOf(amount), LOCK);
  }

  static Stake stake(int node, int operator, long amount) {
    return new Stake(operator(operator), node(node), BigInteger.valueOf(amount), LOCK);
  }

  static FederatedNodeList list(long serial, List<Stake> stakes, int... signers) {
    List<Signer> s = new ArrayList<>();
    for (int i : signers) {
      s.add(MEMBERS[i]);
    }
    return FederatedNodeList.sign(
        DOMAIN,
        serial,
        T0.plusSeconds(serial),
        BigInteger.valueOf(100),
        stakes,
        s,
        random("list-" + serial));
  }
}
