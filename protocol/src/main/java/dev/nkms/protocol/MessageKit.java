package dev.nkms.protocol;

import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Arrays;
import java.util.Optional;

/**
 * What Enrico produces for one message: the capsule, the Umbral DEM ciphertext of the
 * data-encryption key (DEK), optional conditions, and the parameters of the chunked payload that
 * follows it (see the client's {@code Enrico}). Only the capsule goes to nodes; the payload never
 * leaves the data holder and Bob.
 */
public final class MessageKit {
  public static final String BRAND = "MKit";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  public static final int MAX_SIZE = 8192;
  public static final int MAX_CHUNK = 16 << 20;
  static final int MAX_ENCRYPTED_DEK = 256;

  private final Capsule capsule;
  private final byte[] encryptedDek;
  private final Conditions conditions;
  private final int chunkSize;
  private final long plaintextLength;

  public MessageKit(
      Capsule capsule,
      byte[] encryptedDek,
      Conditions conditions,
      int chunkSize,
      long plaintextLength) {
    if (chunkSize < 1 || chunkSize > MAX_CHUNK) {
      throw new IllegalArgumentException("chunk size must be in [1, " + MAX_CHUNK + "]");
    }
    if (plaintextLength < 0) {
      throw new IllegalArgumentException("negative plaintext length");
    }
    if (encryptedDek.length > MAX_ENCRYPTED_DEK) {
      throw new IllegalArgumentException("encrypted DEK above " + MAX_ENCRYPTED_DEK + " bytes");
    }
    this.capsule = capsule;
    this.encryptedDek = encryptedDek.clone();
    this.conditions = conditions;
    this.chunkSize = chunkSize;
    this.plaintextLength = plaintextLength;
  }

  public byte[] toBytes() {
    MsgpackWriter w = new MsgpackWriter().array(5).bin(capsule.toBytes()).bin(encryptedDek);
    if (conditions.isEmpty()) {
      w.nil();
    } else {
      conditions.write(w);
    }
    return Envelope.encode(BRAND, MAJOR, MINOR, w.uint(chunkSize).uint(plaintextLength).toBytes());
  }

  public static MessageKit fromBytes(byte[] bytes) throws WireFormatException {
    MsgpackReader r = Envelope.open(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    r.struct(5, "message kit");
    Capsule capsule = Fields.capsule(r, "capsule");
    byte[] dek = r.bin(MAX_ENCRYPTED_DEK, "encrypted_dek");
    Conditions conditions = Conditions.NONE;
    if (!r.nil("conditions")) {
      conditions = Conditions.read(r, "conditions");
      if (conditions.isEmpty()) {
        // nil is the one encoding of "no conditions"; a second one would make kits malleable
        throw r.fail("conditions", "an empty list must be encoded as nil");
      }
    }
    int chunk = (int) r.uint(MAX_CHUNK, "chunk_size");
    if (chunk < 1) {
      throw r.fail("chunk_size", "must be at least 1");
    }
    long length = r.uint(Long.MAX_VALUE, "plaintext_length");
    r.end();
    return new MessageKit(capsule, dek, conditions, chunk, length);
  }

  public Capsule capsule() {
    return capsule;
  }

  public byte[] encryptedDek() {
    return encryptedDek.clone();
  }

  public Conditions conditions() {
    return conditions;
  }

  public Optional<Conditions> conditionsIfAny() {
    return conditions.isEmpty() ? Optional.empty() : Optional.of(conditions);
  }

  public int chunkSize() {
    return chunkSize;
  }

  public long plaintextLength() {
    return plaintextLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageKit && Arrays.equals(toBytes(), ((MessageKit) o).toBytes());
  }

  @Override
  public int hashCode() {
    return capsule.hashCode();
  }
}
