package dev.nkms.client;

import dev.nkms.client.NetworkSource.ChainSource;
import dev.nkms.client.NetworkSource.FederatedSource;
import dev.nkms.client.NetworkSource.NetworkDirectorySource;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.client.alice.Alice;
import dev.nkms.client.alice.NodeSelector;
import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.alice.PolicyLifecycle;
import dev.nkms.client.alice.PolicyRefused;
import dev.nkms.client.bob.Bob;
import dev.nkms.client.bob.Retrieval;
import dev.nkms.client.bob.RetrievalException;
import dev.nkms.client.bob.RetrievalOptions;
import dev.nkms.client.connect.ClientNetwork;
import dev.nkms.client.connect.UserKeys;
import dev.nkms.client.store.ObjectIndex;
import dev.nkms.client.store.SealedObjects;
import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.network.learning.Learner;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.protocol.EncryptedTreasureMap;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.TreasureMap;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.keys.BobCard;
import dev.nkms.protocol.message.SealedMessage;
import dev.nkms.protocol.message.SealedMessageException;
import dev.nkms.protocol.wire.WireFormatException;
import dev.nkms.storage.Storage;
import dev.nkms.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * nkms for an application (the whitepaper's Sec. V.A API): connect once, then share, renew and
 * revoke access as Alice, encrypt as Enrico, and retrieve as Bob — one user's keystore holds both
 * halves.
 *
 * <pre>{@code
 * try (Nkms nkms = Nkms.connect(NkmsConfig.load())) {
 *   Share share = nkms.share(Nkms.readCard(Path.of("bob.card")), "medical", Instant.now().plus(Duration.ofDays(7)));
 *   byte[] sealed = nkms.encrypt("medical", data);
 * }
 * }</pre>
 *
 * <p>Every failure is an {@link NkmsException}: its message is one line for a person, its {@link
 * NkmsException#kind} says whose move it is, and its cause (when there is one) is the typed reason
 * — a {@link RetrievalException} subclass such as {@link dev.nkms.client.bob.PolicyRevoked}, a
 * {@link PolicyRefused}. Thread-safe: the verbs may be called from several threads.
 *
 * <p>Storage: {@link #write}, {@link #read} and {@link #delete} seal into and read from any
 * back-end on the class path by URI ({@code file:}, {@code s3:}, {@code ipfs:}: docs/storage.md),
 * streaming both ways; the byte and stream verbs ({@link #encrypt}, {@link #retrieve}) are for
 * callers that keep sealed data themselves.
 *
 * <p>Why this file is long: it is the whole public surface of the library in one place, so most of
 * it is javadoc; the policy verbs live in {@link PolicyVerbs} and the storage verbs in {@link
 * ObjectVerbs}, and each public method here is one line that delegates.
 */
public final class Nkms implements AutoCloseable {
  /** How long one node may take to answer one request. */
  static final Duration NODE_TIMEOUT = Duration.ofSeconds(10);

  private final NkmsConfig config;
  private final UserKeys keys;
  private final Learner learner;
  private final Alice alice;
  private final PolicyLifecycle lifecycle;
  private final Bob bob;
  private final Clock clock;
  private final SealedObjects objects;
  private final ObjectVerbs objectVerbs;
  private final PolicyVerbs policyVerbs;

  private Nkms(
      NkmsConfig config, UserKeys keys, Learner learner, Clock clock, RandomSource random) {
    this.config = config;
    this.keys = keys;
    this.learner = learner;
    this.clock = clock;
    this.alice =
        new Alice(
            keys.alice(),
            learner,
            HttpsNodeClient.factory(),
            clock,
            random,
            NODE_TIMEOUT,
            NodeSelector.stakeWeighted());
    this.lifecycle = new PolicyLifecycle(alice, new PolicyBook(config.policies()), clock);
    this.bob =
        new Bob(
            keys.bob(),
            learner,
            HttpsNodeClient.factory(),
            clock,
            random,
            RetrievalOptions.defaults());
    this.policyVerbs =
        new PolicyVerbs(config, learner, lifecycle, clock, keys.alice().verifyingKey());
    this.objects = new SealedObjects(Storage.load(config.storage()));
    this.objectVerbs =
        new ObjectVerbs(
            this,
            alice,
            lifecycle.book(),
            objects,
            new ObjectIndex(config.objects(), clock),
            config.storageDefault(),
            clock,
            random);
  }

  /**
   * Opens the keystore and the network and starts learning its nodes.
   *
   * @throws NkmsException {@link Kind#INVALID_INPUT} for a missing or damaged file or setting,
   *     {@link Kind#FAILED} for a wrong passphrase, {@link Kind#UNREACHABLE} when no node of the
   *     network answers
   */
  public static Nkms connect(NkmsConfig config) {
    char[] passphrase = config.passphrase();
    UserKeys keys;
    try {
      keys = UserKeys.open(config.keys(), passphrase);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    Learner learner = open(config);
    learner.start();
    return new Nkms(config, keys, learner, Clock.systemUTC(), RandomSource.secure());
  }

  private static Learner open(NkmsConfig config) {
    NetworkSource source = config.network();
    if (source instanceof NetworkDirectorySource d) {
      return ClientNetwork.open(d.dir());
    }
    if (source instanceof FederatedSource f) {
      return ClientNetwork.openFederated(
          f.federation(), f.registry(), f.peers(), config.knownNodes());
    }
    ChainSource c = (ChainSource) source;
    return ClientNetwork.openWith(c.deployment(), c.peers(), config.knownNodes());
  }

  /**
   * Reads a card file ({@code NAME.card}, written by {@code nkms keys generate}): what someone
   * hands out so that others can share with them.
   */
  public static BobCard readCard(Path file) {
    try {
      return BobCard.fromHex(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new NkmsException(
          Kind.INVALID_INPUT, "cannot read the card " + file + ": " + e.getMessage());
    } catch (MalformedInputException e) {
      throw new NkmsException(
          Kind.INVALID_INPUT, file + " is not an nkms card (" + e.getMessage() + ")");
    }
  }

  /** This user's card, for others to share with. */
  public BobCard card() {
    return keys.bob().card();
  }

  // ------------------------------------------------------------------------------------------------------- Alice

  /**
   * Shares {@code label} with {@code bob} until {@code expiry}, m-of-n as configured, with no
   * conditions.
   */
  public Share share(BobCard bob, String label, Instant expiry) {
    return share(bob, label, expiry, config.threshold(), config.shares(), Conditions.NONE);
  }

  /**
   * Grants {@code bob} access to what is encrypted under {@code label}: m of the n nodes drawn by
   * stake must answer him, until {@code expiry}, when {@code conditions} hold. Alice's record of
   * the policy (and later its receipts) is kept in the configured policies directory.
   *
   * @throws NkmsException {@link Kind#INVALID_INPUT} for bad m, n, label or expiry, or a live
   *     policy for the same Bob and label; {@link Kind#UNREACHABLE} when too few nodes answer;
   *     {@link Kind#FAILED} when the grant failed (every kfrag it placed was revoked)
   */
  public Share share(
      BobCard bob, String label, Instant expiry, int m, int n, Conditions conditions) {
    return policyVerbs.share(bob, label, expiry, m, n, conditions);
  }

  /**
   * Extends an active policy to {@code expiry} at its nodes; the summary names any node that did
   * not take it yet (renewing again reaches them).
   */
  public PolicySummary renew(Hrac policy, Instant expiry) {
    return policyVerbs.renew(policy, expiry);
  }

  /**
   * Gives an active policy new terms at its nodes — {@code expiry} and {@code conditions}, signed,
   * under the next revision (the same path as {@link #renew}); the record then holds them. The
   * summary names any node that did not take them yet (updating again reaches them).
   */
  public PolicySummary updatePolicy(Hrac policy, Instant expiry, Conditions conditions) {
    return policyVerbs.updatePolicy(policy, expiry, conditions);
  }

  /**
   * Revokes a policy at every node that holds (or may hold) its kfrag, keeping each node's signed
   * receipt in the record. Safe to repeat: the summary's {@link PolicySummary#unconfirmed()} lists
   * the nodes to reach again.
   */
  public PolicySummary revoke(Hrac policy) {
    return policyVerbs.revoke(policy);
  }

  /**
   * Revokes a policy (unless it is revoked already) and, once every node confirmed, removes its
   * record — receipts and all — from the policies directory; returns the last summary.
   *
   * @throws NkmsException {@link Kind#FAILED} when nodes did not confirm the revocation: the record
   *     stays; run it again to reach them
   */
  public PolicySummary deletePolicy(Hrac policy) {
    return policyVerbs.deletePolicy(policy);
  }

  /**
   * Asks each node of a policy what it holds — state, revision, expiry, revocation, each answer
   * signed by the node and checked — and compares with Alice's record.
   */
  public PolicyAtNodes checkPolicy(Hrac policy) {
    return policyVerbs.checkPolicy(policy);
  }

  /** One of this Alice's policies by id, with its state; empty when she has no such record. */
  public Optional<PolicySummary> policy(Hrac policy) {
    return policyVerbs.policy(policy);
  }

  /**
   * Every policy this Alice has recorded, with its state; records that do not open are left out.
   */
  public List<PolicySummary> policies() {
    return policyVerbs.policies();
  }

  // ------------------------------------------------------------------------------------------------------ Enrico

  /**
   * Encrypts {@code plaintext} for {@code label}'s policy key: a sealed message (docs/protocol.md
   * §7).
   */
  public byte[] encrypt(String label, byte[] plaintext) {
    return alice.enrico(label).encrypt(plaintext);
  }

  /**
   * Streams {@code length} bytes from {@code in} as a sealed message to {@code out}; memory use is
   * one chunk.
   */
  public MessageKit encrypt(String label, InputStream in, long length, OutputStream out)
      throws IOException {
    return alice.enrico(label).encrypt(in, length, out);
  }

  /** Alice reads her own data (no nodes involved): the label's key opens the capsule directly. */
  public byte[] decrypt(String label, byte[] sealed) {
    try {
      return alice.decryptOwn(label, sealed);
    } catch (SealedMessageException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage(), List.of(), e);
    } catch (DecryptionException e) {
      throw new NkmsException(
          Kind.FAILED,
          "this message is not encrypted under '" + label + "' for this Alice",
          List.of(e.getMessage()),
          e);
    }
  }

  /** Splits a sealed message into its header (the edek) and its encrypted payload. */
  public SplitMessage splitEdek(byte[] sealed) {
    ByteArrayInputStream in = new ByteArrayInputStream(sealed);
    MessageKit kit;
    try {
      kit = SealedMessage.readHeader(in);
    } catch (SealedMessageException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage(), List.of(), e);
    } catch (IOException e) {
      throw new IllegalStateException(e); // a byte array does not fail to read
    }
    return new SplitMessage(SealedMessage.header(kit), in.readAllBytes());
  }

  // ----------------------------------------------------------------------------------------------------- storage

  /**
   * Enrico seals {@code length} bytes of {@code data} for {@code label} and stores the sealed
   * message at {@code where} ({@code file:/…}, {@code s3://bucket/key}, or the bare {@code
   * ipfs:/}); returns where it lives (normalized as {@link #objects} lists it: {@code file:/path}),
   * and records it in Alice's object index. Streams: memory use does not grow with the size. On a
   * failure to store nothing is stored; if only the recording fails, the object stays and the error
   * says so.
   */
  public URI write(URI where, String label, InputStream data, long length) {
    return objectVerbs.write(where, label, data, length);
  }

  /**
   * {@link #write(URI, String, InputStream, long)} under the folder label of {@code where} ({@link
   * ObjectIndex#folderLabel}: {@code s3://b/photos/a.jpg} is encrypted under {@code
   * s3://b/photos/}); {@code ipfs:/} needs an explicit label.
   */
  public URI write(URI where, InputStream data, long length) {
    return objectVerbs.write(where, data, length);
  }

  /**
   * {@link #write(URI, String, InputStream, long)} at the default location: {@code storage.default}
   * + a folder named after the label + a random 128-bit name.
   */
  public URI write(String label, InputStream data, long length) {
    return objectVerbs.write(label, data, length);
  }

  /** {@link #write(URI, String, InputStream, long)} of a file. */
  public URI write(URI where, String label, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return write(where, label, in, Files.size(file));
    } catch (IOException e) {
      throw new NkmsException(
          Kind.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage(), List.of(), e);
    }
  }

  /**
   * Every object in Alice's index, sorted by location; a damaged entry is skipped (and logged as a
   * warning on {@code dev.nkms.client.objects}).
   */
  public List<StoredObject> objects() {
    return objectVerbs.objects();
  }

  /**
   * Bob reads a stored object with the treasure map Alice gave him, streaming the plaintext to
   * {@code out} (each chunk only after it authenticated; on an exception discard {@code out}).
   */
  public void read(URI location, byte[] treasureMap, OutputStream out) throws IOException {
    try (InputStream sealed = objects.open(location)) {
      retrieve(treasureMap, sealed, out);
    } catch (StorageException e) {
      throw StorageErrors.of(e);
    }
  }

  /**
   * Alice reads her own stored object (no nodes involved: the label's key opens the capsule),
   * streaming the plaintext to {@code out} (each chunk only after it authenticated).
   */
  public void readOwn(URI location, String label, OutputStream out) throws IOException {
    objectVerbs.readOwn(location, label, out);
  }

  /**
   * {@link #readOwn(URI, String, OutputStream)} with the label from Alice's object index.
   *
   * @throws NkmsException {@link Kind#INVALID_INPUT} when the index has no entry for it
   */
  public void readOwn(URI location, OutputStream out) throws IOException {
    objectVerbs.readOwn(location, out);
  }

  /**
   * Deletes a stored object, removes it from the index, and revokes every active policy of this
   * Alice whose label no other indexed object has (the policies that covered only this object); the
   * result says which. An object not in the index is deleted and nothing is revoked; one gone from
   * storage but still in the index is removed from it and its policies revoked all the same.
   */
  public Deletion delete(URI location) {
    return objectVerbs.delete(location);
  }

  /**
   * Shares everything indexed under {@code prefix} (a string prefix of the normalized location)
   * with {@code bob}: one policy per distinct label, plus — when {@code prefix} ends in {@code /} —
   * the folder's own label, so that files written later straight into that folder with {@link
   * #write(URI, InputStream, long)} are covered too. A label already shared with this Bob by a live
   * policy returns that policy's share (no new grant). Sorted by label.
   *
   * <p>Not covered: a sub-folder created after the share. Its files carry the sub-folder's own
   * label, and each object has one capsule under one label's key, re-encrypted single-hop for the
   * Bob of that label's policy — no policy for a folder reaches a label that did not exist yet (the
   * whitepaper's multi-hop design, Sec. V.C, is not built). Share it again then.
   */
  public List<Share> share(
      BobCard bob, URI prefix, Instant expiry, int m, int n, Conditions conditions) {
    return objectVerbs.share(bob, prefix, expiry, m, n, conditions);
  }

  // --------------------------------------------------------------------------------------------------------- Bob

  /**
   * Bob opens a sealed message with the treasure map Alice gave him: m nodes re-encrypt, Bob
   * verifies, decrypts.
   */
  public byte[] retrieve(byte[] treasureMap, byte[] sealed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      retrieve(treasureMap, new ByteArrayInputStream(sealed), out);
    } catch (IOException e) {
      throw new IllegalStateException(e); // byte arrays do not fail to read or write
    }
    return out.toByteArray();
  }

  /**
   * Streams a sealed message from {@code sealed} to {@code out} as plaintext; each chunk is written
   * only after it authenticated. On an exception {@code out} may hold verified chunks that came
   * before: discard it.
   */
  public void retrieve(byte[] treasureMap, InputStream sealed, OutputStream out)
      throws IOException {
    EncryptedTreasureMap map;
    try {
      map = EncryptedTreasureMap.fromBytes(treasureMap);
    } catch (WireFormatException e) {
      throw new NkmsException(
          Kind.INVALID_INPUT, "not a treasure map (or damaged)", List.of(e.getMessage()), e);
    }
    try {
      TreasureMap opened = bob.openTreasureMap(map);
      MessageKit kit = SealedMessage.readHeader(sealed);
      learner.awaitKnown(opened.destinations().keySet(), opened.threshold(), ClientNetwork.WAIT);
      Retrieval retrieval = bob.retrieve(map, List.of(kit));
      retrieval.decrypt(0, sealed, out);
    } catch (RetrievalException e) {
      throw new NkmsException(Kind.FAILED, e.getMessage(), List.of(), e);
    } catch (SealedMessageException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage(), List.of(), e);
    } catch (InterruptedException e) {
      throw PolicyVerbs.interrupted(e);
    }
  }

  /** The threshold m a share uses when none is given (configuration, default 3). */
  public int defaultThreshold() {
    return config.threshold();
  }

  /** The number of nodes n a share uses when none is given (configuration, default 5). */
  public int defaultShares() {
    return config.shares();
  }

  // ------------------------------------------------------------------------------------------------------ nodes

  /** The nodes this client knows now, by address, with how each has been doing. */
  public List<NodeSummary> nodes() {
    var unhealthy = learner.reportedUnhealthy();
    return learner.known().stream()
        .map(
            k ->
                new NodeSummary(
                    k.metadata().address(),
                    k.metadata().host(),
                    k.metadata().port(),
                    k.verifiedAt(),
                    k.lastSuccess(),
                    k.failures(),
                    unhealthy.contains(k.metadata().address())))
        .sorted(java.util.Comparator.comparing(n -> n.address().toHex()))
        .toList();
  }

  /** Stops learning; the verbs fail afterwards. */
  @Override
  public void close() {
    learner.close();
    objects.close();
  }
}
