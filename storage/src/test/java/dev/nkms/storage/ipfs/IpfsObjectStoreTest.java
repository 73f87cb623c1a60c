package dev.nkms.storage.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.storage.CuttingProxy;
import dev.nkms.storage.DeleteResult;
import dev.nkms.storage.InvalidLocationException;
import dev.nkms.storage.ObjectNotFoundException;
import dev.nkms.storage.ObjectStore;
import dev.nkms.storage.ObjectStoreContract;
import dev.nkms.storage.Storage;
import dev.nkms.storage.StorageFailedException;
import dev.nkms.storage.StorageSettings;
import dev.nkms.storage.StorageUnreachableException;
import dev.nkms.storage.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract against a real IPFS daemon (js-ipfs, offline) on loopback. */
class IpfsObjectStoreTest extends ObjectStoreContract {
  /** A well-formed CIDv1 (raw, sha2-256) for the malformed variants below. */
  static final String CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

  @TempDir static Path dir;
  static IpfsTestServer server;
  static IpfsObjectStore store;
  static final List<CuttingProxy> proxies = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    server = IpfsTestServer.start(dir.resolve("repo"));
    store = server.open();
  }

  @AfterAll
  static void stop() throws IOException {
    for (CuttingProxy p : proxies) {
      p.close();
    }
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected boolean contentAddressed() {
    return true;
  }

  @Override
  protected DeleteResult deletedResult() {
    return DeleteResult.UNPINNED;
  }

  @Override
  protected URI freshLocation(String name) {
    return URI.create("ipfs:/"); // the bare scheme; java.net.URI cannot hold "ipfs:" alone
  }

  @Override
  protected URI missingLocation() {
    // The CID of bytes never put, computed by the daemon without storing them.
    try {
      return store.locationOf(
          new ByteArrayInputStream(uniqueName("never-stored").getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected List<URI> malformedLocations() {
    return List.of(
        URI.create("ipfs://not-a-cid"),
        URI.create("ipfs://QmShort"),
        URI.create("ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbd0"), // '0' is not base58
        URI.create("ipfs://" + CID.toUpperCase(java.util.Locale.ROOT)),
        URI.create(
            "ipfs://"
                + CID.substring(0, CID.length() - 4)), // cut short: the multihash is incomplete
        URI.create("ipfs://zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA"), // base58 CIDv1: not
        // accepted
        URI.create("ipfs://" + CID + "/file"),
        URI.create("ipfs://" + CID + "?filename=x"),
        URI.create("ipfs://" + CID + "#part"),
        URI.create("ipfs:" + CID),
        URI.create("s3://bucket/" + CID));
  }

  @Override
  protected Optional<ObjectStore> unreachableStore() {
    return Optional.of(new IpfsStoreProvider().open(IpfsTestServer.settingsFor(freePort())));
  }

  @Override
  protected Optional<ObjectStore> storeCuttingAnswersAfter(long bytes) {
    try {
      CuttingProxy proxy = new CuttingProxy(server.address(), bytes);
      proxies.add(proxy);
      return Optional.of(new IpfsStoreProvider().open(IpfsTestServer.settingsFor(proxy.port())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aPutNamesItsContentAsABase32CidV1() throws Exception {
    byte[] data = TestData.bytes(20, 3000);
    URI at = store.put(URI.create("ipfs:///"), new ByteArrayInputStream(data));
    assertThat(at.toString()).matches("ipfs://b[a-z2-7]+");
    assertThat(store.put(URI.create("ipfs:/"), new ByteArrayInputStream(data))).isEqualTo(at);
    assertThat(store.locationOf(new ByteArrayInputStream(data))).isEqualTo(at);
  }

  @Test
  void aPutThatFailsMidwayPinsNothing() throws Exception {
    Set<String> before = server.recursivePins();
    assertThatThrownBy(
            () ->
                store.put(
                    URI.create("ipfs:/"), TestData.stream(3, largeObjectSize(), 6L * 1024 * 1024)))
        .isInstanceOf(StorageFailedException.class)
        .hasMessageContaining("nothing was stored");
    assertThat(server.recursivePins()).isEqualTo(before);
  }

  @Test
  void aPutToAnythingButTheBareSchemeIsInvalidLocation() {
    for (String where : List.of("ipfs://" + CID, "ipfs:/x", "ipfs:/?x=1", "ipfs:/#x")) {
      assertThatThrownBy(() -> store.put(URI.create(where), new ByteArrayInputStream(new byte[1])))
          .as(where)
          .isInstanceOf(InvalidLocationException.class);
    }
  }

  @Test
  void anInvalidCidIsInvalidLocationForEveryVerb() {
    URI bad = URI.create("ipfs://bafkreiNOTBASE32");
    assertThatThrownBy(() -> store.get(bad))
        .isInstanceOf(InvalidLocationException.class)
        .hasMessageContaining("is not a CID");
    assertThatThrownBy(() -> store.exists(bad)).isInstanceOf(InvalidLocationException.class);
    assertThatThrownBy(() -> store.delete(bad)).isInstanceOf(InvalidLocationException.class);
  }

  @Test
  void aCidV0IsAcceptedAsALocation() throws Exception {
    URI v0 = URI.create("ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG");
    assertThat(store.exists(v0)).isFalse();
    assertThatThrownBy(() -> store.get(v0))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("nothing is stored at " + v0);
  }

  @Test
  void deleteUnpinsAndSaysOtherNodesMayHoldCopies() throws Exception {
    URI at = store.put(URI.create("ipfs:/"), new ByteArrayInputStream(TestData.bytes(21, 500)));
    DeleteResult result = store.delete(at);
    assertThat(result).isEqualTo(DeleteResult.UNPINNED);
    assertThat(result.description()).contains("other IPFS nodes may still hold copies");
    assertThat(server.recursivePins()).doesNotContain(at.getAuthority());
    // The blocks may still be in the repo until garbage collection; unpinned, they do not count as
    // stored.
    assertThatThrownBy(() -> store.get(at)).isInstanceOf(ObjectNotFoundException.class);
    assertThat(store.delete(at)).isEqualTo(DeleteResult.NOT_FOUND);
  }

  @Test
  void everyVerbOnAnUnreachableDaemonSaysItDidNotAnswer() throws Exception {
    URI missing = missingLocation();
    try (ObjectStore s = unreachableStore().orElseThrow()) {
      assertThatThrownBy(() -> s.exists(missing))
          .isInstanceOf(StorageUnreachableException.class)
          .hasMessageContaining("did not answer");
      assertThatThrownBy(() -> s.delete(missing))
          .isInstanceOf(StorageUnreachableException.class)
          .hasMessageContaining("did not answer");
    }
  }

  @Test
  void storageFindsTheBackEndByItsScheme() throws Exception {
    try (Storage storage = Storage.load(IpfsTestServer.settingsFor(server.port()))) {
      assertThat(storage.schemes()).contains("ipfs");
      byte[] data = TestData.bytes(22, 100);
      URI at = storage.put(URI.create("ipfs:/"), new ByteArrayInputStream(data));
      try (InputStream in = storage.get(at)) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
    }
  }

  @Test
  void settingsAreCheckedAtOpen() {
    for (String bad :
        List.of("ftp://x", "http://", "http://h:1/api", "http://h:1?x", "localhost:5001")) {
      assertThatThrownBy(
              () -> new IpfsStoreProvider().open(StorageSettings.of(Map.of("ipfs.api", bad))))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("http(s)://host[:port]");
    }
    assertThat(IpfsOptions.from(StorageSettings.none()).api())
        .isEqualTo(URI.create("http://127.0.0.1:5001"));
    assertThat(IpfsOptions.from(StorageSettings.of(Map.of("ipfs.api", "http://h:1/"))).api())
        .isEqualTo(URI.create("http://h:1"));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
