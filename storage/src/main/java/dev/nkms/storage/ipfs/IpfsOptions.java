package dev.nkms.storage.ipfs;

import dev.nkms.storage.StorageSettings;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The IPFS back-end's settings, parsed and checked once (see {@link IpfsStoreProvider} for the
 * key).
 */
record IpfsOptions(URI api) {
  static final String DEFAULT_API = "http://127.0.0.1:5001";

  static IpfsOptions from(StorageSettings s) {
    return new IpfsOptions(api(s.get("ipfs.api").orElse(DEFAULT_API)));
  }

  /** {@code http(s)://host[:port]}, without the trailing slash, so RPC paths can be appended. */
  private static URI api(String text) {
    try {
      URI uri = new URI(text.trim());
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      boolean bare =
          (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null
              && uri.getRawUserInfo() == null;
      if (http && uri.getHost() != null && bare) {
        return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
      }
    } catch (URISyntaxException e) {
      // the message below says what is wanted
    }
    throw new IllegalArgumentException(
        "ipfs.api must be the daemon's RPC address as http(s)://host[:port], not '" + text + "'");
  }
}
