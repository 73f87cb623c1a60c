package dev.nkms.client.bob;

import dev.nkms.client.internal.Failures;
import dev.nkms.client.internal.Fanout;
import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.RandomInts;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeMisbehaved;
import dev.nkms.network.transport.NodeRejected;
import dev.nkms.protocol.EncryptedTreasureMap;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.TreasureMap;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.keys.BobCard;
import dev.nkms.protocol.keys.BobKeys;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.util.encoders.Hex;

/**
 * The recipient. Retrieves the data keys of message kits through the nodes of a treasure map, in
 * parallel, verifying everything, and decrypts.
 *
 * <p>Randomness (request nonces and signatures, the order nodes are tried in) is drawn on the
 * calling thread only; the clock stamps requests. A retrieval waits for a node at most the per-node
 * timeout, and asks each node of the map at most once, so it ends within (number of nodes) × the
 * per-node timeout in the worst case, and within about one timeout when threshold + hedge nodes
 * answer.
 *
 * <p>Why this file is long: a retrieval is one hedged fan-out (ask m, hedge, replace, verify each
 * cfrag, keep evidence); its steps share the in-flight state, so they stay in one class.
 */
public final class Bob {
  private final BobKeys keys;
  private final NodeDirectory directory;
  private final NodeApiFactory nodes;
  private final Clock clock;
  private final RandomSource random;
  private final RetrievalOptions options;

  public Bob(
      BobKeys keys,
      NodeDirectory directory,
      NodeApiFactory nodes,
      Clock clock,
      RandomSource random,
      RetrievalOptions options) {
    this.keys = Objects.requireNonNull(keys);
    this.directory = Objects.requireNonNull(directory);
    this.nodes = Objects.requireNonNull(nodes);
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
    this.options = Objects.requireNonNull(options);
  }

  public BobCard card() {
    return keys.card();
  }

  /** Opens a treasure map and checks Alice's signature binds it to this Bob's key. */
  public TreasureMap openTreasureMap(EncryptedTreasureMap map)
      throws NotForThisBob, InvalidTreasureMap {
    try {
      return map.open(keys.encryptingKey());
    } catch (DecryptionException e) {
      throw new NotForThisBob(
          NotForThisBob.Reason.DOES_NOT_OPEN,
          "the treasure map is not encrypted to this Bob's"
              + " key, or it is damaged: "
              + e.getMessage(),
          e);
    } catch (VerificationException e) {
      throw new NotForThisBob(
          NotForThisBob.Reason.SIGNED_FOR_ANOTHER_BOB,
          "the treasure map opened with this Bob's"
              + " key, but Alice signed it for another Bob: "
              + e.getMessage(),
          e);
    } catch (CryptoException e) {
      throw new InvalidTreasureMap("damaged treasure map: " + e.getMessage(), e);
    }
  }

  public Retrieval retrieve(EncryptedTreasureMap map, List<MessageKit> kits)
      throws RetrievalException, InterruptedException {
    return retrieve(map, kits, Map.of(), null);
  }

  /**
   * Resumes from {@code previous} (from an earlier {@link Retrieval} or {@link
   * RetrievalException}).
   */
  public Retrieval retrieve(
      EncryptedTreasureMap map, List<MessageKit> kits, RetrievalState previous)
      throws RetrievalException, InterruptedException {
    return retrieve(map, kits, Map.of(), Objects.requireNonNull(previous));
  }

  /**
   * Gets the data key of every kit.
   *
   * <ol>
   *   <li>Opens the map (Alice's signature) and looks up each destination among the known nodes.
   *   <li>Asks threshold + hedge nodes at once, each with ONE request (per {@code
   *       maxCapsulesPerRequest} capsules) for all capsules that still lack cfrags from it, signed
   *       by Bob, carrying {@code context}; when a node fails, asks the next unused one. Nodes
   *       never asked come first, in random order.
   *   <li>Checks each answer: the node's signature, that it answers this request, that each cfrag
   *       comes from the kfrag the map assigns to that node, and each cfrag's proof. A node that
   *       fails a check is dropped and named; if its signed answer is the proof, it is kept as
   *       {@link Evidence}.
   *   <li>Stops as soon as every capsule has threshold verified cfrags, and opens each kit's data
   *       key.
   * </ol>
   *
   * @param context requester context for the nodes' conditions (at most 32 entries)
   * @param previous state to resume from, or null
   * @throws NotEnoughNodes too few nodes answered; lists each node and why
   * @throws PolicyRevoked when so many nodes say the policy is revoked that the threshold is out of
   *     reach (thrown as soon as that is certain; likewise the next three)
   * @throws PolicyExpired when so many nodes say the policy expired
   * @throws ConditionNotMet when so many nodes say a condition does not hold (with a node's reason)
   * @throws NotForThisBob when the map does not open with this Bob's key (or is damaged), is signed
   *     for another Bob, or so many nodes say he is not the grantee; see {@link
   *     NotForThisBob#reason()}
   * @throws InvalidTreasureMap when the map opens but what it holds is malformed
   * @throws DecryptionFailed when a kit does not open with the verified cfrags
   */
  public Retrieval retrieve(
      EncryptedTreasureMap map,
      List<MessageKit> kits,
      Map<String, String> context,
      RetrievalState previous)
      throws RetrievalException, InterruptedException {
    if (kits.isEmpty()) {
      throw new IllegalArgumentException("nothing to retrieve: no message kits");
    }
    TreasureMap treasureMap = openTreasureMap(map);
    if (previous != null && !previous.hrac().equals(treasureMap.hrac())) {
      throw new IllegalArgumentException(
          "the state to resume from is for policy "
              + previous.hrac()
              + ", not for this map's "
              + treasureMap.hrac());
    }
    Run run = new Run(treasureMap, kits, Map.copyOf(context), previous);
    run.gather();
    return run.open();
  }

  /** One retrieval's bookkeeping; touched by the calling thread only. */
  private final class Run {
    private final TreasureMap map;
    private final Hrac hrac;
    private final int threshold;
    private final Map<NodeAddress, byte[]> kfragIds;
    private final List<MessageKit> kits;
    private final List<Capsule> capsules;
    private final Map<String, String> context;
    private final Map<Capsule, Map<NodeAddress, VerifiedCapsuleFrag>> gathered =
        new LinkedHashMap<>();
    private final Set<NodeAddress> asked = new TreeSet<>();
    private final Map<NodeAddress, String> misbehaving = new LinkedHashMap<>();
    private final List<Evidence> evidence = new ArrayList<>();
    private final Map<NodeAddress, String> failures = new LinkedHashMap<>();
    private final Map<NodeAddress, NodeRejected> refusals = new HashMap<>();
    private final Deque<NodeMetadata> queue = new ArrayDeque<>();

    Run(
        TreasureMap map,
        List<MessageKit> kits,
        Map<String, String> context,
        RetrievalState previous) {
      this.map = map;
      this.hrac = map.hrac();
      this.threshold = map.threshold();
      this.kfragIds = map.destinations();
      this.kits = List.copyOf(kits);
      this.context = context;
      Set<Capsule> unique = new LinkedHashSet<>();
      kits.forEach(k -> unique.add(k.capsule()));
      this.capsules = List.copyOf(unique);
      if (previous != null) {
        previous.allCfrags().forEach((c, m) -> gathered.put(c, new LinkedHashMap<>(m)));
        asked.addAll(previous.askedNodes());
        misbehaving.putAll(previous.misbehavingNodes());
        evidence.addAll(previous.evidence());
      }
      capsules.forEach(c -> gathered.computeIfAbsent(c, x -> new LinkedHashMap<>()));
      List<NodeMetadata> fresh = new ArrayList<>();
      List<NodeMetadata> again = new ArrayList<>();
      for (NodeAddress a : kfragIds.keySet()) {
        if (misbehaving.containsKey(a)) {
          failures.put(a, "not asked: misbehaved earlier (" + misbehaving.get(a) + ")");
          continue;
        }
        Optional<NodeMetadata> node = directory.find(a);
        if (node.isEmpty()) {
          failures.put(a, "not a known node");
        } else {
          (asked.contains(a) ? again : fresh).add(node.get());
        }
      }
      queue.addAll(RandomInts.shuffled(fresh, random));
      queue.addAll(RandomInts.shuffled(again, random));
    }

    void gather() throws RetrievalException, InterruptedException {
      try (Fanout<NodeMetadata, Answer> fanout =
          new Fanout<>("retrieve", options.perNodeTimeout())) {
        launchMore(fanout);
        while (deficit() > 0) {
          Optional<Fanout.Outcome<NodeMetadata, Answer>> next = fanout.next();
          if (next.isEmpty()) {
            break;
          }
          record(next.get());
          throwIfHopeless();
          launchMore(fanout);
        }
      }
      if (deficit() > 0) {
        throwIfHopeless();
        throw new NotEnoughNodes(
            "not enough nodes answered for policy " + hrac + ": " + shortfall(), state(), failures);
      }
    }

    /** The most cfrags any capsule still lacks. */
    private int deficit() {
      int d = 0;
      for (Capsule c : capsules) {
        d = Math.max(d, threshold - gathered.get(c).size());
      }
      return d;
    }

    private String shortfall() {
      int worst = Integer.MAX_VALUE;
      int missing = 0;
      for (Capsule c : capsules) {
        int have = gathered.get(c).size();
        worst = Math.min(worst, have);
        missing += have < threshold ? 1 : 0;
      }
      return missing
          + " of "
          + capsules.size()
          + " capsule(s) short of the threshold "
          + threshold
          + " (the worst has "
          + worst
          + " verified cfrag(s)) after asking every reachable node of "
          + kfragIds.size();
    }

    private void launchMore(Fanout<NodeMetadata, Answer> fanout) {
      while (fanout.inFlight() < deficit() + options.hedge() && !queue.isEmpty()) {
        NodeMetadata node = queue.poll();
        NodeAddress a = node.address();
        List<Capsule> wanted = new ArrayList<>();
        for (Capsule c : capsules) {
          Map<NodeAddress, VerifiedCapsuleFrag> have = gathered.get(c);
          if (have.size() < threshold && !have.containsKey(a)) {
            wanted.add(c);
          }
        }
        if (wanted.isEmpty()) {
          continue;
        }
        asked.add(a);
        List<ReencryptionRequest> requests = new ArrayList<>();
        for (int from = 0; from < wanted.size(); from += options.maxCapsulesPerRequest()) {
          List<Capsule> batch =
              wanted.subList(from, Math.min(wanted.size(), from + options.maxCapsulesPerRequest()));
          requests.add(
              ReencryptionRequest.sign(
                  hrac, batch, context, clock.instant(), keys.signer(), random));
        }
        byte[] kfragId = kfragIds.get(a);
        fanout.launch(node, () -> ask(node, kfragId, requests));
      }
    }

    /** Runs on a worker thread: no shared state, no randomness. */
    private Answer ask(NodeMetadata node, byte[] kfragId, List<ReencryptionRequest> requests)
        throws Exception {
      NodeApi api = nodes.connect(node);
      PublicKey bobKey = keys.encryptingKey().publicKey();
      Map<Capsule, VerifiedCapsuleFrag> out = new LinkedHashMap<>();
      for (ReencryptionRequest request : requests) {
        ReencryptionResponse response = api.reencrypt(request);
        try {
          response.verify(node.verifyingKey(), response.hrac(), response.capsules());
        } catch (VerificationException e) {
          return Answer.misbehaved("its re-encryption response is not signed by its key", null);
        }
        byte[] signed = response.toBytes();
        if (!response.hrac().equals(hrac) || !response.capsules().equals(request.capsules())) {
          String finding =
              "its signed response answers another request (policy "
                  + response.hrac()
                  + ", "
                  + response.capsules().size()
                  + " capsules) than the one sent (policy "
                  + hrac
                  + ", "
                  + request.capsules().size()
                  + " capsules)";
          return Answer.misbehaved(
              finding, new Evidence(node.address(), finding, null, null, signed));
        }
        List<CapsuleFrag> cfrags = response.cfrags();
        for (int i = 0; i < cfrags.size(); i++) {
          Capsule capsule = request.capsules().get(i);
          CapsuleFrag cfrag = cfrags.get(i);
          if (!Arrays.equals(cfrag.kfragId(), kfragId)) {
            String finding =
                "the cfrag for capsule "
                    + i
                    + " of its answer was made with kfrag "
                    + Hex.toHexString(cfrag.kfragId())
                    + ", not the one the treasure map assigns to it ("
                    + Hex.toHexString(kfragId)
                    + ")";
            return Answer.misbehaved(
                finding,
                new Evidence(node.address(), finding, capsule.toBytes(), cfrag.toBytes(), signed));
          }
          try {
            out.put(
                capsule,
                cfrag.verify(capsule, map.aliceVerifyingKey(), map.policyEncryptingKey(), bobKey));
          } catch (VerificationException e) {
            String finding =
                "the cfrag for capsule "
                    + i
                    + " of its answer fails verification: "
                    + e.getMessage();
            return Answer.misbehaved(
                finding,
                new Evidence(node.address(), finding, capsule.toBytes(), cfrag.toBytes(), signed));
          }
        }
      }
      return Answer.verified(out);
    }

    private void record(Fanout.Outcome<NodeMetadata, Answer> o) {
      NodeAddress a = o.key().address();
      if (o.succeeded()) {
        Answer answer = o.value();
        if (answer.cfrags != null) {
          answer.cfrags.forEach((c, cfrag) -> gathered.get(c).put(a, cfrag));
          return;
        }
        misbehaving.put(a, answer.misbehavior);
        if (answer.evidence != null) {
          evidence.add(answer.evidence);
        }
        failures.put(a, "misbehaved: " + answer.misbehavior);
        return;
      }
      if (o.failure() instanceof NodeRejected) {
        refusals.put(a, (NodeRejected) o.failure());
      } else if (o.failure() instanceof NodeMisbehaved) {
        misbehaving.put(a, o.failure().getMessage());
      }
      failures.put(a, Failures.describe(o, options.perNodeTimeout()));
    }

    /**
     * Throws as soon as the nodes refusing for one reason alone leave some capsule unable to reach
     * the threshold.
     */
    private void throwIfHopeless() throws RetrievalException {
      ErrorCode[] codes = {
        ErrorCode.REVOKED, ErrorCode.EXPIRED, ErrorCode.NOT_THE_GRANTEE, ErrorCode.CONDITION_NOT_MET
      };
      for (ErrorCode code : codes) {
        Set<NodeAddress> refusing = new TreeSet<>();
        refusals.forEach(
            (a, r) -> {
              if (r.is(code)) {
                refusing.add(a);
              }
            });
        if (refusing.isEmpty() || !unreachableWithout(refusing)) {
          continue;
        }
        String n = refusing.size() + " of " + kfragIds.size() + " nodes";
        switch (code) {
          case REVOKED:
            throw new PolicyRevoked(
                "policy "
                    + hrac
                    + " is revoked: "
                    + n
                    + " say so, leaving fewer than the "
                    + threshold
                    + " needed",
                state(),
                failures);
          case EXPIRED:
            throw new PolicyExpired(
                "policy "
                    + hrac
                    + " has expired: "
                    + n
                    + " say so, leaving fewer than the "
                    + threshold
                    + " needed",
                state(),
                failures);
          case NOT_THE_GRANTEE:
            throw new NotForThisBob(
                "this Bob is not the grantee of policy " + hrac + ": " + n + " say so",
                state(),
                failures);
          default:
            throw new ConditionNotMet(
                refusals.get(refusing.iterator().next()).nodeMessage(), state(), failures);
        }
      }
    }

    /**
     * True if, without the {@code dead} nodes, some capsule can no longer collect threshold cfrags.
     */
    private boolean unreachableWithout(Set<NodeAddress> dead) {
      for (Capsule c : capsules) {
        Map<NodeAddress, VerifiedCapsuleFrag> have = gathered.get(c);
        if (have.size() >= threshold) {
          continue;
        }
        int possible = have.size();
        for (NodeAddress a : kfragIds.keySet()) {
          if (!have.containsKey(a) && !dead.contains(a)) {
            possible++;
          }
        }
        if (possible < threshold) {
          return true;
        }
      }
      return false;
    }

    private RetrievalState state() {
      return new RetrievalState(hrac, gathered, asked, misbehaving, evidence);
    }

    Retrieval open() throws DecryptionFailed {
      RetrievalState state = state();
      List<byte[]> deks = new ArrayList<>();
      for (int i = 0; i < kits.size(); i++) {
        MessageKit kit = kits.get(i);
        List<VerifiedCapsuleFrag> cfrags =
            new ArrayList<>(gathered.get(kit.capsule()).values()).subList(0, threshold);
        byte[] dek;
        try {
          dek =
              Umbral.decryptReencrypted(
                  keys.encryptingKey(),
                  map.policyEncryptingKey(),
                  kit.capsule(),
                  cfrags,
                  kit.encryptedDek());
        } catch (DecryptionException e) {
          throw new DecryptionFailed(
              i,
              "message kit "
                  + i
                  + " does not open with "
                  + threshold
                  + " verified cfrags: it was not encrypted for policy "
                  + hrac
                  + "'s key, or it was altered ("
                  + e.getMessage()
                  + ")",
              state);
        }
        if (dek.length != 32) {
          throw new DecryptionFailed(
              i,
              "message kit "
                  + i
                  + " holds a "
                  + dek.length
                  + "-byte data key, not the 32 bytes of a sealed message",
              state);
        }
        deks.add(dek);
      }
      Retrieval retrieval = new Retrieval(hrac, kits, deks, state);
      deks.forEach(d -> Arrays.fill(d, (byte) 0));
      return retrieval;
    }
  }

  /** A node's answer after the checks: verified cfrags, or what was wrong. */
  private static final class Answer {
    final Map<Capsule, VerifiedCapsuleFrag> cfrags;
    final String misbehavior;
    final Evidence evidence;

    private Answer(
        Map<Capsule, VerifiedCapsuleFrag> cfrags, String misbehavior, Evidence evidence) {
      this.cfrags = cfrags;
      this.misbehavior = misbehavior;
      this.evidence = evidence;
    }

    static Answer verified(Map<Capsule, VerifiedCapsuleFrag> cfrags) {
      return new Answer(cfrags, null, null);
    }

    static Answer misbehaved(String what, Evidence evidence) {
      return new Answer(null, what, evidence);
    }
  }
}
