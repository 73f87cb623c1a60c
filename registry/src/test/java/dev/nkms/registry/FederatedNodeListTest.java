package dev.nkms.registry;

import static dev.nkms.registry.Fixtures.DOMAIN;
import static dev.nkms.registry.Fixtures.LOCK;
import static dev.nkms.registry.Fixtures.MEMBERS;
import static dev.nkms.registry.Fixtures.T0;
import static dev.nkms.registry.Fixtures.node;
import static dev.nkms.registry.Fixtures.operator;
import static dev.nkms.registry.Fixtures.stake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.Signing;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Why this file is long: the federated list's strict parser and its signature rules: one case per
 * malformed field and per threshold rule.
 */
class FederatedNodeListTest {
  private static final List<Stake> STAKES = List.of(stake(3, 300), stake(1, 256), stake(2, 0));

  // ---- hand-built encodings, written from docs/protocol.md §6.11 and independent of the class
  // under test ----

  private static MsgpackWriter payloadHead(
      String domain, long serial, long issuedMillis, byte[] minimum, int n) {
    return new MsgpackWriter()
        .array(5)
        .str(domain)
        .uint(serial)
        .uint(issuedMillis)
        .bin(minimum)
        .array(n);
  }

  private static void entry(MsgpackWriter w, int node, byte[] amount, long lockedSeconds) {
    w.array(4)
        .bin(operator(node).toBytes())
        .bin(node(node).toBytes())
        .bin(amount)
        .uint(lockedSeconds);
  }

  /**
   * The standard three entries (nodes 1, 2, 3 with stakes 256, 0, 300) with one entry's fields
   * replaced.
   */
  private static byte[] payload(Consumer<MsgpackWriter> extra, int entries) {
    MsgpackWriter w = payloadHead(DOMAIN, 7, T0.toEpochMilli(), new byte[] {100}, entries);
    entry(w, 1, new byte[] {1, 0}, LOCK.getEpochSecond());
    entry(w, 2, new byte[0], LOCK.getEpochSecond());
    extra.accept(w);
    return w.toBytes();
  }

  private static byte[] standardPayload() {
    return payload(w -> entry(w, 3, new byte[] {1, 44}, LOCK.getEpochSecond()), 3);
  }

  /** A complete list over {@code payload}, signed by the given members in the given order. */
  private static byte[] document(byte[] payload, String purpose, Signer... signers) {
    MsgpackWriter w = new MsgpackWriter().array(2).bin(payload).array(signers.length);
    for (Signer s : signers) {
      w.array(2)
          .bin(s.verifyingKey().toCompressedBytes())
          .bin(Signing.sign(s, purpose, payload, Fixtures.random("doc")).toBEBytes());
    }
    return Envelope.encode("FdNl", 1, 0, w.toBytes());
  }

  private static Signer[] inKeyOrder(int... members) {
    return Arrays.stream(members)
        .mapToObj(i -> MEMBERS[i])
        .sorted(Comparator.comparing(s -> s.verifyingKey().toHex()))
        .toArray(Signer[]::new);
  }

  private static byte[] document(byte[] payload) {
    return document(payload, FederatedNodeList.PURPOSE, inKeyOrder(0, 1));
  }

  @Test
  void signsAndRoundTripsWithEntriesInNodeOrder() throws Exception {
    Instant issued = T0.plusNanos(1_234_567); // kept to the millisecond
    List<Stake> stakes = new ArrayList<>(STAKES);
    stakes.add(
        new Stake(
            operator(9), node(9), BigInteger.TEN, LOCK.plusMillis(999))); // kept to the second
    FederatedNodeList list =
        FederatedNodeList.sign(
            DOMAIN,
            7,
            issued,
            BigInteger.valueOf(100),
            stakes,
            List.of(MEMBERS[1], MEMBERS[0]),
            Fixtures.random("sign"));
    FederatedNodeList back = FederatedNodeList.fromBytes(list.toBytes());
    assertThat(back).isEqualTo(list).hasSameHashCodeAs(list);
    assertThat(back.toBytes()).isEqualTo(list.toBytes());
    assertThat(back.domain()).isEqualTo(DOMAIN);
    assertThat(back.serial()).isEqualTo(7);
    assertThat(back.issuedAt()).isEqualTo(T0.plusMillis(1));
    assertThat(back.minimumStake()).isEqualTo(100);
    assertThat(back.stakes())
        .containsExactly(
            stake(1, 256),
            stake(2, 0),
            stake(3, 300),
            new Stake(operator(9), node(9), BigInteger.TEN, LOCK));
    assertThat(list.stakes()).isEqualTo(back.stakes());
    assertThat(back.signers())
        .containsExactlyInAnyOrder(MEMBERS[0].verifyingKey(), MEMBERS[1].verifyingKey());
    assertThat(back.toString())
        .isEqualTo("FederatedNodeList[test-net #7, 4 nodes, 2 signature(s)]");
    back.verify(Fixtures.federation(2, 3));
  }

  @Test
  void bytesAreTheDocumentedLayout() throws Exception {
    FederatedNodeList list =
        FederatedNodeList.sign(
            DOMAIN,
            7,
            T0,
            BigInteger.valueOf(100),
            STAKES,
            List.of(MEMBERS[0], MEMBERS[1]),
            Fixtures.random("layout"));
    byte[] b = list.toBytes();
    assertThat(Arrays.copyOf(b, 8)).isEqualTo(new byte[] {'F', 'd', 'N', 'l', 0, 1, 0, 0});
    MsgpackReader r = new MsgpackReader("FdNl", b, 8);
    r.struct(2, "body");
    assertThat(r.bin(FederatedNodeList.MAX_SIZE, "payload")).isEqualTo(standardPayload());
    assertThat(r.list(16, "signatures")).isEqualTo(2);
    for (Signer s : inKeyOrder(0, 1)) {
      r.struct(2, "signature");
      assertThat(r.binExact(33, "member")).isEqualTo(s.verifyingKey().toCompressedBytes());
      byte[] sig = r.binExact(64, "signature");
      assertThat(
              Signing.verify(
                  dev.nkms.crypto.keys.Signature.fromBEBytes(sig),
                  s.verifyingKey(),
                  "federated-node-list",
                  standardPayload()))
          .isTrue();
    }
    r.end();
  }

  @Test
  void verifyNeedsThresholdManyMemberSignaturesThatVerify() throws Exception {
    FederatedNodeList oneSig =
        FederatedNodeList.fromBytes(
            document(standardPayload(), FederatedNodeList.PURPOSE, MEMBERS[0]));
    oneSig.verify(Fixtures.federation(1, 3));
    assertThatThrownBy(() -> oneSig.verify(Fixtures.federation(2, 3)))
        .isInstanceOf(BadSignatureException.class)
        .hasMessage("FdNl: 1 member signature(s), the federation requires 2");

    FederatedNodeList byOutsider =
        FederatedNodeList.fromBytes(
            document(standardPayload(), FederatedNodeList.PURPOSE, inKeyOrder(0, 5)));
    assertThatThrownBy(() -> byOutsider.verify(Fixtures.federation(1, 3)))
        .isInstanceOf(BadSignatureException.class)
        .hasMessage(
            "FdNl: signed by "
                + MEMBERS[5].verifyingKey().toHex()
                + ", which is not a member of the"
                + " federation");

    // A member's signature made for another purpose over the same bytes does not count (domain
    // separation).
    byte[] p = standardPayload();
    MsgpackWriter w =
        new MsgpackWriter()
            .array(2)
            .bin(p)
            .array(1)
            .array(2)
            .bin(MEMBERS[0].verifyingKey().toCompressedBytes())
            .bin(Signing.sign(MEMBERS[0], "node-metadata", p, Fixtures.random("x")).toBEBytes());
    FederatedNodeList wrongPurpose =
        FederatedNodeList.fromBytes(Envelope.encode("FdNl", 1, 0, w.toBytes()));
    assertThatThrownBy(() -> wrongPurpose.verify(Fixtures.federation(1, 3)))
        .isInstanceOf(BadSignatureException.class)
        .hasMessage(
            "FdNl: the signature of member "
                + MEMBERS[0].verifyingKey().toHex()
                + " does not verify");
  }

  @Test
  void aChangedStakeBreaksTheSignature() throws Exception {
    FederatedNodeList list = Fixtures.list(7, STAKES, 0, 1);
    byte[] b = list.toBytes();
    int at =
        indexOf(b, new byte[] {(byte) 0xc4, 2, 1, 0x2c})
            + 3; // node 3's stake: bin8 of 2 bytes, 300 = 01 2c
    b[at] = 0x2d;
    FederatedNodeList tampered = FederatedNodeList.fromBytes(b);
    assertThat(tampered.stakes().get(2).amount()).isEqualTo(301);
    assertThatThrownBy(() -> tampered.verify(Fixtures.federation(2, 2)))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageEndingWith("does not verify");
  }

  @Test
  void verifyRefusesAnotherDomainAsMalformedNotAsABadSignature() throws Exception {
    FederatedNodeList list = Fixtures.list(7, STAKES, 0, 1);
    Federation elsewhere = Federation.of("other-net", 1, List.of(MEMBERS[0].verifyingKey()));
    Throwable t = catchThrowable(() -> list.verify(elsewhere));
    assertThat(t)
        .isInstanceOf(WireFormatException.class)
        .isNotInstanceOf(BadSignatureException.class)
        .hasMessage(
            "FdNl: field domain: the list is for 'test-net', the federation signs for 'other-net'");
  }

  @Test
  void cosigningAddsOneSignatureOverTheSamePayload() throws Exception {
    FederatedNodeList one = Fixtures.list(7, STAKES, 2);
    FederatedNodeList two = one.cosign(MEMBERS[0], Fixtures.random("cosign"));
    assertThat(two.sameContents(one)).isTrue();
    assertThat(two).isNotEqualTo(one);
    assertThat(two.signers())
        .containsExactlyInAnyOrder(MEMBERS[0].verifyingKey(), MEMBERS[2].verifyingKey());
    FederatedNodeList parsed =
        FederatedNodeList.fromBytes(two.toBytes(), Fixtures.federation(2, 3));
    assertThat(parsed).isEqualTo(two);
    assertThatThrownBy(() -> two.cosign(MEMBERS[2], Fixtures.random("again")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has already signed");
    assertThat(Fixtures.list(8, STAKES, 2).sameContents(one)).isFalse();
  }

  @Test
  void refusesEntriesOutOfOrderRepeatedOrNonCanonical() {
    expectMalformed(
        payload(w -> entry(w, 0, new byte[] {1}, 1), 3),
        "FdNl: field entries[2].node: entries must be in strictly ascending node order (no repeats)");
    expectMalformed(
        payload(w -> entry(w, 2, new byte[] {1}, 1), 3),
        "FdNl: field entries[2].node: entries must be in strictly ascending node order (no repeats)");
    expectMalformed(
        payload(w -> entry(w, 3, new byte[] {0, 1}, 1), 3),
        "FdNl: field entries[2].stake: non-canonical amount (a leading zero byte)");
    expectMalformed(
        payload(w -> entry(w, 3, new byte[] {0}, 1), 3),
        "FdNl: field entries[2].stake: non-canonical amount (a leading zero byte)");
    expectMalformed(
        payload(w -> entry(w, 3, new byte[33], 1), 3),
        "FdNl: field entries[2].stake: 33 bytes, at most 32 allowed");
    expectMalformed(
        payload(w -> entry(w, 3, new byte[] {1}, MsgpackReader.MAX_EPOCH_SECONDS + 1), 3),
        "FdNl: field entries[2].locked_until: value 253402300800 is above the maximum 253402300799");
    expectMalformed(
        payload(w -> w.array(4).bin(new byte[19]), 3),
        "FdNl: field entries[2].operator: expected 20 bytes, found 19");
    expectMalformed(
        payload(
            w -> w.array(3).bin(operator(3).toBytes()).bin(node(3).toBytes()).bin(new byte[] {1}),
            3),
        "FdNl: field entries[2]: expected 4 fields, found 3");
  }

  @Test
  void refusesBadHeaderFields() {
    expectMalformed(
        payloadHead("Test", 1, 0, new byte[0], 0).toBytes(),
        "FdNl: field domain: a domain is 1 to 32 characters of a-z, 0-9 and '-'");
    expectMalformed(
        payloadHead("a".repeat(33), 1, 0, new byte[0], 0).toBytes(),
        "FdNl: field domain: 33 bytes, at most 32 allowed");
    expectMalformed(
        payloadHead(DOMAIN, 1, FederatedNodeList.MAX_EPOCH_MILLIS + 1, new byte[0], 0).toBytes(),
        "FdNl: field issued_at: value 253402300800000 is above the maximum 253402300799999");
    expectMalformed(
        payloadHead(DOMAIN, 1, 0, new byte[] {0}, 0).toBytes(),
        "FdNl: field minimum_stake: non-canonical amount (a leading zero byte)");
    expectMalformed(
        new MsgpackWriter().array(4).str(DOMAIN).uint(1).uint(0).bin(new byte[0]).toBytes(),
        "FdNl: field payload: expected 5 fields, found 4");
    byte[] trailing = Arrays.copyOf(standardPayload(), standardPayload().length + 1);
    expectMalformed(trailing, "FdNl: 1 trailing byte(s)");
  }

  @Test
  void checksTheEntryCountAgainstThePayloadSizeBeforeAllocating() {
    // 100,000 entries announced in a payload of a few bytes: refused from the header alone.
    byte[] p = payloadHead(DOMAIN, 1, 0, new byte[0], 100_000).toBytes();
    expectMalformed(
        p, "FdNl: field entries: 100000 entries cannot fit in a payload of " + p.length + " bytes");
    expectMalformed(
        payloadHead(DOMAIN, 1, 0, new byte[0], 100_001).toBytes(),
        "FdNl: field entries: 100001 elements, at most 100000 allowed");
  }

  @Test
  void refusesSignatureListsThatAreEmptyUnorderedRepeatedOrTooLong() {
    byte[] p = standardPayload();
    expectMalformedDocument(
        document(p, FederatedNodeList.PURPOSE),
        "FdNl: field signatures: at least one member signature" + " is required");
    Signer[] ordered = inKeyOrder(0, 1);
    expectMalformedDocument(
        document(p, FederatedNodeList.PURPOSE, ordered[1], ordered[0]),
        "FdNl: field signatures[1].member: members must be in strictly ascending key order (no repeats)");
    expectMalformedDocument(
        document(p, FederatedNodeList.PURPOSE, MEMBERS[0], MEMBERS[0]),
        "FdNl: field signatures[1].member: members must be in strictly ascending key order (no repeats)");
    expectMalformedDocument(
        document(
            p,
            FederatedNodeList.PURPOSE,
            inKeyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)),
        "FdNl: field signatures: 17 elements, at most 16 allowed");
    byte[] badKey =
        new MsgpackWriter()
            .array(2)
            .bin(p)
            .array(1)
            .array(2)
            .bin(new byte[33])
            .bin(new byte[64])
            .toBytes();
    assertThatThrownBy(() -> FederatedNodeList.fromBytes(Envelope.encode("FdNl", 1, 0, badKey)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("FdNl: field signatures[0].member: Invalid" + " public key");
  }

  @Test
  void refusesOtherBrandsVersionsTrailingBytesAndEveryTruncation() throws Exception {
    byte[] b = Fixtures.list(7, STAKES, 0).toBytes();
    byte[] brand = b.clone();
    brand[0] = 'X';
    assertThatThrownBy(() -> FederatedNodeList.fromBytes(brand))
        .hasMessage("expected a FdNl object, found brand" + " 'XdNl'");
    byte[] major = b.clone();
    major[5] = 2;
    assertThatThrownBy(() -> FederatedNodeList.fromBytes(major))
        .hasMessageContaining("unsupported major version 2");
    byte[] minor = b.clone();
    minor[7] = 1;
    assertThatThrownBy(() -> FederatedNodeList.fromBytes(minor))
        .hasMessageContaining("minor version 1.1 is newer");
    assertThatThrownBy(() -> FederatedNodeList.fromBytes(Arrays.copyOf(b, b.length + 1)))
        .hasMessage("FdNl: 1 trailing byte(s)");
    assertThatThrownBy(() -> FederatedNodeList.fromBytes(new byte[FederatedNodeList.MAX_SIZE + 1]))
        .hasMessage(
            "FdNl: "
                + (FederatedNodeList.MAX_SIZE + 1)
                + " bytes, at most "
                + FederatedNodeList.MAX_SIZE
                + " allowed");
    for (int len = 0; len < b.length; len++) {
      byte[] cut = Arrays.copyOf(b, len);
      assertThat(catchThrowable(() -> FederatedNodeList.fromBytes(cut)))
          .as("cut to %d", len)
          .isInstanceOf(WireFormatException.class)
          .isNotInstanceOf(BadSignatureException.class)
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void signRefusesWhatTheReaderWouldRefuse() {
    List<Signer> one = List.of(MEMBERS[0]);
    BigInteger tooBig = BigInteger.ONE.shiftLeft(256);
    assertThatThrownBy(
            () ->
                FederatedNodeList.sign(
                    DOMAIN,
                    1,
                    T0,
                    BigInteger.ONE,
                    List.of(stake(1, 1), stake(1, 2)),
                    one,
                    Fixtures.random("s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listed twice");
    assertThatThrownBy(
            () ->
                FederatedNodeList.sign(
                    DOMAIN, -1, T0, BigInteger.ONE, STAKES, one, Fixtures.random("s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serial");
    assertThatThrownBy(
            () -> FederatedNodeList.sign(DOMAIN, 1, T0, tooBig, STAKES, one, Fixtures.random("s")))
        .hasMessageStartingWith("minimum stake must be from 0 to 2^256-1");
    assertThatThrownBy(
            () ->
                FederatedNodeList.sign(
                    DOMAIN,
                    1,
                    T0,
                    BigInteger.ONE,
                    List.of(new Stake(operator(1), node(1), tooBig, LOCK)),
                    one,
                    Fixtures.random("s")))
        .hasMessageStartingWith("stake of " + node(1) + " must be from 0 to 2^256-1");
    assertThatThrownBy(
            () ->
                FederatedNodeList.sign(
                    DOMAIN,
                    1,
                    T0,
                    BigInteger.ONE,
                    List.of(
                        new Stake(operator(1), node(1), BigInteger.ONE, Instant.ofEpochSecond(-1))),
                    one,
                    Fixtures.random("s")))
        .hasMessageStartingWith("lock end of " + node(1));
    assertThatThrownBy(
            () ->
                FederatedNodeList.sign(
                    DOMAIN,
                    1,
                    Instant.ofEpochMilli(-1),
                    BigInteger.ONE,
                    STAKES,
                    one,
                    Fixtures.random("s")))
        .hasMessageStartingWith("issuedAt");
    assertThatThrownBy(
            () ->
                FederatedNodeList.sign(
                    DOMAIN, 1, T0, BigInteger.ONE, STAKES, List.of(), Fixtures.random("s")))
        .hasMessage("1 to 16 members sign, got 0");
    assertThatThrownBy(
            () ->
                FederatedNodeList.sign(
                    DOMAIN,
                    1,
                    T0,
                    BigInteger.ONE,
                    STAKES,
                    List.of(MEMBERS[0], MEMBERS[0]),
                    Fixtures.random("s")))
        .hasMessageContaining("signs twice");
    assertThatThrownBy(
            () ->
                FederatedNodeList.sign(
                    "Bad", 1, T0, BigInteger.ONE, STAKES, one, Fixtures.random("s")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLargestPossibleListFitsAndParses() throws Exception {
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    Instant lastLock = Instant.ofEpochSecond(MsgpackReader.MAX_EPOCH_SECONDS);
    List<Stake> stakes = new ArrayList<>(FederatedNodeList.MAX_ENTRIES);
    for (int i = 0; i < FederatedNodeList.MAX_ENTRIES; i++) {
      stakes.add(new Stake(operator(i), node(i), max, lastLock));
    }
    List<Signer> sixteen = Arrays.asList(MEMBERS).subList(0, 16);
    String longestDomain = "d".repeat(32);
    FederatedNodeList list =
        FederatedNodeList.sign(
            longestDomain,
            Long.MAX_VALUE,
            Instant.ofEpochMilli(FederatedNodeList.MAX_EPOCH_MILLIS),
            max,
            stakes,
            sixteen,
            Fixtures.random("max"));
    byte[] b = list.toBytes();
    assertThat(b.length).isLessThanOrEqualTo(FederatedNodeList.MAX_SIZE).isGreaterThan(8_800_000);
    Federation all =
        Federation.of(longestDomain, 16, sixteen.stream().map(Signer::verifyingKey).toList());
    FederatedNodeList back = FederatedNodeList.fromBytes(b, all);
    assertThat(back.stakes()).hasSize(FederatedNodeList.MAX_ENTRIES);
    assertThat(back.stakes().get(99_999)).isEqualTo(stakes.get(99_999));
    stakes.add(stake(100_000, 1));
    assertThatThrownBy(
            () ->
                FederatedNodeList.sign(
                    DOMAIN, 1, T0, BigInteger.ONE, stakes, sixteen, Fixtures.random("s")))
        .hasMessage("100001 stakes, at most 100000 allowed");
  }

  private static void expectMalformed(byte[] payload, String message) {
    expectMalformedDocument(document(payload), message);
  }

  private static void expectMalformedDocument(byte[] document, String message) {
    Throwable t = catchThrowable(() -> FederatedNodeList.fromBytes(document));
    assertThat(t)
        .isInstanceOf(WireFormatException.class)
        .isNotInstanceOf(BadSignatureException.class)
        .hasMessage(message);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
