package dev.nkms.node.store;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.umbral.KeyFrag;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The node database's schema, as the versioned steps that build it: {@code PRAGMA user_version}
 * records how many a file has had, and opening a file applies the missing ones, each in its own
 * transaction. The tables' classes rely on the schema this produces; only this class creates or
 * alters tables.
 */
final class SchemaMigrations {
  /** The schema version this build writes. */
  static final int SCHEMA_VERSION = 2;

  /** 'nkms' in ASCII, so a foreign SQLite file is recognised as such rather than migrated. */
  static final int APPLICATION_ID = 0x6e6b6d73;

  private static final List<String> MIGRATION_1 =
      List.of(
          "PRAGMA application_id = " + APPLICATION_ID,
          // expiry: epoch seconds (as in the terms); stored_at: epoch milliseconds.
          "CREATE TABLE policies ("
              + " hrac BLOB PRIMARY KEY CHECK (length(hrac) = 16),"
              + " terms BLOB NOT NULL,"
              + " revision INTEGER NOT NULL CHECK (revision >= 0),"
              + " expiry INTEGER NOT NULL,"
              + " kfrag BLOB NOT NULL CHECK (length(kfrag) = "
              + KeyFrag.SERIALIZED_LENGTH
              + "),"
              + " stored_at INTEGER NOT NULL)",
          "CREATE INDEX policies_by_expiry ON policies (expiry)",
          // revoked_at: epoch milliseconds.
          "CREATE TABLE revocations ("
              + " hrac BLOB PRIMARY KEY CHECK (length(hrac) = 16),"
              + " revoked_at INTEGER NOT NULL,"
              + " order_bytes BLOB NOT NULL)",
          "CREATE TABLE access_log ("
              + " seq INTEGER PRIMARY KEY CHECK (seq >= 1),"
              + " at_ms INTEGER NOT NULL,"
              + " hrac BLOB NOT NULL CHECK (length(hrac) = 16),"
              + " requester BLOB NOT NULL CHECK (length(requester) = 33),"
              + " capsules INTEGER NOT NULL CHECK (capsules >= 0),"
              + " request_digest BLOB NOT NULL CHECK (length(request_digest) = 32),"
              + " prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),"
              + " hash BLOB NOT NULL CHECK (length(hash) = 32))",
          // Append-only by construction: the engine itself refuses edits; the hash chain catches
          // edits made around it.
          "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log"
              + " BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END",
          "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log"
              + " BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END");

  /**
   * Schema 2: policy ids commit to Alice's key (PTrm 2.0). Policies now record their Alice (for the
   * per-Alice quota and the checks that only she may renew or revoke); revocations record the Alice
   * whose order it was, whether the node ever held the policy (a tombstone for an id it never held
   * counts against her quota), and the revision and expiry it held; a purged expired policy leaves
   * a row in expired_policies so that it keeps reading as expired. Schema-1 policies carry PTrm 1.0
   * terms, which this build cannot read or serve: they are set aside in policies_v1 (kept, not
   * deleted) and must be granted again. Schema-1 revocations stay in force, with no Alice recorded.
   */
  private static final List<String> MIGRATION_2 =
      List.of(
          "DROP INDEX policies_by_expiry",
          "ALTER TABLE policies RENAME TO policies_v1",
          "CREATE TABLE policies ("
              + " hrac BLOB PRIMARY KEY CHECK (length(hrac) = 16),"
              + " terms BLOB NOT NULL,"
              + " revision INTEGER NOT NULL CHECK (revision >= 0),"
              + " expiry INTEGER NOT NULL,"
              + " kfrag BLOB NOT NULL CHECK (length(kfrag) = "
              + KeyFrag.SERIALIZED_LENGTH
              + "),"
              + " stored_at INTEGER NOT NULL,"
              + " alice BLOB NOT NULL CHECK (length(alice) = "
              + PublicKey.LENGTH
              + "))",
          "CREATE INDEX policies_by_expiry ON policies (expiry)",
          "CREATE INDEX policies_by_alice ON policies (alice)",
          "ALTER TABLE revocations ADD COLUMN alice BLOB CHECK (alice IS NULL OR length(alice) = "
              + PublicKey.LENGTH
              + ")",
          "ALTER TABLE revocations ADD COLUMN never_held INTEGER NOT NULL DEFAULT 0 CHECK (never_held IN (0, 1))",
          "ALTER TABLE revocations ADD COLUMN revision INTEGER",
          "ALTER TABLE revocations ADD COLUMN expiry INTEGER",
          "CREATE INDEX tombstones_by_alice ON revocations (alice) WHERE never_held = 1",
          // expiry: epoch seconds, as in the terms.
          "CREATE TABLE expired_policies ("
              + " hrac BLOB PRIMARY KEY CHECK (length(hrac) = 16),"
              + " alice BLOB NOT NULL CHECK (length(alice) = "
              + PublicKey.LENGTH
              + "),"
              + " revision INTEGER NOT NULL CHECK (revision >= 0),"
              + " expiry INTEGER NOT NULL)");

  /** Migration i takes a file from user_version i to i + 1. Never edit a released one; append. */
  static final List<List<String>> MIGRATIONS = List.of(MIGRATION_1, MIGRATION_2);

  private SchemaMigrations() {}

  /**
   * Refuses a foreign or newer file, then applies the migrations {@code c}'s file has not had yet,
   * one transaction each, so a failed step leaves the file at the version before it.
   */
  static void migrate(Connection c, Path file) throws SQLException {
    long appId = SqliteEngine.queryLong(c, "PRAGMA application_id");
    long version = SqliteEngine.queryLong(c, "PRAGMA user_version");
    if (appId != 0 && appId != APPLICATION_ID) {
      throw new StoreException(
          "database "
              + file
              + " belongs to another application (application_id "
              + appId
              + "), not an nkms node");
    }
    if (version > SCHEMA_VERSION) {
      throw new StoreException(
          "database "
              + file
              + " has schema version "
              + version
              + ", newer than this node supports ("
              + SCHEMA_VERSION
              + "); upgrade the node");
    }
    if (version > 0 && appId != APPLICATION_ID) {
      throw new StoreException("database " + file + " is not an nkms node database");
    }
    for (int v = (int) version; v < MIGRATIONS.size(); v++) {
      SqliteEngine.exec(c, "BEGIN IMMEDIATE");
      try {
        for (String sql : MIGRATIONS.get(v)) {
          SqliteEngine.exec(c, sql);
        }
        SqliteEngine.exec(c, "PRAGMA user_version = " + (v + 1));
        SqliteEngine.exec(c, "COMMIT");
      } catch (SQLException e) {
        SqliteEngine.rollbackQuietly(c);
        throw new StoreException(
            "database "
                + file
                + ": migration to schema version "
                + (v + 1)
                + " failed: "
                + e.getMessage(),
            e);
      }
    }
  }
}
