package dev.nkms.node.config;

/**
 * The files in a node's data directory, named once for the node that reads them and the tools that
 * make or watch them ({@code nkms node init}, local networks).
 */
public final class NodeDataDir {
  /** The node's encrypted keystore (0600). */
  public static final String KEYSTORE = "node.keystore";

  /** Optional settings; environment variables and flags override them. */
  public static final String CONFIG = "node.yaml";

  /**
   * The node's signed metadata, hex, written (atomically) once it serves: how a launcher knows it
   * is up.
   */
  public static final String METADATA = "metadata.hex";

  /** The SQLite store: policies, revocations, the access log. */
  public static final String DATABASE = "node.db";

  /** The nodes it learned, kept for a restart. */
  public static final String KNOWN_NODES = "known-nodes";

  private NodeDataDir() {}
}
