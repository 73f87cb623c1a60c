package dev.nkms.chain;

import dev.nkms.chain.contracts.Adjudicator;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.crypto.umbral.Parameters;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.WireFormatException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Evidence that a node answered a re-encryption request with a wrong cfrag, for {@code
 * Adjudicator.submitEvidence}: the node's signed ReRs payload, the cfrag's index, the policy's
 * three keys and the hints the contract checks instead of doing curve arithmetic (layout in {@code
 * chain/contracts/UmbralCFragCheck.sol}).
 */
public final class EvidenceSubmission {
  static final int CAPSULE_LENGTH = 105;
  static final int CFRAG_LENGTH = 381;
  static final int HINTS_LENGTH = 9 * 32 + 6 * 64;
  private static final BigInteger P =
      new BigInteger("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16);
  private static final BigInteger SQRT_EXPONENT =
      P.add(BigInteger.ONE).shiftRight(2); // p ≡ 3 mod 4
  private static final int MAX_CAPSULES = 1000;
  // offsets of E1, V1, E2, V2, U1, U2 and z in a cfrag (umbral spec §4.5)
  private static final int[] CFRAG_POINTS = {3, 38, 143, 178, 213, 248};
  private static final int Z = 283;

  private EvidenceSubmission() {}

  /** Everything {@code submitEvidence} takes, and the evidence id the contract records. */
  public static final class Evidence {
    private final NodeAddress node;
    private final Hrac hrac;
    private final byte[] payload;
    private final byte[] r;
    private final byte[] s;
    private final int index;
    private final byte[] keys;
    private final byte[] hints;
    private final byte[] id;

    Evidence(
        NodeAddress node,
        Hrac hrac,
        byte[] payload,
        byte[] r,
        byte[] s,
        int index,
        byte[] keys,
        byte[] hints,
        byte[] id) {
      this.node = Objects.requireNonNull(node, "node");
      this.hrac = Objects.requireNonNull(hrac, "hrac");
      if (r.length != 32
          || s.length != 32
          || keys.length != 99
          || hints.length != HINTS_LENGTH
          || id.length != 32
          || index < 0) {
        throw new IllegalArgumentException("malformed evidence");
      }
      this.payload = payload.clone();
      this.r = r.clone();
      this.s = s.clone();
      this.index = index;
      this.keys = keys.clone();
      this.hints = hints.clone();
      this.id = id.clone();
    }

    public NodeAddress node() {
      return node;
    }

    public Hrac hrac() {
      return hrac;
    }

    public byte[] payload() {
      return payload.clone();
    }

    public byte[] r() {
      return r.clone();
    }

    public byte[] s() {
      return s.clone();
    }

    public int index() {
      return index;
    }

    public byte[] keys() {
      return keys.clone();
    }

    public byte[] hints() {
      return hints.clone();
    }

    /**
     * keccak256(node ‖ capsule ‖ cfrag): the key under which the contract remembers that it paid.
     */
    public byte[] id() {
      return id.clone();
    }

    /**
     * The same evidence with other hints (tests: the contract must refuse hints that do not match).
     */
    Evidence withHints(byte[] otherHints) {
      return new Evidence(node, hrac, payload, r, s, index, keys, otherHints, id);
    }
  }

  /**
   * Builds the evidence against {@code node} for {@code cfrags[index]} of a complete framed ReRs
   * object. The cfrag is not judged here: a correct one makes the contract revert. Points of the
   * cfrag that are not on the curve get the hint that proves it (a root of −(x³+7)); the products
   * are then not needed and left zero.
   *
   * @throws WireFormatException if the bytes are not a well-formed ReRs or {@code index} is out of
   *     range
   */
  public static Evidence prepare(
      byte[] reRsObjectBytes,
      int index,
      NodeAddress node,
      PublicKey alice,
      PublicKey policyKey,
      PublicKey bob)
      throws WireFormatException {
    MsgpackReader env =
        Envelope.open(
            reRsObjectBytes, ReencryptionResponse.BRAND, 1, 0, ReencryptionResponse.MAX_SIZE);
    env.struct(2, "signed object");
    byte[] payload = env.bin(ReencryptionResponse.MAX_SIZE, "payload");
    byte[] sig = env.binExact(64, "signature");
    env.end();

    // The payload layout the contract parses; cfrags are taken as raw bytes so malformed ones can
    // be submitted.
    MsgpackReader r = new MsgpackReader(ReencryptionResponse.BRAND, payload, 0);
    r.struct(3, "response");
    Hrac hrac = Hrac.fromBytes(r.binExact(16, "hrac"));
    int n = r.list(MAX_CAPSULES, "capsules");
    if (index < 0 || index >= n) {
      throw new WireFormatException("ReRs: index " + index + " out of range (" + n + " capsules)");
    }
    byte[] capsule = null;
    for (int i = 0; i < n; i++) {
      byte[] c = r.binExact(CAPSULE_LENGTH, "capsules[" + i + "]");
      capsule = i == index ? c : capsule;
    }
    if (r.list(MAX_CAPSULES, "cfrags") != n) {
      throw r.fail("cfrags", "not one cfrag per capsule");
    }
    byte[] cfrag = null;
    for (int i = 0; i < n; i++) {
      byte[] c = r.binExact(CFRAG_LENGTH, "cfrags[" + i + "]");
      cfrag = i == index ? c : cfrag;
    }
    r.end();

    byte[] keys = PolicyPayments.keys(alice, policyKey, bob);
    byte[] id = Hash.sha3(org.bouncycastle.util.Arrays.concatenate(node.toBytes(), capsule, cfrag));
    return new Evidence(
        node,
        hrac,
        payload,
        Arrays.copyOfRange(sig, 0, 32),
        Arrays.copyOfRange(sig, 32, 64),
        index,
        keys,
        hints(capsule, cfrag, alice),
        id);
  }

  /**
   * Sends the evidence from {@code investigator}, who receives the reward; reverts (ChainException)
   * unless slashed.
   */
  public static TransactionReceipt submit(
      Chain chain, Deployment deployment, Credentials investigator, Evidence e)
      throws ChainException {
    Adjudicator adjudicator = chain.load(Adjudicator::load, deployment.adjudicator(), investigator);
    return Chain.send(
        adjudicator.submitEvidence(
            e.node().toHex(),
            e.payload(),
            e.r(),
            e.s(),
            BigInteger.valueOf(e.index()),
            e.keys(),
            e.hints()));
  }

  // ------------------------------------------------------------------ hints

  static byte[] hints(byte[] capsule, byte[] cfrag, PublicKey alice) {
    byte[] out = new byte[HINTS_LENGTH];
    put(out, 0, alice.point().coordinates()[1]);
    put(out, 32, yHint(capsule, 3));
    put(out, 64, yHint(capsule, 38));
    for (int i = 0; i < CFRAG_POINTS.length; i++) {
      put(out, 96 + 32 * i, yHint(cfrag, CFRAG_POINTS[i]));
    }
    try {
      Point e = point(capsule, 3);
      Point v = point(capsule, 38);
      Point e1 = point(cfrag, 3);
      Point v1 = point(cfrag, 38);
      Point u1 = point(cfrag, 213);
      Scalar z = Scalar.fromBytes(Arrays.copyOfRange(cfrag, Z, Z + 32));
      Scalar h = challenge(capsule, cfrag);
      Point[] products = {
        z.isZero() ? null : e.mulPublic(z), e1.mulPublic(h),
        z.isZero() ? null : v.mulPublic(z), v1.mulPublic(h),
        z.isZero() ? null : Parameters.u().mulPublic(z), u1.mulPublic(h)
      };
      for (int i = 0; i < products.length; i++) {
        if (products[i] != null) {
          BigInteger[] xy = products[i].coordinates();
          put(out, 288 + 64 * i, xy[0]);
          put(out, 288 + 64 * i + 32, xy[1]);
        }
      }
    } catch (MalformedInputException e) {
      // a point or z that is not one: the contract decides on the y hints alone
    }
    return out;
  }

  /**
   * The y of the compressed point at {@code offset}, or a root of −(x³+7) when x is not on the
   * curve.
   */
  private static BigInteger yHint(byte[] b, int offset) {
    int prefix = b[offset];
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(b, offset + 1, offset + 33));
    if ((prefix != 2 && prefix != 3) || x.compareTo(P) >= 0) {
      return BigInteger.ZERO; // not read by the contract
    }
    BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
    BigInteger y = rhs.modPow(SQRT_EXPONENT, P);
    if (!y.multiply(y).mod(P).equals(rhs)) {
      return P.subtract(rhs).modPow(SQRT_EXPONENT, P);
    }
    return y.testBit(0) == (prefix == 3) ? y : P.subtract(y);
  }

  private static Point point(byte[] b, int offset) throws MalformedInputException {
    return Point.fromCompressed(Arrays.copyOfRange(b, offset, offset + 33));
  }

  /**
   * H_CFRAG_VERIFICATION over the compressed points as sent (umbral spec §2.5), as the contract
   * computes it.
   */
  private static Scalar challenge(byte[] capsule, byte[] cfrag) {
    byte[] e = Arrays.copyOfRange(capsule, 3, 36);
    byte[] v = Arrays.copyOfRange(capsule, 38, 71);
    ScalarDigest d =
        ScalarDigest.withTag(ScalarDigest.CFRAG_VERIFICATION.getBytes(StandardCharsets.US_ASCII));
    d.chain(e)
        .chain(slice(cfrag, 3))
        .chain(slice(cfrag, 143))
        .chain(v)
        .chain(slice(cfrag, 38))
        .chain(slice(cfrag, 178))
        .chain(Parameters.u().toCompressed())
        .chain(slice(cfrag, 213))
        .chain(slice(cfrag, 248));
    return d.finish();
  }

  private static byte[] slice(byte[] b, int offset) {
    return Arrays.copyOfRange(b, offset, offset + 33);
  }

  private static void put(byte[] out, int offset, BigInteger v) {
    System.arraycopy(org.web3j.utils.Numeric.toBytesPadded(v, 32), 0, out, offset, 32);
  }
}
