package dev.nkms.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.chain.EvidenceSubmission.Evidence;
import dev.nkms.chain.contracts.Adjudicator;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.Signing;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The Adjudicator on a real chain, with real Umbral objects: a policy (Alice's signing key, the
 * policy key, Bob's key) whose kfrags re-encrypt a real capsule, and a staked node that signs real
 * ReRs responses.
 *
 * <p>Why this file is long: the adjudicator's on-chain checks of cfrag proofs, one case per way a
 * proof can be wrong, on one deployed chain.
 */
class AdjudicatorTest {
  @RegisterExtension static final ChainFixture fx = ChainFixture.freshPerTest();
  static final BigInteger STAKE = Economics.tokens(20_000);
  static final BigInteger PENALTY = Economics.defaults().cfragPenalty();
  static final BigInteger REWARD =
      PENALTY
          .multiply(BigInteger.valueOf(Economics.defaults().investigatorRewardPpm()))
          .divide(BigInteger.valueOf(1_000_000));
  static final BigInteger N = Scalar.N;
  static final BigInteger P =
      new BigInteger("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16);

  final Credentials operator = ChainFixture.account(1);
  final Credentials investigator = ChainFixture.account(2);
  final SecretKey nodeKey = SecretKey.random();
  final NodeAddress node = NodeAddress.of(nodeKey.publicKey());
  final SecretKey aliceKey = SecretKey.random();
  final SecretKey policyKey = SecretKey.random();
  final SecretKey bobKey = SecretKey.random();
  final Hrac hrac = Hrac.derive(aliceKey.publicKey(), nonce("adjudicator-test"));
  List<VerifiedKeyFrag> kfrags;
  Capsule capsule;

  @BeforeEach
  void fresh() throws Exception {
    Instant now = fx.chain().now();
    fx.stake(operator, nodeKey, STAKE, now.plus(Duration.ofDays(60)));
    kfrags =
        Umbral.generateKFrags(
            policyKey, bobKey.publicKey(), new Signer(aliceKey), 2, 3, true, true);
    capsule = encryptOne();
    Chain.send(
        fx.policies(ChainFixture.account(3))
            .createPolicy(
                hrac.toBytes(),
                BigInteger.valueOf(now.plus(Duration.ofDays(30)).getEpochSecond()),
                List.of(node.toHex()),
                List.of(PolicyPayments.kfragHash(kfrags.get(0).toBytes())),
                PolicyPayments.keysHash(alice(), policyKey.publicKey(), bobKey.publicKey()),
                BigInteger.valueOf(1_000_000)));
  }

  // ------------------------------------------------------------------ wrong cfrags are slashed

  @Test
  void aCfragWithAnotherKfragsE1IsSlashedAndTheInvestigatorPaid() throws Exception {
    byte[] wrong = splice(reencrypt(0), 3, Arrays.copyOfRange(reencrypt(1).toBytes(), 3, 36));
    assertWrongInJava(wrong);
    Evidence e = evidence(response(wrong), 0);

    TransactionReceipt rc = EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e);

    assertSlashedOnce(e, rc);
  }

  @Test
  void aCfragWithATamperedE1IsSlashed() throws Exception {
    byte[] cfrag = reencrypt(0).toBytes();
    // E1 := the capsule's E (a valid point, not rk·E)
    byte[] wrong = splice(cfrag, 3, Arrays.copyOfRange(capsule.toBytes(), 3, 36));
    assertWrongInJava(wrong);
    Evidence e = evidence(response(wrong), 0);
    assertThat(
            Chain.call(
                adjudicator(investigator)
                    .checkCFrag(capsule.toBytes(), wrong, e.keys(), e.hints())))
        .isFalse();
    assertSlashedOnce(e, EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e));
  }

  @Test
  void aForgedKfragSignatureWithAValidProofIsSlashed() throws Exception {
    // kfrags signed by someone else: every proof equation holds, only Alice's signature is missing
    List<VerifiedKeyFrag> forged =
        Umbral.generateKFrags(
            policyKey, bobKey.publicKey(), new Signer(SecretKey.random()), 2, 3, true, true);
    byte[] cfrag = Umbral.reencrypt(capsule, forged.get(0)).toBytes();
    assertThatThrownBy(
            () ->
                CapsuleFrag.fromBytes(cfrag)
                    .verify(capsule, alice(), policyKey.publicKey(), bobKey.publicKey()))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("signature");
    Evidence e = evidence(response(cfrag), 0);
    assertSlashedOnce(e, EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e));
  }

  @Test
  void aWrongCfragWhoseE1HasXAboveTheGroupOrderIsStillSlashed() throws Exception {
    // ecrecover refuses r ≥ n, so h·E1 is checked the other way round (E1 = h⁻¹·(h·E1))
    BigInteger x = N;
    while (!isSquare(x.pow(3).add(BigInteger.valueOf(7)).mod(P))) {
      x = x.add(BigInteger.ONE);
    }
    byte[] e1 = new byte[33];
    e1[0] = 2;
    byte[] xb = Numeric.toBytesPadded(x, 32);
    System.arraycopy(xb, 0, e1, 1, 32);
    byte[] wrong = splice(reencrypt(0), 3, e1);
    assertWrongInJava(wrong);
    Evidence e = evidence(response(wrong), 0);
    assertSlashedOnce(e, EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e));
  }

  @Test
  void aCfragWithZeroZIsSlashed() throws Exception {
    byte[] wrong = reencrypt(0).toBytes();
    Arrays.fill(wrong, 283, 315, (byte) 0);
    assertWrongInJava(wrong);
    Evidence e = evidence(response(wrong), 0);
    assertSlashedOnce(e, EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e));
  }

  @Test
  void aCfragWithAPointOffTheCurveIsSlashed() throws Exception {
    // x with x³+7 not a square: no such point, so the cfrag cannot be parsed, let alone verified
    BigInteger x = BigInteger.valueOf(5);
    while (isSquare(x.pow(3).add(BigInteger.valueOf(7)).mod(P))) {
      x = x.add(BigInteger.ONE);
    }
    byte[] e1 = new byte[33];
    e1[0] = 3;
    System.arraycopy(Numeric.toBytesPadded(x, 32), 0, e1, 1, 32);
    byte[] wrong = splice(reencrypt(0), 3, e1);
    assertThatThrownBy(() -> CapsuleFrag.fromBytes(wrong)).hasMessageContaining("curve point");
    byte[] payload = payload(hrac.toBytes(), List.of(capsule.toBytes()), List.of(wrong));
    Evidence e = evidence(frame(payload, sign(nodeKey, payload)), 0);
    assertSlashedOnce(e, EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e));
  }

  @Test
  void theTenthCfragOfATenCapsuleResponseIsJudgedAlone() throws Exception {
    List<Capsule> capsules = new ArrayList<>();
    List<VerifiedCapsuleFrag> cfrags = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Capsule c = i == 0 ? capsule : encryptOne();
      capsules.add(c);
      cfrags.add(Umbral.reencrypt(c, kfrags.get(0)));
    }
    byte[] wrong =
        splice(cfrags.get(9).unverify(), 3, Arrays.copyOfRange(cfrags.get(8).toBytes(), 3, 36));
    cfrags.set(9, CapsuleFrag.fromBytes(wrong).skipVerification());
    byte[] rs =
        ReencryptionResponse.sign(
                hrac, capsules, cfrags, new Signer(nodeKey), RandomSource.secure())
            .toBytes();
    assertThatThrownBy(() -> Chain.send(submit(evidence(rs, 8))))
        .hasMessageContaining("the cfrag is correct");
    Evidence e = evidence(rs, 9);
    assertSlashedOnce(e, EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e));
  }

  // ------------------------------------------------------------------ nothing is slashed

  @Test
  void aCorrectCfragIsNotSlashed() throws Exception {
    VerifiedCapsuleFrag cfrag = reencrypt(0);
    Evidence e = evidence(response(cfrag.toBytes()), 0);
    assertThat(
            Chain.call(
                adjudicator(investigator)
                    .checkCFrag(capsule.toBytes(), cfrag.toBytes(), e.keys(), e.hints())))
        .isTrue();
    assertRefused(e, "the cfrag is correct");
  }

  @Test
  void aResponseTheNodeDidNotSignIsRefused() throws Exception {
    byte[] wrong = splice(reencrypt(0), 3, Arrays.copyOfRange(reencrypt(1).toBytes(), 3, 36));
    byte[] payload = payload(hrac.toBytes(), List.of(capsule.toBytes()), List.of(wrong));
    // signed by another key
    assertRefused(
        evidence(frame(payload, sign(SecretKey.random(), payload)), 0), "the node did not sign");
    // signed by the node, then tampered with (a byte of the cfrag's z)
    byte[] sig = sign(nodeKey, payload);
    byte[] tampered = payload.clone();
    tampered[tampered.length - 90] ^= 1;
    assertRefused(evidence(frame(tampered, sig), 0), "the node did not sign");
  }

  @Test
  void aNodeWithoutStakeCannotBeAdjudicated() throws Exception {
    SecretKey stranger = SecretKey.random();
    byte[] wrong = splice(reencrypt(0), 3, Arrays.copyOfRange(reencrypt(1).toBytes(), 3, 36));
    byte[] payload = payload(hrac.toBytes(), List.of(capsule.toBytes()), List.of(wrong));
    Evidence e =
        EvidenceSubmission.prepare(
            frame(payload, sign(stranger, payload)),
            0,
            NodeAddress.of(stranger.publicKey()),
            alice(),
            policyKey.publicKey(),
            bobKey.publicKey());
    assertThatThrownBy(
            () -> EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("not a staked node");
  }

  @Test
  void theSameEvidencePaysOnce() throws Exception {
    byte[] wrong = splice(reencrypt(0), 3, Arrays.copyOfRange(reencrypt(1).toBytes(), 3, 36));
    Evidence e = evidence(response(wrong), 0);
    assertSlashedOnce(e, EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e));
    // a fresh signature over the same payload is the same evidence
    Evidence again = evidence(response(wrong), 0);
    assertThat(again.r()).isNotEqualTo(e.r());
    assertThatThrownBy(
            () ->
                EvidenceSubmission.submit(
                    fx.chain(), fx.deployment(), ChainFixture.account(4), again))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("already adjudicated");
    assertThat(stake()).isEqualTo(STAKE.subtract(PENALTY));
    assertThat(tokens(investigator)).isEqualTo(REWARD);
    assertThat(tokens(ChainFixture.account(4))).isZero();
  }

  @Test
  void keysThatAreNotThePolicysAreRefused() throws Exception {
    byte[] wrong = splice(reencrypt(0), 3, Arrays.copyOfRange(reencrypt(1).toBytes(), 3, 36));
    byte[] rs = response(wrong);
    // the wrong Bob: the kfrag signature would not verify either, and the node would be slashed for
    // it
    Evidence e =
        EvidenceSubmission.prepare(
            rs, 0, node, alice(), policyKey.publicKey(), SecretKey.random().publicKey());
    assertRefused(e, "the keys are not the policy's");
    // a policy nobody created
    Hrac other = Hrac.derive(alice(), nonce("never created"));
    byte[] payload = payload(other.toBytes(), List.of(capsule.toBytes()), List.of(wrong));
    assertRefused(evidence(frame(payload, sign(nodeKey, payload)), 0), "unknown policy");
  }

  @Test
  void malformedResponsesAreRefusedWithAReason() throws Exception {
    byte[] cap = capsule.toBytes();
    byte[] cf = splice(reencrypt(0), 3, Arrays.copyOfRange(reencrypt(1).toBytes(), 3, 36));
    byte[] good = payload(hrac.toBytes(), List.of(cap), List.of(cf));
    Evidence base = evidence(frame(good, sign(nodeKey, good)), 0);

    assertMalformed(base, Arrays.copyOf(good, good.length - 1), 0, "wrong length");
    assertMalformed(base, concat(good, new byte[] {0}), 0, "wrong length");
    assertMalformed(base, Arrays.copyOf(good, 30), 0, "truncated capsules");
    byte[] header = good.clone();
    header[0] = (byte) 0x92;
    assertMalformed(base, header, 0, "header");
    byte[] hracHeader = good.clone();
    hracHeader[2] = 0x11;
    assertMalformed(base, hracHeader, 0, "header");
    byte[] capsuleHeader = good.clone();
    capsuleHeader[21] = 0x68;
    assertMalformed(base, capsuleHeader, 0, "a capsule is not 105 bytes");
    byte[] cfragHeader = good.clone();
    cfragHeader[20 + 107 + 1] = (byte) 0xc4;
    assertMalformed(base, cfragHeader, 0, "a cfrag is not 381 bytes");
    byte[] counts = payload(hrac.toBytes(), List.of(cap, cap), List.of(cf));
    assertMalformed(base, counts, 0, "counts differ");
    byte[] noArray = good.clone();
    noArray[19] = (byte) 0xc0;
    assertMalformed(base, noArray, 0, "expected an array");
    // array16 for one element: a shorter header exists
    byte[] long16 =
        concat(
            Arrays.copyOf(good, 19),
            new byte[] {(byte) 0xdc, 0, 1},
            Arrays.copyOfRange(good, 20, good.length));
    assertMalformed(base, long16, 0, "non-canonical array header");
    assertMalformed(base, good, 1, "index out of range");
    assertMalformed(base, good, Integer.MAX_VALUE, "index out of range");
  }

  @Test
  void hintsThatDoNotMatchAreRefusedNotSlashed() throws Exception {
    byte[] wrong = splice(reencrypt(0), 3, Arrays.copyOfRange(reencrypt(1).toBytes(), 3, 36));
    Evidence e = evidence(response(wrong), 0);
    byte[] h = e.hints();

    byte[] product = h.clone();
    product[288 + 64 + 31] ^= 1; // h·E1's x
    assertRefused(e.withHints(product), "bad hint: a product does not match");
    byte[] zProduct = h.clone();
    zProduct[288 + 63] ^= 1; // z·E's y
    assertRefused(e.withHints(zProduct), "bad hint: a product does not match");
    byte[] parity = h.clone();
    putWord(parity, 96, P.subtract(word(h, 96))); // −y for E1
    assertRefused(e.withHints(parity), "bad hint: y has the wrong parity");
    byte[] notRoot = h.clone();
    putWord(notRoot, 32, word(h, 32).add(BigInteger.ONE)); // E's y
    assertRefused(e.withHints(notRoot), "bad hint: y matches neither");
    byte[] aliceY = h.clone();
    putWord(aliceY, 0, P.subtract(word(h, 0)));
    assertRefused(e.withHints(aliceY), "bad hint: y has the wrong parity");
    byte[] big = h.clone();
    putWord(big, 64, P);
    assertRefused(e.withHints(big), "bad hint: y is not below p");
    assertThatThrownBy(
            () ->
                Chain.send(
                    adjudicator(investigator)
                        .submitEvidence(
                            node.toHex(),
                            e.payload(),
                            e.r(),
                            e.s(),
                            BigInteger.ZERO,
                            e.keys(),
                            Arrays.copyOf(h, 671))))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("hints must be 672 bytes");

    // and the right hints still slash afterwards: the refusals left nothing behind
    assertSlashedOnce(e, EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e));
  }

  // ------------------------------------------------------------------ gas

  @Test
  void gas() throws Exception {
    List<String> rows = new ArrayList<>();
    for (int count : new int[] {1, 10}) {
      fx.reset();
      fresh();
      List<Capsule> capsules = new ArrayList<>();
      List<VerifiedCapsuleFrag> cfrags = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Capsule c = i == 0 ? capsule : encryptOne();
        capsules.add(c);
        cfrags.add(Umbral.reencrypt(c, kfrags.get(0)));
      }
      int last = count - 1;
      byte[] wrong =
          splice(
              cfrags.get(last).unverify(),
              3,
              Arrays.copyOfRange(
                  Umbral.reencrypt(capsules.get(last), kfrags.get(1)).toBytes(), 3, 36));
      cfrags.set(last, CapsuleFrag.fromBytes(wrong).skipVerification());
      byte[] rs =
          ReencryptionResponse.sign(
                  hrac, capsules, cfrags, new Signer(nodeKey), RandomSource.secure())
              .toBytes();
      Evidence e = evidence(rs, last);
      TransactionReceipt rc =
          EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e);
      assertSlashedOnce(e, rc);
      rows.add(
          String.format(
              "GAS submitEvidence, %2d-capsule response (%5d-byte payload)  %,9d",
              count, e.payload().length, rc.getGasUsed()));
      if (count == 1) {
        rows.add(
            String.format(
                "GAS   of which checkCFrag alone (estimate - 21000 - calldata)       %,9d",
                checkGas(capsules.get(last).toBytes(), wrong, e)));
      }
    }
    rows.forEach(System.out::println);
  }

  /**
   * Execution gas of checkCFrag: eth_estimateGas of the view call less the intrinsic cost of its
   * transaction.
   */
  private long checkGas(byte[] cap, byte[] cfrag, Evidence e) throws Exception {
    String data =
        FunctionEncoder.encode(
            new Function(
                "checkCFrag",
                List.of(
                    new DynamicBytes(cap),
                    new DynamicBytes(cfrag),
                    new DynamicBytes(e.keys()),
                    new DynamicBytes(e.hints())),
                List.of()));
    long estimate =
        fx.chain()
            .web3j()
            .ethEstimateGas(
                Transaction.createEthCallTransaction(
                    investigator.getAddress(), fx.deployment().adjudicator(), data))
            .send()
            .getAmountUsed()
            .longValueExact();
    long calldata = 0;
    for (byte b : Numeric.hexStringToByteArray(data)) {
      calldata += b == 0 ? 4 : 16;
    }
    return estimate - 21_000 - calldata;
  }

  // ------------------------------------------------------------------ helpers

  private void assertSlashedOnce(Evidence e, TransactionReceipt rc) throws Exception {
    assertThat(stake()).isEqualTo(STAKE.subtract(PENALTY));
    assertThat(tokens(investigator)).isEqualTo(REWARD);
    assertThat(Chain.call(adjudicator(investigator).adjudicated(e.id()))).isTrue();
    List<Adjudicator.WrongCFragEventResponse> events = Adjudicator.getWrongCFragEvents(rc);
    assertThat(events).hasSize(1);
    Adjudicator.WrongCFragEventResponse ev = events.get(0);
    assertThat(ev.node).isEqualToIgnoringCase(node.toHex());
    assertThat(ev.hrac).isEqualTo(hrac.toBytes());
    assertThat(ev.evidence).isEqualTo(e.id());
    assertThat(ev.penalty).isEqualTo(PENALTY);
    assertThat(ev.investigator).isEqualToIgnoringCase(investigator.getAddress());
    assertThat(ev.reward).isEqualTo(REWARD);
  }

  /**
   * Reverts with {@code reason}, and nothing changed: stake, investigator's tokens, the evidence
   * record.
   */
  private void assertRefused(Evidence e, String reason) throws Exception {
    assertThatThrownBy(
            () -> EvidenceSubmission.submit(fx.chain(), fx.deployment(), investigator, e))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining(reason);
    assertThat(stake()).isEqualTo(STAKE);
    assertThat(tokens(investigator)).isZero();
    assertThat(Chain.call(adjudicator(investigator).adjudicated(e.id()))).isFalse();
  }

  private void assertMalformed(Evidence base, byte[] payload, int index, String reason)
      throws Exception {
    byte[] sig = sign(nodeKey, payload);
    assertThatThrownBy(
            () ->
                Chain.send(
                    adjudicator(investigator)
                        .submitEvidence(
                            node.toHex(),
                            payload,
                            Arrays.copyOfRange(sig, 0, 32),
                            Arrays.copyOfRange(sig, 32, 64),
                            BigInteger.valueOf(index),
                            base.keys(),
                            base.hints())))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("reverted")
        .hasMessageContaining(reason);
    assertThat(stake()).isEqualTo(STAKE);
  }

  private void assertWrongInJava(byte[] cfrag) {
    assertThatThrownBy(
            () ->
                CapsuleFrag.fromBytes(cfrag)
                    .verify(capsule, alice(), policyKey.publicKey(), bobKey.publicKey()))
        .isInstanceOf(VerificationException.class);
  }

  private org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> submit(Evidence e) {
    return adjudicator(investigator)
        .submitEvidence(
            e.node().toHex(),
            e.payload(),
            e.r(),
            e.s(),
            BigInteger.valueOf(e.index()),
            e.keys(),
            e.hints());
  }

  private Evidence evidence(byte[] reRs, int index) throws Exception {
    return EvidenceSubmission.prepare(
        reRs, index, node, alice(), policyKey.publicKey(), bobKey.publicKey());
  }

  /**
   * A real ReRs from the protocol module: one capsule, the given cfrag bytes, signed by the node.
   */
  private byte[] response(byte[] cfrag) throws Exception {
    return ReencryptionResponse.sign(
            hrac,
            List.of(capsule),
            List.of(CapsuleFrag.fromBytes(cfrag).skipVerification()),
            new Signer(nodeKey),
            RandomSource.secure())
        .toBytes();
  }

  /** A ReRs payload written by hand (for cfrags the protocol module would not parse). */
  private static byte[] payload(byte[] hracBytes, List<byte[]> capsules, List<byte[]> cfrags) {
    MsgpackWriter w = new MsgpackWriter().array(3).bin(hracBytes).array(capsules.size());
    capsules.forEach(w::bin);
    w.array(cfrags.size());
    cfrags.forEach(w::bin);
    return w.toBytes();
  }

  private static byte[] sign(SecretKey key, byte[] payload) {
    return Signing.sign(new Signer(key), "reencryption-response", payload, RandomSource.secure())
        .toBEBytes();
  }

  private static byte[] frame(byte[] payload, byte[] sig) {
    return Envelope.encode(
        ReencryptionResponse.BRAND,
        1,
        0,
        new MsgpackWriter().array(2).bin(payload).bin(sig).toBytes());
  }

  private VerifiedCapsuleFrag reencrypt(int kfrag) {
    return Umbral.reencrypt(capsule, kfrags.get(kfrag));
  }

  private Capsule encryptOne() {
    return Umbral.encrypt(policyKey.publicKey(), "to Bob".getBytes(StandardCharsets.UTF_8))
        .capsule();
  }

  private static byte[] splice(VerifiedCapsuleFrag cfrag, int offset, byte[] part) {
    return splice(cfrag.toBytes(), offset, part);
  }

  private static byte[] splice(CapsuleFrag cfrag, int offset, byte[] part) {
    return splice(cfrag.toBytes(), offset, part);
  }

  private static byte[] splice(byte[] b, int offset, byte[] part) {
    byte[] out = b.clone();
    System.arraycopy(part, 0, out, offset, part.length);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    byte[] out = new byte[0];
    for (byte[] p : parts) {
      byte[] n = Arrays.copyOf(out, out.length + p.length);
      System.arraycopy(p, 0, n, out.length, p.length);
      out = n;
    }
    return out;
  }

  private static boolean isSquare(BigInteger v) {
    return v.signum() == 0
        || v.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
  }

  private static BigInteger word(byte[] b, int offset) {
    return new BigInteger(1, Arrays.copyOfRange(b, offset, offset + 32));
  }

  private static void putWord(byte[] b, int offset, BigInteger v) {
    System.arraycopy(Numeric.toBytesPadded(v, 32), 0, b, offset, 32);
  }

  private PublicKey alice() {
    return aliceKey.publicKey();
  }

  private BigInteger stake() throws ChainException {
    return Chain.call(fx.staking(operator).stakeOfNode(node.toHex()));
  }

  private BigInteger tokens(Credentials who) throws ChainException {
    return Chain.call(fx.token(who).balanceOf(who.getAddress()));
  }

  private Adjudicator adjudicator(Credentials as) {
    return fx.adjudicator(as);
  }

  /** A grant nonce named by {@code label}, so that the test can name the same policy again. */
  static byte[] nonce(String label) {
    return java.util.Arrays.copyOf(
        dev.nkms.crypto.primitives.ScalarDigest.sha256(
            label.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        dev.nkms.protocol.Hrac.NONCE_LENGTH);
  }
}
