package dev.nkms.registry;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.WireFormatException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded default {@link StakeRegistry}: the newest {@link FederatedNodeList} that verified
 * against one {@link Federation}. Nodes load it from a file at start and take newer lists from
 * peers ({@link #offer}); both paths verify the federation's signatures. Readers see an immutable
 * snapshot (one volatile read), so lookups never block.
 */
public final class FederatedRegistry implements StakeRegistry {
  private final Federation federation;
  private final Object adoptLock = new Object();
  private final RegistryListeners listeners = new RegistryListeners();
  private volatile Snapshot current;

  private record Snapshot(FederatedNodeList list, Map<NodeAddress, Stake> byNode) {
    static Snapshot of(FederatedNodeList list) {
      Map<NodeAddress, Stake> byNode = new HashMap<>(list.stakes().size() * 4 / 3 + 1);
      for (Stake s : list.stakes()) {
        byNode.put(s.node(), s);
      }
      return new Snapshot(list, byNode);
    }
  }

  private FederatedRegistry(Federation federation, FederatedNodeList verified) {
    this.federation = federation;
    this.current = Snapshot.of(verified);
  }

  /** A registry starting from {@code list}, which must verify against {@code federation}. */
  public static FederatedRegistry of(Federation federation, FederatedNodeList list)
      throws WireFormatException {
    list.verify(federation);
    return new FederatedRegistry(federation, list);
  }

  /**
   * Reads the federation file and the registry file (the raw bytes of a {@link FederatedNodeList})
   * and verifies the list. Errors name the file: {@link RegistryFormatException} for the federation
   * file, {@link WireFormatException} ({@link BadSignatureException} for signatures) for the list.
   */
  public static FederatedRegistry load(Path federationFile, Path registryFile)
      throws IOException, MalformedInputException {
    Federation federation = Federation.load(federationFile);
    long size = Files.size(registryFile);
    if (size > FederatedNodeList.MAX_SIZE) {
      throw new WireFormatException(
          registryFile
              + ": "
              + FederatedNodeList.BRAND
              + ": "
              + size
              + " bytes, at most "
              + FederatedNodeList.MAX_SIZE
              + " allowed");
    }
    try {
      return of(federation, FederatedNodeList.fromBytes(Files.readAllBytes(registryFile)));
    } catch (BadSignatureException e) {
      throw new BadSignatureException(registryFile + ": " + e.getMessage());
    } catch (WireFormatException e) {
      throw new WireFormatException(registryFile + ": " + e.getMessage());
    }
  }

  /**
   * Offers a list (from a peer or an operator). Returns {@code true} if it was adopted: it parses,
   * is for this federation's domain, has a higher serial than the current list, and carries enough
   * valid member signatures. Returns {@code false} if it is well-formed and of this domain but not
   * newer (a peer gossiping the same or an older list is normal); its signatures are then not
   * checked. Throws {@link WireFormatException} if it does not parse or is for another domain, and
   * {@link BadSignatureException} if its signatures do not satisfy the federation. On adoption, the
   * listeners get the change before this returns.
   */
  public boolean offer(byte[] document) throws WireFormatException {
    return offer(FederatedNodeList.fromBytes(document));
  }

  /** As {@link #offer(byte[])}, for a list already parsed. */
  public boolean offer(FederatedNodeList list) throws WireFormatException {
    list.checkDomain(federation);
    if (list.serial() <= current.list().serial()) {
      return false; // cheap refusal first: gossip repeats the current list far more often than it
      // brings a new one
    }
    list.verify(federation);
    RegistryChange change;
    synchronized (adoptLock) {
      Snapshot old = current;
      if (list.serial() <= old.list().serial()) {
        return false; // a concurrent offer adopted a list at least as new
      }
      current = Snapshot.of(list);
      change = RegistryChange.between(old.list().stakes(), list.stakes());
      // Notified under the lock so that listeners see changes in the order the lists were adopted.
      listeners.announce(change);
    }
    return true;
  }

  /** The serial of the current list (peers compare it before sending theirs). */
  public long serial() {
    return current.list().serial();
  }

  /** The current list's bytes, to gossip or to save. */
  public byte[] document() {
    return current.list().toBytes();
  }

  public FederatedNodeList current() {
    return current.list();
  }

  public Federation federation() {
    return federation;
  }

  /**
   * Writes the current list atomically (temp file + rename), so a restart never reads half a list.
   */
  public void save(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, document());
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public String domain() {
    return federation.domain();
  }

  @Override
  public BigInteger minimumStake() {
    return current.list().minimumStake();
  }

  @Override
  public List<Stake> stakes() {
    return current.list().stakes();
  }

  /** From one snapshot, so the minimum and the stakes never come from two different lists. */
  @Override
  public List<Stake> eligible(Instant through) {
    FederatedNodeList list = current.list();
    BigInteger min = list.minimumStake();
    return list.stakes().stream().filter(s -> s.eligible(min, through)).toList();
  }

  @Override
  public Optional<Stake> stake(NodeAddress node) {
    return Optional.ofNullable(current.byNode().get(node));
  }

  /**
   * Called after every adoption, even one that changes no stake (the minimum stake or issue time
   * may have changed). A listener that throws does not undo the adoption or stop the other
   * listeners; the first exception is rethrown from {@link #offer} after all of them ran.
   */
  @Override
  public void addListener(Consumer<RegistryChange> listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(Consumer<RegistryChange> listener) {
    listeners.remove(listener);
  }

  @Override
  public String toString() {
    return "FederatedRegistry[" + federation + ", " + current.list() + "]";
  }
}
