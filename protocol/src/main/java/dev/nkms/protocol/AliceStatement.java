package dev.nkms.protocol;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;

/**
 * The shape shared by what Alice sends a node about one of her policies (revocation orders, status
 * queries): a signed statement [hrac, nonce, alice_verifying_key, node address, issued_at epoch
 * seconds]. It is <em>authentic</em> when the hrac is the one {@code alice_verifying_key} derives
 * with the nonce and the signature verifies under that key: then it comes from the Alice the policy
 * id belongs to, whatever the node holds. Parsing checks the structure only, so a node can answer
 * every inauthentic statement the same way. The purpose string keeps the kinds apart.
 */
final class AliceStatement {
  static final int MAX_SIZE = 512;

  final Hrac hrac;
  final byte[] nonce;
  final PublicKey alice;
  final NodeAddress node;
  final long epochSeconds;
  private final Signature signature;
  private final byte[] payload;
  final byte[] bytes;

  private AliceStatement(
      Hrac hrac,
      byte[] nonce,
      PublicKey alice,
      NodeAddress node,
      long epochSeconds,
      Signature signature,
      byte[] payload,
      byte[] bytes) {
    this.hrac = hrac;
    this.nonce = nonce;
    this.alice = alice;
    this.node = node;
    this.epochSeconds = epochSeconds;
    this.signature = signature;
    this.payload = payload;
    this.bytes = bytes;
  }

  /**
   * Signs the statement as written, authentic or not (the reader decides; tests need inauthentic
   * ones too).
   */
  static AliceStatement sign(
      String brand,
      int major,
      int minor,
      String purpose,
      Hrac hrac,
      byte[] nonce,
      NodeAddress node,
      Instant at,
      Signer signer,
      RandomSource random) {
    Hrac.checkNonce(nonce);
    if (at.getEpochSecond() < 0 || at.getEpochSecond() > MsgpackReader.MAX_EPOCH_SECONDS) {
      throw new IllegalArgumentException("time out of range: " + at);
    }
    PublicKey alice = signer.verifyingKey();
    byte[] payload =
        new MsgpackWriter()
            .array(5)
            .bin(hrac.toBytes())
            .bin(nonce)
            .bin(alice.toCompressedBytes())
            .bin(node.toBytes())
            .uint(at.getEpochSecond())
            .toBytes();
    Signature sig = Signing.sign(signer, purpose, payload, random);
    return new AliceStatement(
        hrac,
        nonce.clone(),
        alice,
        node,
        at.getEpochSecond(),
        sig,
        payload,
        SignedEnvelope.encode(brand, major, minor, payload, sig));
  }

  static AliceStatement fromBytes(String brand, int major, int minor, String what, byte[] bytes)
      throws WireFormatException {
    SignedEnvelope env = SignedEnvelope.decode(bytes, brand, major, minor, MAX_SIZE);
    MsgpackReader r = env.payloadReader(brand);
    r.struct(5, what);
    Hrac hrac = Hrac.read(r, "hrac");
    byte[] nonce = r.binExact(Hrac.NONCE_LENGTH, "nonce");
    PublicKey alice = Fields.publicKey(r, "alice_verifying_key");
    NodeAddress node = NodeAddress.read(r, "node");
    long at = r.epochSeconds("issued_at");
    r.end();
    return new AliceStatement(
        hrac, nonce, alice, node, at, env.signature, env.payload, bytes.clone());
  }

  boolean isAuthentic(String purpose) {
    return hrac.belongsTo(alice, nonce) && Signing.verify(signature, alice, purpose, payload);
  }

  Instant at() {
    return Instant.ofEpochSecond(epochSeconds);
  }
}
