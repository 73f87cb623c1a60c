package dev.nkms.cli;

import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.ec.Backends;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.util.encoders.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A narrated run of the primitive under everything: Enrico encrypts for Alice, Alice splits a
 * re-encryption key for Bob into 5 kfrags (any 3 suffice), 3 proxies re-encrypt, Bob verifies and
 * decrypts.
 */
@Command(
    name = "umbral",
    mixinStandardHelpOptions = true,
    description =
        "Narrated Umbral run: encrypt → kfrags → re-encrypt by 3 of 5 proxies → verify → decrypt.",
    footerHeading = "%nExamples:%n",
    footer = {"  nkms demo umbral"})
public final class UmbralDemoCommand implements Callable<Integer> {
  private static final int THRESHOLD = 3;
  private static final int SHARES = 5;

  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin OutputOptions output;

  @Override
  public Integer call() throws CryptoException {
    PrintWriter out = spec.commandLine().getOut();
    Narrator say = new Narrator(out, output.quiet);
    say.title(
        "nkms demo — threshold proxy re-encryption (Umbral), "
            + THRESHOLD
            + " of "
            + SHARES
            + " proxies");
    say.note("secp256k1 back-end: " + Backends.active().name());

    say.step("Keys");
    SecretKey alice = SecretKey.random();
    SecretKey aliceSigning = SecretKey.random();
    Signer aliceSigner = new Signer(aliceSigning);
    SecretKey bob = SecretKey.random();
    say.item("Alice (data owner)   public key " + short33(alice.publicKey().toCompressedBytes()));
    say.item(
        "Alice's signing key  public key "
            + short33(aliceSigner.verifyingKey().toCompressedBytes()));
    say.item("Bob (recipient)      public key " + short33(bob.publicKey().toCompressedBytes()));
    say.note("Secret keys stay with their owners; nothing below ever prints them.");

    say.step("Enrico encrypts for Alice's public key");
    byte[] message =
        "The eagle lands at dawn. Bring the blue folder.".getBytes(StandardCharsets.UTF_8);
    Umbral.Encrypted enc = Umbral.encrypt(alice.publicKey(), message);
    say.item(
        "plaintext   \""
            + new String(message, StandardCharsets.UTF_8)
            + "\" ("
            + message.length
            + " bytes)");
    say.item(
        "capsule     "
            + enc.capsule().toBytes().length
            + " bytes  "
            + shortHex(enc.capsule().toBytes()));
    say.item("ciphertext  " + enc.ciphertext().length + " bytes  " + shortHex(enc.ciphertext()));
    byte[] own = Umbral.decryptOriginal(alice, enc.capsule(), enc.ciphertext());
    say.note(
        "Alice can always open it herself: \"" + new String(own, StandardCharsets.UTF_8) + "\"");

    say.step(
        "Alice grants Bob access: "
            + SHARES
            + " key fragments, any "
            + THRESHOLD
            + " of which re-encrypt");
    List<VerifiedKeyFrag> kfrags =
        Umbral.generateKFrags(alice, bob.publicKey(), aliceSigner, THRESHOLD, SHARES, true, true);
    List<VerifiedKeyFrag> held = new ArrayList<>();
    for (int i = 0; i < kfrags.size(); i++) {
      KeyFrag received = KeyFrag.fromBytes(kfrags.get(i).toBytes());
      held.add(received.verify(aliceSigner.verifyingKey(), alice.publicKey(), bob.publicKey()));
      say.item(
          "proxy "
              + (i + 1)
              + " receives kfrag "
              + shortHex(received.id())
              + " ("
              + KeyFrag.SERIALIZED_LENGTH
              + " bytes) — commitment and Alice's signature verified");
    }
    say.note(
        "No proxy can decrypt, and cfrags from fewer than "
            + THRESHOLD
            + " proxies cannot be opened.");

    say.step(
        "Bob asks proxies to re-encrypt the capsule; " + THRESHOLD + " of " + SHARES + " answer");
    List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
    Collections.shuffle(order);
    List<Integer> answering = order.subList(0, THRESHOLD);
    List<VerifiedCapsuleFrag> verified = new ArrayList<>();
    for (int p : answering) {
      byte[] wire = Umbral.reencrypt(enc.capsule(), held.get(p)).toBytes();
      CapsuleFrag cfrag = CapsuleFrag.fromBytes(wire);
      verified.add(
          cfrag.verify(
              enc.capsule(), aliceSigner.verifyingKey(), alice.publicKey(), bob.publicKey()));
      say.item(
          "proxy "
              + (p + 1)
              + " → cfrag "
              + shortHex(wire)
              + " ("
              + wire.length
              + " bytes) — Bob checks its correctness proof: valid");
    }

    say.step("A cheating proxy is caught");
    byte[] forged = Umbral.reencrypt(enc.capsule(), held.get(order.get(THRESHOLD))).toBytes();
    forged[300] ^= 1; // inside the proof's response z
    try {
      CapsuleFrag.fromBytes(forged)
          .verify(enc.capsule(), aliceSigner.verifyingKey(), alice.publicKey(), bob.publicKey());
      throw new IllegalStateException("a corrupted cfrag verified");
    } catch (CryptoException e) {
      say.item(
          "proxy "
              + (order.get(THRESHOLD) + 1)
              + " sends a corrupted cfrag → rejected: "
              + e.getMessage());
    }

    say.step("Bob decrypts");
    try {
      Umbral.decryptReencrypted(
          bob,
          alice.publicKey(),
          enc.capsule(),
          verified.subList(0, THRESHOLD - 1),
          enc.ciphertext());
      throw new IllegalStateException("fewer than threshold cfrags decrypted");
    } catch (DecryptionException e) {
      say.item("with " + (THRESHOLD - 1) + " cfrags: refused (" + e.getMessage() + ")");
    }
    byte[] plain =
        Umbral.decryptReencrypted(
            bob, alice.publicKey(), enc.capsule(), verified, enc.ciphertext());
    say.item(
        "with " + THRESHOLD + " cfrags:  \"" + new String(plain, StandardCharsets.UTF_8) + "\"");
    SecretKey mallory = SecretKey.random();
    try {
      Umbral.decryptReencrypted(
          mallory, alice.publicKey(), enc.capsule(), verified, enc.ciphertext());
      throw new IllegalStateException("another key decrypted");
    } catch (DecryptionException e) {
      say.item("Mallory with the same cfrags but her own key: refused");
    }
    say.done(
        java.util.Arrays.equals(plain, message)
            ? "Bob read exactly what Enrico wrote; the proxies never saw it."
            : "MISMATCH: decrypted text differs");
    return java.util.Arrays.equals(plain, message) ? ExitCode.OK : ExitCode.FAILED;
  }

  private static String short33(byte[] b) {
    String h = Hex.toHexString(b);
    return h.substring(0, 10) + "…" + h.substring(h.length() - 6);
  }

  private static String shortHex(byte[] b) {
    String h = Hex.toHexString(b);
    return h.length() <= 16 ? h : h.substring(0, 16) + "…";
  }
}
