package dev.nkms.registry;

import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stake-weighted node selection (whitepaper Fig. 7): the nodes lie on a line, each covering a
 * length equal to its stake; a uniform random point picks the node under it, and a node already
 * taken is drawn again. The result is sampling without replacement with each draw proportional to
 * the stake of the nodes still available — the same distribution as removing every drawn node and
 * drawing again.
 *
 * <p>The cumulative sums are built once per stake snapshot (the constructor, O(m)); every draw is a
 * bisection (O(log m)). Redrawing gets slow when the nodes already taken, excluded or refused hold
 * most of the stake (a few nodes with most of the stake), so once they hold more than half, a draw
 * switches to an exact method: a Fenwick tree of the stakes with the unavailable ones set to zero
 * (O(m) once per draw session, then O(log m) per node). Both give the same distribution; only the
 * cost differs.
 *
 * <p>Weights: stakes are {@link BigInteger}s; each is shifted right by the smallest {@link
 * #shift()} that makes the total fit in 62 bits, rounding down, and a positive stake keeps a weight
 * of at least 1. Rounding down changes a node holding a share p of the stake by a relative error of
 * at most 2^-61/p (below 2^-40 for a node with a millionth of the stake); only stakes under 2^shift
 * (a share under 2^-61) are rounded up, to 1. A total below 2^62 is not shifted at all. Zero stakes
 * have weight 0 and are never drawn at random.
 *
 * <p>Immutable and thread-safe; each {@link Draw} is for one thread.
 *
 * <p>Why this file is long: the sampling algorithm (Fig. 7) and its rules (handpicked, excluded,
 * per-operator caps) must be read together to see that the draw stays stake-weighted.
 */
public final class StakeWeightedSampler {
  static final int TOTAL_BITS = 62;
  private static final long MAX_TOTAL = 1L << TOTAL_BITS;

  /**
   * Redraws in a row before a draw switches to the exact method anyway. While at most half the
   * weight is taken a redraw happens with probability at most 1/2, so this bounds the cost and is
   * reached with probability ≤ 2^-32.
   */
  static final int MAX_REDRAWS = 32;

  private final Stake[] stakes;
  private final NodeAddress[] nodes;
  private final long[] weights;
  private final long[] cumulative;
  private final long total;
  private final int shift;
  private final int withStake;
  private final int[] operatorOf;
  private final int[] operatorStart;
  private final int[] operatorNodes;

  /**
   * A sampler over {@code snapshot} (typically {@link StakeRegistry#eligible}), each node at most
   * once.
   */
  public StakeWeightedSampler(Collection<Stake> snapshot) {
    Stake[] s = snapshot.toArray(new Stake[0]);
    Arrays.sort(s, Comparator.comparing(Stake::node));
    int m = s.length;
    NodeAddress[] n = new NodeAddress[m];
    BigInteger sum = BigInteger.ZERO;
    for (int i = 0; i < m; i++) {
      n[i] = s[i].node();
      if (i > 0 && n[i].equals(n[i - 1])) {
        throw new IllegalArgumentException("node " + n[i] + " appears twice in the snapshot");
      }
      sum = sum.add(s[i].amount());
    }
    long[] w = new long[m];
    int sh = Math.max(0, sum.bitLength() - TOTAL_BITS);
    while (!fillWeights(s, sh, w)) {
      sh++; // the rounding up of tiny stakes to 1 pushed the total over 2^62
    }
    long[] cum = new long[m];
    long t = 0;
    int positive = 0;
    for (int i = 0; i < m; i++) {
      t += w[i];
      cum[i] = t;
      positive += w[i] > 0 ? 1 : 0;
    }
    // Nodes grouped by operator (compressed sparse rows), so a reached cap blocks the operator's
    // other nodes at once.
    Map<OperatorAddress, Integer> ids = new HashMap<>(m * 4 / 3 + 1);
    int[] opOf = new int[m];
    for (int i = 0; i < m; i++) {
      int next = ids.size();
      Integer id = ids.putIfAbsent(s[i].operator(), next); // one hash lookup per node
      opOf[i] = id == null ? next : id;
    }
    int[] start = new int[ids.size() + 1];
    for (int i = 0; i < m; i++) {
      start[opOf[i] + 1]++;
    }
    for (int k = 0; k < ids.size(); k++) {
      start[k + 1] += start[k];
    }
    int[] fill = Arrays.copyOf(start, ids.size());
    int[] byOp = new int[m];
    for (int i = 0; i < m; i++) {
      byOp[fill[opOf[i]]++] = i;
    }
    this.stakes = s;
    this.nodes = n;
    this.weights = w;
    this.cumulative = cum;
    this.total = t;
    this.shift = sh;
    this.withStake = positive;
    this.operatorOf = opOf;
    this.operatorStart = start;
    this.operatorNodes = byOp;
  }

  /** A sampler over the nodes eligible for a policy running until {@code through}. */
  public static StakeWeightedSampler ofEligible(StakeRegistry registry, Instant through) {
    return new StakeWeightedSampler(registry.eligible(through));
  }

  private static boolean fillWeights(Stake[] s, int sh, long[] w) {
    long t = 0;
    for (int i = 0; i < s.length; i++) {
      BigInteger a = s[i].amount();
      long v;
      if (a.signum() == 0) {
        v = 0;
      } else if (a.bitLength() <= sh) {
        v = 1; // below 2^shift: rounds to 0, kept at 1 so that every positive stake can be drawn
      } else {
        v = Math.max(1, (sh == 0 ? a : a.shiftRight(sh)).longValue());
      }
      w[i] = v;
      t += v;
      if (t > MAX_TOTAL) {
        return false;
      }
    }
    return true;
  }

  /**
   * Draws {@code n} nodes: the handpicked ones first, then stake-weighted without replacement,
   * under {@code rules}.
   *
   * @throws IllegalArgumentException if {@code n} is negative or smaller than the number of
   *     handpicked nodes
   */
  public List<Stake> sample(int n, SamplingRules rules, RandomSource random)
      throws NotEnoughEligibleNodes, HandpickedNodeUnavailable {
    if (n < rules.handpicked().size()) {
      throw new IllegalArgumentException(
          n + " node(s) requested but " + rules.handpicked().size() + " handpicked");
    }
    return draw(rules, random).take(n);
  }

  /**
   * A draw session: the weighted random order of the nodes under {@code rules}, taken one at a
   * time. A caller that later needs replacements (a node refused) keeps drawing from the same
   * session, which never repeats a node. The handpicked nodes are checked here (present, live,
   * within the cap).
   */
  public Draw draw(SamplingRules rules, RandomSource random) throws HandpickedNodeUnavailable {
    return new Draw(rules, random, false);
  }

  /** As {@link #draw}, but using the exact method from the start; for tests comparing the two. */
  Draw drawExactOnly(SamplingRules rules, RandomSource random) throws HandpickedNodeUnavailable {
    return new Draw(rules, random, true);
  }

  /** All nodes of the snapshot, zero stakes included. */
  public int size() {
    return stakes.length;
  }

  /** The nodes that random draws can pick (positive stake). */
  public int nodesWithStake() {
    return withStake;
  }

  /** How far stakes were shifted right to make the total fit in 62 bits. */
  public int shift() {
    return shift;
  }

  long totalWeight() {
    return total;
  }

  long weight(NodeAddress node) {
    int i = indexOf(node);
    return i < 0 ? -1 : weights[i];
  }

  private int indexOf(NodeAddress node) {
    int i = Arrays.binarySearch(nodes, node);
    return i < 0 ? -1 : i;
  }

  /**
   * The node under point {@code x} in [0, total): the first whose cumulative sum exceeds x (never a
   * zero stake).
   */
  private int bisect(long x) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * Uniform in [0, bound) for 1 ≤ bound ≤ 2^62: 8 random bytes masked to the bit length of bound −
   * 1, redrawn while at or above the bound (no modulo bias; fewer than 2 tries on average).
   */
  static long uniform(long bound, RandomSource random, byte[] buffer) {
    if (bound == 1) {
      return 0;
    }
    long mask = -1L >>> Long.numberOfLeadingZeros(bound - 1);
    while (true) {
      random.nextBytes(buffer);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (buffer[i] & 0xff);
      }
      v &= mask;
      if (v < bound) {
        return v;
      }
    }
  }

  /** One selection in progress. Not thread-safe. */
  public final class Draw {
    private final SamplingRules rules;
    private final RandomSource random;
    private final byte[] buffer = new byte[8];
    private final ArrayDeque<Stake> handpicked = new ArrayDeque<>();
    private final Set<Integer> blocked = new HashSet<>();
    private final Map<Integer, Integer> perOperator = new HashMap<>();
    private final List<Stake> drawn = new ArrayList<>();
    private long blockedWeight;
    private long[] tree;
    private int excluded;
    private int overCap;
    private int failedLiveness;
    private int drawnWithStake;

    private Draw(SamplingRules rules, RandomSource random, boolean exactOnly)
        throws HandpickedNodeUnavailable {
      this.rules = rules;
      this.random = random;
      for (NodeAddress n : rules.excluded()) {
        int i = indexOf(n);
        if (i >= 0 && block(i) && weights[i] > 0) {
          excluded++;
        }
      }
      for (NodeAddress n : rules.handpicked()) {
        int i = indexOf(n);
        if (i < 0) {
          throw new HandpickedNodeUnavailable(
              n,
              "is not in the snapshot the sampler was built from (not registered,"
                  + " or not eligible for this policy)");
        }
        if (perOperator.getOrDefault(operatorOf[i], 0) >= rules.maxPerOperator()) {
          throw new HandpickedNodeUnavailable(
              n,
              "would exceed the cap of "
                  + rules.maxPerOperator()
                  + " node(s) per operator (operator "
                  + stakes[i].operator()
                  + ")");
        }
        if (!rules.liveness().test(stakes[i])) {
          throw new HandpickedNodeUnavailable(n, "failed the liveness check");
        }
        accept(i);
        handpicked.add(stakes[i]);
      }
      if (exactOnly) {
        useExact();
      }
    }

    /**
     * The next node: handpicked ones first, then stake-weighted; empty once no node is left under
     * the rules.
     */
    public Optional<Stake> next() {
      Stake h = handpicked.poll();
      if (h != null) {
        drawn.add(h);
        return Optional.of(h);
      }
      while (true) {
        int i = drawIndex();
        if (i < 0) {
          return Optional.empty();
        }
        if (!rules.liveness().test(stakes[i])) {
          block(i);
          failedLiveness++;
          continue;
        }
        accept(i);
        drawn.add(stakes[i]);
        return Optional.of(stakes[i]);
      }
    }

    /**
     * The next {@code n} nodes; if fewer are left, says why (the ones drawn are in the exception).
     */
    public List<Stake> take(int n) throws NotEnoughEligibleNodes {
      if (n < 0) {
        throw new IllegalArgumentException("cannot take " + n + " nodes");
      }
      int before = drawn.size();
      List<Stake> got = new ArrayList<>(n);
      while (got.size() < n) {
        Optional<Stake> s = next();
        if (s.isEmpty()) {
          throw new NotEnoughEligibleNodes(n, got, accounting(before));
        }
        got.add(s.get());
      }
      return got;
    }

    /** Every node this session has returned, in order. */
    public List<Stake> drawn() {
      return List.copyOf(drawn);
    }

    /** Whether this session switched to the exact method (for tests). */
    boolean usedExactMethod() {
      return tree != null;
    }

    private String accounting(int drawnBefore) {
      StringBuilder sb =
          new StringBuilder("of the ")
              .append(withStake)
              .append(" node(s) with stake, ")
              .append(drawnWithStake)
              .append(" drawn");
      if (drawnBefore > 0) {
        sb.append(" (").append(drawnBefore).append(" before this request)");
      }
      sb.append(", ").append(excluded).append(" excluded, ");
      if (rules.maxPerOperator() != SamplingRules.NO_CAP) {
        sb.append(overCap)
            .append(" over the cap of ")
            .append(rules.maxPerOperator())
            .append(" per operator, ");
      }
      sb.append(failedLiveness).append(" failed the liveness check");
      int zero = stakes.length - withStake;
      if (zero > 0) {
        sb.append("; ").append(zero).append(" node(s) with zero stake are never drawn");
      }
      return sb.toString();
    }

    private void accept(int i) {
      block(i);
      if (weights[i] > 0) {
        drawnWithStake++;
      }
      if (rules.maxPerOperator() == SamplingRules.NO_CAP) {
        return;
      }
      int op = operatorOf[i];
      if (perOperator.merge(op, 1, Integer::sum) >= rules.maxPerOperator()) {
        for (int k = operatorStart[op]; k < operatorStart[op + 1]; k++) {
          int j = operatorNodes[k];
          if (block(j) && weights[j] > 0) {
            overCap++;
          }
        }
      }
    }

    /** Takes node i out of the draw; false if it already was. */
    private boolean block(int i) {
      if (!blocked.add(i)) {
        return false;
      }
      blockedWeight += weights[i];
      if (tree != null) {
        treeAdd(i, -weights[i]);
      }
      return true;
    }

    /** A stake-weighted node among those not blocked, or −1 if none has stake left. */
    private int drawIndex() {
      long remaining = total - blockedWeight;
      if (remaining == 0) {
        return -1;
      }
      if (tree == null) {
        if (blockedWeight <= total / 2) {
          for (int t = 0; t < MAX_REDRAWS; t++) {
            int i = bisect(uniform(total, random, buffer));
            if (!blocked.contains(i)) {
              return i;
            }
          }
        }
        useExact();
      }
      return treeFind(uniform(remaining, random, buffer));
    }

    /** Builds the Fenwick tree from the cumulative sums (O(m)) and zeroes the blocked nodes. */
    private void useExact() {
      int m = cumulative.length;
      long[] t = new long[m + 1];
      for (int j = 1; j <= m; j++) {
        int from = j - (j & -j); // tree[j] covers nodes from .. j-1 (0-based)
        t[j] = cumulative[j - 1] - (from == 0 ? 0 : cumulative[from - 1]);
      }
      tree = t;
      for (int i : blocked) {
        treeAdd(i, -weights[i]);
      }
    }

    private void treeAdd(int i, long delta) {
      for (int j = i + 1; j < tree.length; j += j & -j) {
        tree[j] += delta;
      }
    }

    /** The node whose range of the remaining weight holds x: descends the tree by powers of two. */
    private int treeFind(long x) {
      int m = tree.length - 1;
      int pos = 0;
      long rest = x;
      for (int step = Integer.highestOneBit(m); step > 0; step >>= 1) {
        int next = pos + step;
        if (next <= m && tree[next] <= rest) {
          pos = next;
          rest -= tree[next];
        }
      }
      return pos;
    }
  }
}
