package dev.nkms.node.store;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Objects;

/**
 * The node's durable state in one SQLite file: the policies (terms + kfrag) it holds, the
 * revocations it has accepted, and the hash-chained access log. All SQL of the node lives in this
 * package; callers see typed values.
 *
 * <p>Layers: {@link SqliteEngine} (file, connections, transactions, durability) below {@link
 * SchemaMigrations} (the versioned schema) below one class per table ({@link PolicyTable}, {@link
 * RevocationTable}, {@link AccessLogTable}), each owning its SQL and row mapping. This class only
 * opens the file and hands out the tables; the operations that span tables (store, renew and revoke
 * a policy) are atomic inside {@link PolicyTable}.
 */
public final class NodeStore implements AutoCloseable {
  private final SqliteEngine engine;
  private final PolicyTable policies;
  private final RevocationTable revocations;
  private final AccessLogTable accessLog;

  private NodeStore(SqliteEngine engine, Clock clock) {
    this.engine = engine;
    this.policies = new PolicyTable(engine, clock);
    this.revocations = new RevocationTable(engine);
    this.accessLog = new AccessLogTable(engine);
  }

  /**
   * Opens (creating it 0600 if needed) and migrates the database at {@code dbFile}; stored_at uses
   * UTC time.
   */
  public static NodeStore open(Path dbFile) {
    return open(dbFile, Clock.systemUTC());
  }

  /**
   * As {@link #open(Path)}, with {@code clock} for the time a policy is stored and a renewal's
   * default "now".
   */
  public static NodeStore open(Path dbFile, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return new NodeStore(SqliteEngine.open(dbFile, SchemaMigrations::migrate), clock);
  }

  /** The policies held and the expired ones purged; storing, renewing and revoking them. */
  public PolicyTable policies() {
    return policies;
  }

  /** The revocations accepted (written by {@link PolicyTable#revoke}). */
  public RevocationTable revocations() {
    return revocations;
  }

  /** The hash-chained access log. */
  public AccessLogTable accessLog() {
    return accessLog;
  }

  /** How many rows each table holds, counted in one statement (so at one moment). */
  public StoreCounts counts() {
    return engine.read(
        "count rows",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT ("
                          + PolicyTable.COUNT
                          + "),"
                          + " ("
                          + RevocationTable.COUNT
                          + "), ("
                          + AccessLogTable.COUNT
                          + ")")) {
            rs.next();
            return new StoreCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
          }
        });
  }

  public Path file() {
    return engine.file();
  }

  /** Closes every connection after the operations in progress finish. Idempotent. */
  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "NodeStore[" + engine.file() + "]";
  }
}
