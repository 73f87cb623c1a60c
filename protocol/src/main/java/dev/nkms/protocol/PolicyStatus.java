package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's signed answer to a {@link PolicyStatusQuery}: the state of one policy at that node, at a
 * time. Parsing checks the structure only; the receiver checks {@link #isSignedBy} the node's key
 * and that it names the policy and node asked about.
 */
public final class PolicyStatus {
  public static final String BRAND = "PSts";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  public static final int MAX_SIZE = 512;
  private static final String PURPOSE = "policy-status";

  /** What the node knows of the policy. */
  public enum State {
    /** The node holds its kfrag and the policy has not expired (it may not have started yet). */
    ACTIVE("active"),
    /** Alice revoked it at this node (or revoked the id before the node ever held it). */
    REVOKED("revoked"),
    /** It expired (the node may have purged the kfrag; it remembers the expiry). */
    EXPIRED("expired"),
    /** The node never held a kfrag for this id. */
    UNKNOWN("unknown");

    public final String code;

    State(String code) {
      this.code = code;
    }

    static State ofCode(MsgpackReader r, String code) throws WireFormatException {
      for (State s : values()) {
        if (s.code.equals(code)) {
          return s;
        }
      }
      throw r.fail("state", "unknown state '" + code + "'");
    }
  }

  private final Hrac hrac;
  private final NodeAddress node;
  private final State state;
  private final long revision;
  private final long expiryEpochSeconds;
  private final Long revokedAtEpochSeconds;
  private final long atEpochSeconds;
  private final Signature signature;
  private final byte[] payload;
  private final byte[] bytes;

  private PolicyStatus(
      Hrac hrac,
      NodeAddress node,
      State state,
      long revision,
      long expiry,
      Long revokedAt,
      long at,
      Signature signature,
      byte[] payload,
      byte[] bytes) {
    this.hrac = hrac;
    this.node = node;
    this.state = state;
    this.revision = revision;
    this.expiryEpochSeconds = expiry;
    this.revokedAtEpochSeconds = revokedAt;
    this.atEpochSeconds = at;
    this.signature = signature;
    this.payload = payload;
    this.bytes = bytes;
  }

  /**
   * The node's answer. {@code revision} and {@code expiry} are those of the terms the node holds or
   * held (0 and {@code null} when it never held any); {@code revokedAt} is present exactly when the
   * state is {@link State#REVOKED}.
   */
  public static PolicyStatus sign(
      Hrac hrac,
      NodeAddress node,
      State state,
      long revision,
      Instant expiry,
      Instant revokedAt,
      Instant at,
      Signer nodeSigner,
      RandomSource random) {
    Objects.requireNonNull(hrac, "hrac");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(state, "state");
    long expirySeconds = expiry == null ? 0 : seconds(expiry);
    Long revokedSeconds = revokedAt == null ? null : seconds(revokedAt);
    check(state, revision, expirySeconds, revokedSeconds);
    MsgpackWriter w =
        new MsgpackWriter()
            .array(7)
            .bin(hrac.toBytes())
            .bin(node.toBytes())
            .str(state.code)
            .uint(revision)
            .uint(expirySeconds);
    if (revokedSeconds == null) {
      w.nil();
    } else {
      w.uint(revokedSeconds);
    }
    byte[] payload = w.uint(seconds(at)).toBytes();
    Signature sig = Signing.sign(nodeSigner, PURPOSE, payload, random);
    return new PolicyStatus(
        hrac,
        node,
        state,
        revision,
        expirySeconds,
        revokedSeconds,
        seconds(at),
        sig,
        payload,
        SignedEnvelope.encode(BRAND, MAJOR, MINOR, payload, sig));
  }

  public static PolicyStatus fromBytes(byte[] bytes) throws WireFormatException {
    SignedEnvelope env = SignedEnvelope.decode(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    MsgpackReader r = env.payloadReader(BRAND);
    r.struct(7, "status");
    Hrac hrac = Hrac.read(r, "hrac");
    NodeAddress node = NodeAddress.read(r, "node");
    State state = State.ofCode(r, r.str(16, "state"));
    long revision = r.uint(0xffffffffL, "revision");
    long expiry = r.epochSeconds("expiry");
    Long revokedAt = r.nil("revoked_at") ? null : r.epochSeconds("revoked_at");
    long at = r.epochSeconds("at");
    r.end();
    try {
      check(state, revision, expiry, revokedAt);
    } catch (IllegalArgumentException e) {
      throw r.fail("revoked_at", e.getMessage());
    }
    return new PolicyStatus(
        hrac,
        node,
        state,
        revision,
        expiry,
        revokedAt,
        at,
        env.signature,
        env.payload,
        bytes.clone());
  }

  private static void check(State state, long revision, long expiry, Long revokedAt) {
    if (revision < 0 || revision > 0xffffffffL) {
      throw new IllegalArgumentException("revision out of range");
    }
    if ((state == State.REVOKED) != (revokedAt != null)) {
      throw new IllegalArgumentException(
          "a revocation time is given exactly when the state is 'revoked'");
    }
    if (state == State.UNKNOWN && (revision != 0 || expiry != 0)) {
      throw new IllegalArgumentException("an unknown policy has no revision or expiry");
    }
  }

  private static long seconds(Instant t) {
    long s = t.getEpochSecond();
    if (s < 0 || s > MsgpackReader.MAX_EPOCH_SECONDS) {
      throw new IllegalArgumentException("time out of range: " + t);
    }
    return s;
  }

  public boolean isSignedBy(PublicKey nodeVerifyingKey) {
    return Signing.verify(signature, nodeVerifyingKey, PURPOSE, payload);
  }

  public Hrac hrac() {
    return hrac;
  }

  public NodeAddress node() {
    return node;
  }

  public State state() {
    return state;
  }

  /** The revision of the terms the node holds or held; 0 when it never held any. */
  public long revision() {
    return revision;
  }

  /** The expiry of the terms the node holds or held; empty when it never held any. */
  public Optional<Instant> expiry() {
    return expiryEpochSeconds == 0
        ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(expiryEpochSeconds));
  }

  /** When the node revoked the policy; present exactly when the state is {@link State#REVOKED}. */
  public Optional<Instant> revokedAt() {
    return revokedAtEpochSeconds == null
        ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(revokedAtEpochSeconds));
  }

  /** The node's clock when it answered. */
  public Instant at() {
    return Instant.ofEpochSecond(atEpochSeconds);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "PolicyStatus[" + hrac + " at " + node + ": " + state.code + "]";
  }
}
