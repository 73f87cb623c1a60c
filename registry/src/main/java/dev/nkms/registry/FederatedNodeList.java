package dev.nkms.registry;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.NetworkDomain;
import dev.nkms.protocol.NodeAddress;
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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The federation's signed node list (brand {@code FdNl}, v1.0; docs/protocol.md §6.11): for one
 * network (domain), a version number (serial), when it was issued, the minimum stake, and every
 * registered node with its operator, stake and lock end, in ascending node-address order; plus
 * signatures of federation members over the payload.
 *
 * <p>{@link #fromBytes} checks the structure only (every field, canonical amounts, strict node
 * order, members in strict key order); {@link #verify} checks the signatures against a {@link
 * Federation}. Amounts are unsigned big-endian without a leading zero byte (zero is empty), so
 * every list has exactly one payload encoding.
 */
public final class FederatedNodeList {
  public static final String BRAND = "FdNl";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  public static final String PURPOSE = "federated-node-list";
  public static final int MAX_ENTRIES = 100_000;
  public static final int MAX_SIGNATURES = Federation.MAX_MEMBERS;

  /** Amounts (stakes, the minimum) are at most 32 bytes: below 2^256, like an ERC-20 balance. */
  public static final int MAX_AMOUNT_BYTES = 32;

  /**
   * 9 MiB: the largest possible list (100,000 entries of at most 88 bytes, 16 signatures) is about
   * 8.8 MB.
   */
  public static final int MAX_SIZE = 9 * 1024 * 1024;

  static final long MAX_EPOCH_MILLIS = MsgpackReader.MAX_EPOCH_SECONDS * 1000 + 999;

  /** The shortest entry: fixarray, two bin8 of 20, an empty bin8 (stake 0), a fixint lock end. */
  static final int MIN_ENTRY_SIZE = 1 + 22 + 22 + 2 + 1;

  private static final BigInteger AMOUNT_LIMIT = BigInteger.ONE.shiftLeft(8 * MAX_AMOUNT_BYTES);
  private static final Comparator<PublicKey> KEY_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.toCompressedBytes(), b.toCompressedBytes());

  /** One member's signature over the payload. */
  public record MemberSignature(PublicKey member, Signature signature) {
    public MemberSignature {
      if (member == null || signature == null) {
        throw new NullPointerException("member and signature");
      }
    }
  }

  private final String domain;
  private final long serial;
  private final long issuedAtMillis;
  private final BigInteger minimumStake;
  private final List<Stake> stakes;
  private final byte[] payload;
  private final List<MemberSignature> signatures;
  private final byte[] bytes;

  private FederatedNodeList(
      String domain,
      long serial,
      long issuedAtMillis,
      BigInteger minimumStake,
      List<Stake> stakes,
      byte[] payload,
      List<MemberSignature> signatures) {
    this.domain = domain;
    this.serial = serial;
    this.issuedAtMillis = issuedAtMillis;
    this.minimumStake = minimumStake;
    this.stakes = stakes;
    this.payload = payload;
    this.signatures = List.copyOf(signatures);
    this.bytes = encode(payload, this.signatures);
  }

  /**
   * Builds and signs a list. {@code stakes} may come in any order (they are sorted by node) but
   * each node once; {@code issuedAt} is kept to the millisecond and each lock end to the second, as
   * encoded ({@link #stakes()} returns them so). Throws {@link IllegalArgumentException} for
   * anything the reader would refuse.
   */
  public static FederatedNodeList sign(
      String domain,
      long serial,
      Instant issuedAt,
      BigInteger minimumStake,
      Collection<Stake> stakes,
      List<Signer> members,
      RandomSource random) {
    NetworkDomain.check(domain);
    if (serial < 0) {
      throw new IllegalArgumentException("the serial cannot be negative: " + serial);
    }
    long issued = issuedAt.toEpochMilli();
    if (issued < 0 || issued > MAX_EPOCH_MILLIS) {
      throw new IllegalArgumentException("issuedAt must be from 1970 to 9999: " + issuedAt);
    }
    checkAmount(minimumStake, "minimum stake");
    if (stakes.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          stakes.size() + " stakes, at most " + MAX_ENTRIES + " allowed");
    }
    if (members.isEmpty() || members.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "1 to " + MAX_SIGNATURES + " members sign, got " + members.size());
    }
    List<Stake> sorted = new ArrayList<>(stakes.size());
    for (Stake s : stakes) {
      checkAmount(s.amount(), "stake of " + s.node());
      long locked = s.lockedUntil().getEpochSecond();
      if (locked < 0 || locked > MsgpackReader.MAX_EPOCH_SECONDS) {
        throw new IllegalArgumentException(
            "lock end of " + s.node() + " must be from 1970 to 9999: " + s.lockedUntil());
      }
      sorted.add(new Stake(s.operator(), s.node(), s.amount(), Instant.ofEpochSecond(locked)));
    }
    sorted.sort(Comparator.comparing(Stake::node));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).node().equals(sorted.get(i).node())) {
        throw new IllegalArgumentException("node " + sorted.get(i).node() + " is listed twice");
      }
    }
    MsgpackWriter w =
        new MsgpackWriter()
            .array(5)
            .str(domain)
            .uint(serial)
            .uint(issued)
            .bin(unsigned(minimumStake))
            .array(sorted.size());
    for (Stake s : sorted) {
      w.array(4)
          .bin(s.operator().toBytes())
          .bin(s.node().toBytes())
          .bin(unsigned(s.amount()))
          .uint(s.lockedUntil().getEpochSecond());
    }
    byte[] payload = w.toBytes();
    List<MemberSignature> sigs = new ArrayList<>();
    Set<PublicKey> seen = new HashSet<>();
    for (Signer m : members) {
      if (!seen.add(m.verifyingKey())) {
        throw new IllegalArgumentException("member " + m.verifyingKey().toHex() + " signs twice");
      }
      sigs.add(new MemberSignature(m.verifyingKey(), Signing.sign(m, PURPOSE, payload, random)));
    }
    sigs.sort(Comparator.comparing(MemberSignature::member, KEY_ORDER));
    return new FederatedNodeList(
        domain, serial, issued, minimumStake, List.copyOf(sorted), payload, sigs);
  }

  /**
   * Adds one more member's signature over the same payload (co-signing); refuses a key that already
   * signed.
   */
  public FederatedNodeList cosign(Signer member, RandomSource random) {
    if (signatures.size() == MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "the list already carries " + MAX_SIGNATURES + " signatures");
    }
    if (signers().contains(member.verifyingKey())) {
      throw new IllegalArgumentException(
          "member " + member.verifyingKey().toHex() + " has already signed");
    }
    List<MemberSignature> sigs = new ArrayList<>(signatures);
    sigs.add(
        new MemberSignature(member.verifyingKey(), Signing.sign(member, PURPOSE, payload, random)));
    sigs.sort(Comparator.comparing(MemberSignature::member, KEY_ORDER));
    return new FederatedNodeList(
        domain, serial, issuedAtMillis, minimumStake, stakes, payload, sigs);
  }

  /** Parses the structure; the signatures are not checked here (see {@link #verify}). */
  public static FederatedNodeList fromBytes(byte[] bytes) throws WireFormatException {
    MsgpackReader r = Envelope.open(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    r.struct(2, "node list");
    byte[] payload = r.bin(MAX_SIZE, "payload");
    int n = r.list(MAX_SIGNATURES, "signatures");
    if (n == 0) {
      throw r.fail("signatures", "at least one member signature is required");
    }
    List<MemberSignature> sigs = new ArrayList<>(n);
    byte[] previous = null;
    for (int i = 0; i < n; i++) {
      String at = "signatures[" + i + "]";
      r.struct(2, at);
      byte[] key = r.binExact(PublicKey.LENGTH, at + ".member");
      if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
        throw r.fail(
            at + ".member", "members must be in strictly ascending key order (no repeats)");
      }
      previous = key;
      PublicKey member;
      Signature sig;
      try {
        member = PublicKey.fromCompressedBytes(key);
      } catch (MalformedInputException e) {
        throw r.fail(at + ".member", e.getMessage());
      }
      byte[] sigBytes = r.binExact(Signature.LENGTH, at + ".signature");
      try {
        sig = Signature.fromBEBytes(sigBytes);
      } catch (MalformedInputException e) {
        throw r.fail(at + ".signature", e.getMessage());
      }
      sigs.add(new MemberSignature(member, sig));
    }
    r.end();

    MsgpackReader p = new MsgpackReader(BRAND, payload, 0);
    p.struct(5, "payload");
    String domain = p.str(NetworkDomain.MAX_LENGTH, "domain");
    if (!NetworkDomain.isValid(domain)) {
      throw p.fail("domain", "a domain is 1 to 32 characters of a-z, 0-9 and '-'");
    }
    long serial = p.uint(Long.MAX_VALUE, "serial");
    long issued = p.uint(MAX_EPOCH_MILLIS, "issued_at");
    BigInteger minimum = amount(p, "minimum_stake");
    int count = p.list(MAX_ENTRIES, "entries");
    // The count is bounded by the bytes that are actually there before the list is allocated.
    if (count > payload.length / MIN_ENTRY_SIZE) {
      throw p.fail(
          "entries", count + " entries cannot fit in a payload of " + payload.length + " bytes");
    }
    List<Stake> stakes = new ArrayList<>(count);
    byte[] previousNode = null;
    for (int i = 0; i < count; i++) {
      String at = "entries[" + i + "]";
      p.struct(4, at);
      byte[] operator = p.binExact(OperatorAddress.LENGTH, at + ".operator");
      byte[] node = p.binExact(NodeAddress.LENGTH, at + ".node");
      if (previousNode != null && Arrays.compareUnsigned(previousNode, node) >= 0) {
        throw p.fail(at + ".node", "entries must be in strictly ascending node order (no repeats)");
      }
      previousNode = node;
      BigInteger stake = amount(p, at + ".stake");
      long locked = p.epochSeconds(at + ".locked_until");
      stakes.add(
          new Stake(
              OperatorAddress.of(operator),
              NodeAddress.of(node),
              stake,
              Instant.ofEpochSecond(locked)));
    }
    p.end();
    return new FederatedNodeList(
        domain, serial, issued, minimum, List.copyOf(stakes), payload, sigs);
  }

  /** Parses and verifies against {@code federation} in one step. */
  public static FederatedNodeList fromBytes(byte[] bytes, Federation federation)
      throws WireFormatException {
    FederatedNodeList list = fromBytes(bytes);
    list.verify(federation);
    return list;
  }

  /**
   * Checks that the list is for the federation's domain (a {@link WireFormatException} otherwise),
   * that every signer is a member, that at least {@code threshold} members signed and that every
   * signature verifies (a {@link BadSignatureException} otherwise). The count is checked before any
   * signature, so a list that cannot pass costs no verification.
   */
  public void verify(Federation federation) throws WireFormatException {
    checkDomain(federation);
    for (MemberSignature s : signatures) {
      if (!federation.isMember(s.member())) {
        throw new BadSignatureException(
            BRAND
                + ": signed by "
                + s.member().toHex()
                + ", which is not a member of the federation");
      }
    }
    if (signatures.size() < federation.threshold()) {
      throw new BadSignatureException(
          BRAND
              + ": "
              + signatures.size()
              + " member signature(s), the federation"
              + " requires "
              + federation.threshold());
    }
    byte[] message = Signing.message(PURPOSE, payload);
    for (MemberSignature s : signatures) {
      if (!s.signature().verify(s.member(), message)) {
        throw new BadSignatureException(
            BRAND + ": the signature of member " + s.member().toHex() + " does not verify");
      }
    }
  }

  void checkDomain(Federation federation) throws WireFormatException {
    if (!domain.equals(federation.domain())) {
      throw new WireFormatException(
          BRAND
              + ": field domain: the list is for '"
              + domain
              + "', the federation signs for '"
              + federation.domain()
              + "'");
    }
  }

  public String domain() {
    return domain;
  }

  /**
   * The version: a federation issues lists with strictly increasing serials, and nodes keep the
   * highest.
   */
  public long serial() {
    return serial;
  }

  public Instant issuedAt() {
    return Instant.ofEpochMilli(issuedAtMillis);
  }

  public BigInteger minimumStake() {
    return minimumStake;
  }

  /** Every entry, in ascending node-address order. */
  public List<Stake> stakes() {
    return stakes;
  }

  public List<MemberSignature> signatures() {
    return signatures;
  }

  /** The signing members' keys, in ascending key order. */
  public List<PublicKey> signers() {
    return signatures.stream().map(MemberSignature::member).toList();
  }

  /**
   * Whether {@code other} has the same payload (the same list), whatever signatures each carries.
   */
  public boolean sameContents(FederatedNodeList other) {
    return Arrays.equals(payload, other.payload);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FederatedNodeList l && Arrays.equals(bytes, l.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "FederatedNodeList["
        + domain
        + " #"
        + serial
        + ", "
        + stakes.size()
        + " nodes, "
        + signatures.size()
        + " signature(s)]";
  }

  private static byte[] encode(byte[] payload, List<MemberSignature> sigs) {
    MsgpackWriter w = new MsgpackWriter().array(2).bin(payload).array(sigs.size());
    for (MemberSignature s : sigs) {
      w.array(2).bin(s.member().toCompressedBytes()).bin(s.signature().toBEBytes());
    }
    return Envelope.encode(BRAND, MAJOR, MINOR, w.toBytes());
  }

  private static BigInteger amount(MsgpackReader r, String field) throws WireFormatException {
    byte[] b = r.bin(MAX_AMOUNT_BYTES, field);
    if (b.length > 0 && b[0] == 0) {
      throw r.fail(field, "non-canonical amount (a leading zero byte)");
    }
    return new BigInteger(1, b);
  }

  private static void checkAmount(BigInteger amount, String what) {
    if (amount.signum() < 0 || amount.compareTo(AMOUNT_LIMIT) >= 0) {
      throw new IllegalArgumentException(what + " must be from 0 to 2^256-1: " + amount);
    }
  }

  /** Unsigned big-endian without leading zero bytes; zero is empty. */
  static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    int skip = 0;
    while (skip < b.length && b[skip] == 0) {
      skip++;
    }
    return Arrays.copyOfRange(b, skip, b.length);
  }
}
