package dev.nkms.protocol;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where Bob's kfrags are: threshold m, the policy id, node address → kfrag id, the policy
 * encrypting key and Alice's verifying key. Only travels inside {@link EncryptedTreasureMap},
 * signed by Alice and encrypted to Bob.
 */
public final class TreasureMap {
  public static final String BRAND = "TMap";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  static final int MAX_SIZE = 32 * 1024;

  private final int threshold;
  private final Hrac hrac;
  private final Map<NodeAddress, byte[]> destinations;
  private final PublicKey policyEncryptingKey;
  private final PublicKey aliceVerifyingKey;

  public TreasureMap(
      int threshold,
      Hrac hrac,
      Map<NodeAddress, byte[]> destinations,
      PublicKey policyEncryptingKey,
      PublicKey aliceVerifyingKey) {
    if (threshold < 1
        || threshold > destinations.size()
        || destinations.size() > PolicyTerms.MAX_SHARES) {
      throw new IllegalArgumentException(
          "need 1 ≤ threshold ≤ destinations ≤ 255, got "
              + threshold
              + " of "
              + destinations.size());
    }
    TreeMap<NodeAddress, byte[]> copy = new TreeMap<>();
    destinations.forEach(
        (k, v) -> {
          if (v.length != 32) {
            throw new IllegalArgumentException("kfrag ids are 32 bytes");
          }
          copy.put(k, v.clone());
        });
    this.threshold = threshold;
    this.hrac = hrac;
    this.destinations = Collections.unmodifiableMap(copy);
    this.policyEncryptingKey = policyEncryptingKey;
    this.aliceVerifyingKey = aliceVerifyingKey;
  }

  public byte[] toBytes() {
    MsgpackWriter w =
        new MsgpackWriter().array(5).uint(threshold).bin(hrac.toBytes()).array(destinations.size());
    destinations.forEach((node, id) -> w.array(2).bin(node.toBytes()).bin(id));
    w.bin(policyEncryptingKey.toCompressedBytes()).bin(aliceVerifyingKey.toCompressedBytes());
    return Envelope.encode(BRAND, MAJOR, MINOR, w.toBytes());
  }

  public static TreasureMap fromBytes(byte[] bytes) throws WireFormatException {
    MsgpackReader r = Envelope.open(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    r.struct(5, "treasure map");
    int threshold = (int) r.uint(PolicyTerms.MAX_SHARES, "threshold");
    Hrac hrac = Hrac.read(r, "hrac");
    int n = r.list(PolicyTerms.MAX_SHARES, "destinations");
    TreeMap<NodeAddress, byte[]> dest = new TreeMap<>();
    NodeAddress previous = null;
    for (int i = 0; i < n; i++) {
      r.struct(2, "destinations[" + i + "]");
      NodeAddress a = NodeAddress.read(r, "destinations[" + i + "].node");
      byte[] id = r.binExact(32, "destinations[" + i + "].kfrag_id");
      if (previous != null && previous.compareTo(a) >= 0) {
        throw r.fail("destinations", "node addresses must be unique and sorted");
      }
      previous = a;
      dest.put(a, id);
    }
    PublicKey policyKey = Fields.publicKey(r, "policy_encrypting_key");
    PublicKey alice = Fields.publicKey(r, "alice_verifying_key");
    r.end();
    if (threshold < 1 || threshold > n) {
      throw r.fail("threshold", "need 1 ≤ threshold ≤ " + n + ", got " + threshold);
    }
    return new TreasureMap(threshold, hrac, dest, policyKey, alice);
  }

  public int threshold() {
    return threshold;
  }

  public Hrac hrac() {
    return hrac;
  }

  /** Node address → kfrag id, in address order. */
  public Map<NodeAddress, byte[]> destinations() {
    TreeMap<NodeAddress, byte[]> copy = new TreeMap<>();
    destinations.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  public PublicKey policyEncryptingKey() {
    return policyEncryptingKey;
  }

  public PublicKey aliceVerifyingKey() {
    return aliceVerifyingKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TreasureMap && Arrays.equals(toBytes(), ((TreasureMap) o).toBytes());
  }

  @Override
  public int hashCode() {
    return hrac.hashCode();
  }

  @Override
  public String toString() {
    return "TreasureMap[" + hrac + ", " + threshold + " of " + destinations.size() + "]";
  }
}
