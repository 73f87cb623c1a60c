package dev.nkms.client;

import dev.nkms.client.NkmsException.Kind;
import dev.nkms.client.alice.Alice;
import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.alice.PolicyRecord;
import dev.nkms.client.store.ObjectIndex;
import dev.nkms.client.store.SealedObjects;
import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.keys.BobCard;
import dev.nkms.protocol.message.SealedMessage;
import dev.nkms.protocol.message.SealedMessageException;
import dev.nkms.storage.DeleteResult;
import dev.nkms.storage.ObjectNotFoundException;
import dev.nkms.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The storage verbs of {@link Nkms} — write, read, delete, share a folder — over the sealed objects
 * in storage and Alice's {@link ObjectIndex}. Not API: {@link Nkms} delegates here.
 */
final class ObjectVerbs {
  private static final System.Logger LOG = System.getLogger("dev.nkms.client.objects");

  /** The longest label-derived folder name under {@code storage.default}. */
  private static final int MAX_SEGMENT = 64;

  private final Nkms nkms;
  private final Alice alice;
  private final PolicyBook book;
  private final SealedObjects objects;
  private final ObjectIndex index;
  private final URI storageDefault;
  private final Clock clock;
  private final RandomSource random;

  ObjectVerbs(
      Nkms nkms,
      Alice alice,
      PolicyBook book,
      SealedObjects objects,
      ObjectIndex index,
      URI storageDefault,
      Clock clock,
      RandomSource random) {
    this.nkms = nkms;
    this.alice = alice;
    this.book = book;
    this.objects = objects;
    this.index = index;
    this.storageDefault = storageDefault;
    this.clock = clock;
    this.random = random;
  }

  URI write(URI where, String label, InputStream data, long length) {
    URI stored;
    try {
      stored = objects.write(where, alice.enrico(label), data, length);
    } catch (StorageException e) {
      throw StorageErrors.of(e);
    } catch (IOException e) {
      throw new NkmsException(
          Kind.FAILED, "reading the data to store failed: " + e.getMessage(), List.of(), e);
    }
    try {
      return index.record(stored, label, length).location();
    } catch (IOException e) {
      throw new NkmsException(
          Kind.FAILED,
          "stored at "
              + stored
              + " (it stays there), but recording it in the object index "
              + index.dir()
              + " failed: "
              + e.getMessage(),
          List.of(),
          e);
    }
  }

  URI write(URI where, InputStream data, long length) {
    return write(where, ObjectIndex.folderLabel(where), data, length);
  }

  URI write(String label, InputStream data, long length) {
    URI where =
        URI.create(
            storageDefault + segment(label) + "/" + HexFormat.of().formatHex(random.nextBytes(16)));
    return write(where, label, data, length);
  }

  /**
   * A path segment for {@code label} under {@code storage.default}: its letters, digits, {@code .},
   * {@code _} and {@code -}, anything else as {@code _}, at most {@value #MAX_SEGMENT} characters,
   * never {@code .} or {@code ..}.
   */
  static String segment(String label) {
    StringBuilder b = new StringBuilder();
    label
        .codePoints()
        .limit(MAX_SEGMENT)
        .forEach(
            c -> {
              boolean safe =
                  (c >= 'a' && c <= 'z')
                      || (c >= 'A' && c <= 'Z')
                      || (c >= '0' && c <= '9')
                      || c == '.'
                      || c == '_'
                      || c == '-';
              b.append(safe ? (char) c : '_');
            });
    String s = b.toString();
    return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
  }

  void readOwn(URI location, String label, OutputStream out) throws IOException {
    try (InputStream sealed = objects.open(location)) {
      alice.decryptOwn(label, SealedMessage.readHeader(sealed), sealed, out);
    } catch (StorageException e) {
      throw StorageErrors.of(e);
    } catch (SealedMessageException e) {
      throw new NkmsException(Kind.INVALID_INPUT, location + ": " + e.getMessage(), List.of(), e);
    } catch (DecryptionException e) {
      throw new NkmsException(Kind.FAILED, e.getMessage(), List.of(), e);
    }
  }

  void readOwn(URI location, OutputStream out) throws IOException {
    StoredObject o =
        entry(location)
            .orElseThrow(
                () ->
                    new NkmsException(
                        Kind.INVALID_INPUT,
                        location + " was not written by this Alice here; give the label"));
    readOwn(location, o.label(), out);
  }

  List<StoredObject> objects() {
    ObjectIndex.Listing listing = listing();
    listing
        .damaged()
        .forEach(
            (file, problem) ->
                LOG.log(System.Logger.Level.WARNING, "skipped in the object index: " + problem));
    return listing.objects();
  }

  Deletion delete(URI location) {
    Optional<StoredObject> entry = entry(location);
    DeleteResult result;
    try {
      result = objects.delete(location);
    } catch (ObjectNotFoundException e) {
      result = DeleteResult.NOT_FOUND;
    } catch (StorageException e) {
      throw StorageErrors.of(e);
    }
    if (entry.isEmpty()) {
      return new Deletion(ObjectIndex.canonical(location), result, List.of());
    }
    try {
      index.remove(location);
    } catch (IOException e) {
      throw new NkmsException(
          Kind.FAILED,
          location
              + " is deleted ("
              + result.description()
              + ") but its entry in the object index "
              + index.dir()
              + " could not be removed: "
              + e.getMessage()
              + "; no policy was revoked",
          List.of(),
          e);
    }
    String label = entry.get().label();
    // A damaged entry's label is unknown: it does not keep a policy alive (objects() warns of it).
    if (listing().objects().stream().anyMatch(o -> o.label().equals(label))) {
      return new Deletion(entry.get().location(), result, List.of());
    }
    List<PolicySummary> revoked = new ArrayList<>();
    for (PolicyRecord r : liveRecords()) {
      if (r.label().equals(label)) {
        revoked.add(nkms.revoke(r.hrac()));
      }
    }
    return new Deletion(entry.get().location(), result, revoked);
  }

  List<Share> share(BobCard bob, URI prefix, Instant expiry, int m, int n, Conditions conditions) {
    String p = ObjectIndex.canonical(prefix).toString();
    TreeSet<String> labels = new TreeSet<>();
    for (StoredObject o : listing().objects()) {
      if (o.location().toString().startsWith(p)) {
        labels.add(o.label());
      }
    }
    if (p.endsWith("/") && !"ipfs".equals(ObjectIndex.canonical(prefix).getScheme())) {
      labels.add(ObjectIndex.folderLabel(prefix));
    }
    if (labels.isEmpty()) {
      throw new NkmsException(
          Kind.INVALID_INPUT,
          "nothing this Alice wrote is under "
              + p
              + " (end a folder with / to share what is written into it later)");
    }
    List<Share> out = new ArrayList<>();
    for (String label : labels) {
      Optional<PolicyRecord> live =
          liveRecords().stream()
              .filter(r -> r.label().equals(label))
              .filter(r -> r.bobVerifyingKey().equals(bob.verifyingKey()))
              .findFirst();
      if (live.isPresent()) {
        PolicyRecord r = live.get();
        var terms = r.terms().terms();
        out.add(
            new Share(
                r.hrac(),
                label,
                terms.threshold(),
                terms.shares(),
                terms.expiry(),
                r.policy().orElseThrow().treasureMap().toBytes()));
      } else {
        out.add(nkms.share(bob, label, expiry, m, n, conditions));
      }
    }
    return out;
  }

  /** This Alice's active, unexpired policy records. */
  private List<PolicyRecord> liveRecords() {
    Instant now = clock.instant();
    List<PolicyRecord> out = new ArrayList<>();
    try {
      for (PolicyBook.Entry e : book.list()) {
        e.record
            .filter(r -> r.isLiveAt(now))
            .filter(r -> r.terms().terms().aliceVerifyingKey().equals(alice.verifyingKey()))
            .ifPresent(out::add);
      }
    } catch (IOException e) {
      throw new NkmsException(
          Kind.FAILED,
          "cannot read the policy records in " + book.dir() + ": " + e.getMessage(),
          List.of(),
          e);
    }
    return out;
  }

  private Optional<StoredObject> entry(URI location) {
    try {
      return index.find(location);
    } catch (IOException e) {
      throw indexProblem(e);
    }
  }

  private ObjectIndex.Listing listing() {
    try {
      return index.list();
    } catch (IOException e) {
      throw indexProblem(e);
    }
  }

  private NkmsException indexProblem(IOException e) {
    return new NkmsException(
        Kind.FAILED,
        e instanceof ObjectIndex.DamagedEntry
            ? e.getMessage()
            : "cannot read the object index " + index.dir() + ": " + e.getMessage(),
        List.of(),
        e);
  }
}
