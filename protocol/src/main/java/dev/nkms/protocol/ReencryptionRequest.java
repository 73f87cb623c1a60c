package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bob asks one node to re-encrypt many capsules under one policy. Signed by Bob, so the node can
 * check the requester is the policy's Bob; {@code issuedAt} and a random nonce let the node refuse
 * stale and replayed requests. Parsing verifies the signature against the key inside.
 */
public final class ReencryptionRequest {
  public static final String BRAND = "ReRq";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  public static final int MAX_CAPSULES = 1000;
  public static final int MAX_SIZE = 160 * 1024;
  public static final int MAX_CONTEXT_ENTRIES = 32;
  public static final int MAX_CONTEXT_KEY_BYTES = 64;
  public static final int MAX_CONTEXT_VALUE_BYTES = 1024;
  private static final String PURPOSE = "reencryption-request";

  private final Hrac hrac;
  private final List<Capsule> capsules;
  private final PublicKey bobVerifyingKey;
  private final Map<String, String> context;
  private final long issuedAtMillis;
  private final byte[] nonce;
  private final byte[] bytes;

  private ReencryptionRequest(
      Hrac hrac,
      List<Capsule> capsules,
      PublicKey bob,
      Map<String, String> context,
      long issuedAtMillis,
      byte[] nonce,
      byte[] bytes) {
    this.hrac = hrac;
    this.capsules = capsules;
    this.bobVerifyingKey = bob;
    this.context = context;
    this.issuedAtMillis = issuedAtMillis;
    this.nonce = nonce;
    this.bytes = bytes;
  }

  public static ReencryptionRequest sign(
      Hrac hrac,
      List<Capsule> capsules,
      Map<String, String> context,
      Instant issuedAt,
      Signer bob,
      RandomSource random) {
    if (capsules.isEmpty() || capsules.size() > MAX_CAPSULES) {
      throw new IllegalArgumentException("a request carries 1.." + MAX_CAPSULES + " capsules");
    }
    if (context.size() > MAX_CONTEXT_ENTRIES) {
      throw new IllegalArgumentException("at most " + MAX_CONTEXT_ENTRIES + " context entries");
    }
    context.forEach(
        (k, v) -> {
          if (utf8Length(k) > MAX_CONTEXT_KEY_BYTES || utf8Length(v) > MAX_CONTEXT_VALUE_BYTES) {
            throw new IllegalArgumentException(
                "context keys are limited to "
                    + MAX_CONTEXT_KEY_BYTES
                    + " bytes and values to "
                    + MAX_CONTEXT_VALUE_BYTES);
          }
        });
    byte[] nonce = random.nextBytes(16);
    TreeMap<String, String> ctx = new TreeMap<>(context);
    MsgpackWriter w = new MsgpackWriter().array(6).bin(hrac.toBytes()).array(capsules.size());
    for (Capsule c : capsules) {
      w.bin(c.toBytes());
    }
    w.bin(bob.verifyingKey().toCompressedBytes()).map(ctx.size());
    ctx.forEach((k, v) -> w.str(k).str(v));
    byte[] payload = w.uint(issuedAt.toEpochMilli()).bin(nonce).toBytes();
    Signature sig = Signing.sign(bob, PURPOSE, payload, random);
    return new ReencryptionRequest(
        hrac,
        List.copyOf(capsules),
        bob.verifyingKey(),
        Collections.unmodifiableMap(ctx),
        issuedAt.toEpochMilli(),
        nonce,
        SignedEnvelope.encode(BRAND, MAJOR, MINOR, payload, sig));
  }

  public static ReencryptionRequest fromBytes(byte[] bytes) throws WireFormatException {
    SignedEnvelope env = SignedEnvelope.decode(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    MsgpackReader r = env.payloadReader(BRAND);
    r.struct(6, "request");
    Hrac hrac = Hrac.read(r, "hrac");
    int n = r.list(MAX_CAPSULES, "capsules");
    if (n == 0) {
      throw r.fail("capsules", "no capsules");
    }
    List<Capsule> capsules = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      capsules.add(Fields.capsule(r, "capsules[" + i + "]"));
    }
    PublicKey bob = Fields.publicKey(r, "bob_verifying_key");
    int entries = r.map(MAX_CONTEXT_ENTRIES, "context");
    TreeMap<String, String> ctx = new TreeMap<>();
    String previous = null;
    for (int i = 0; i < entries; i++) {
      String k = r.str(MAX_CONTEXT_KEY_BYTES, "context key");
      String v = r.str(MAX_CONTEXT_VALUE_BYTES, "context[" + k + "]");
      if (previous != null && previous.compareTo(k) >= 0) {
        throw r.fail("context", "keys must be unique and sorted");
      }
      previous = k;
      ctx.put(k, v);
    }
    long issuedAt = r.uint(Long.MAX_VALUE, "issued_at");
    byte[] nonce = r.binExact(16, "nonce");
    r.end();
    if (!Signing.verify(env.signature, bob, PURPOSE, env.payload)) {
      throw new BadSignatureException(BRAND + ": the requester's signature does not verify");
    }
    return new ReencryptionRequest(
        hrac,
        List.copyOf(capsules),
        bob,
        Collections.unmodifiableMap(ctx),
        issuedAt,
        nonce,
        bytes.clone());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  private static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** Identifies this exact request, for replay detection. */
  public byte[] digest() {
    return ScalarDigest.sha256(bytes);
  }

  public Hrac hrac() {
    return hrac;
  }

  public List<Capsule> capsules() {
    return capsules;
  }

  public PublicKey bobVerifyingKey() {
    return bobVerifyingKey;
  }

  public Map<String, String> context() {
    return context;
  }

  public Instant issuedAt() {
    return Instant.ofEpochMilli(issuedAtMillis);
  }
}
