package dev.nkms.node.store;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.Hrac;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.util.encoders.Hex;

/**
 * One re-encryption request served, as the node's append-only access log records it. Entries form a
 * hash chain: {@code hash = SHA-256(prevHash ‖ u64be(seq) ‖ u64be(atMillis) ‖ hrac ‖ requester ‖
 * u32be(capsules) ‖ requestDigest)}, and the first entry's {@code prevHash} is 32 zero bytes, so an
 * edited or removed entry breaks every hash after it.
 */
public record AccessLogEntry(
    long seq,
    Instant at,
    Hrac hrac,
    PublicKey requester,
    int capsules,
    byte[] requestDigest,
    byte[] prevHash,
    byte[] hash) {
  public static final int DIGEST_LENGTH = 32;

  /**
   * Length of the row being hashed after {@code prevHash}: seq, time, hrac, requester, capsules,
   * digest.
   */
  static final int BODY_LENGTH = 8 + 8 + Hrac.LENGTH + PublicKey.LENGTH + 4 + DIGEST_LENGTH;

  public AccessLogEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(hrac, "hrac");
    Objects.requireNonNull(requester, "requester");
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1, got " + seq);
    }
    if (at.toEpochMilli() < 0 || !at.equals(Instant.ofEpochMilli(at.toEpochMilli()))) {
      throw new IllegalArgumentException(
          "access time must be a non-negative whole millisecond, got " + at);
    }
    if (capsules < 0) {
      throw new IllegalArgumentException("capsule count is negative: " + capsules);
    }
    requestDigest = exact(requestDigest, "request digest");
    prevHash = exact(prevHash, "previous hash");
    hash = exact(hash, "hash");
  }

  private static byte[] exact(byte[] b, String what) {
    Objects.requireNonNull(b, what);
    if (b.length != DIGEST_LENGTH) {
      throw new IllegalArgumentException(
          what + " must be " + DIGEST_LENGTH + " bytes, got " + b.length);
    }
    return b.clone();
  }

  /**
   * The chain hash of a row, from its raw column values (also used to check rows that no longer
   * parse).
   */
  public static byte[] chainHash(
      byte[] prevHash,
      long seq,
      long atMillis,
      byte[] hrac,
      byte[] requester,
      int capsules,
      byte[] requestDigest) {
    ByteBuffer body =
        ByteBuffer.allocate(BODY_LENGTH)
            .putLong(seq)
            .putLong(atMillis)
            .put(hrac)
            .put(requester)
            .putInt(capsules)
            .put(requestDigest);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prevHash);
      sha.update(body.array());
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** The hash this entry's fields imply; equal to {@link #hash()} for an intact entry. */
  public byte[] computedHash() {
    return chainHash(
        prevHash,
        seq,
        at.toEpochMilli(),
        hrac.toBytes(),
        requester.toCompressedBytes(),
        capsules,
        requestDigest);
  }

  @Override
  public byte[] requestDigest() {
    return requestDigest.clone();
  }

  @Override
  public byte[] prevHash() {
    return prevHash.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AccessLogEntry)) {
      return false;
    }
    AccessLogEntry e = (AccessLogEntry) o;
    return seq == e.seq
        && at.equals(e.at)
        && hrac.equals(e.hrac)
        && requester.equals(e.requester)
        && capsules == e.capsules
        && Arrays.equals(requestDigest, e.requestDigest)
        && Arrays.equals(prevHash, e.prevHash)
        && Arrays.equals(hash, e.hash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seq) * 31 + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "AccessLogEntry[#"
        + seq
        + " "
        + at
        + " "
        + hrac
        + " by "
        + requester.toHex()
        + ", "
        + capsules
        + " capsule(s), hash "
        + Hex.toHexString(hash)
        + "]";
  }
}
