package dev.nkms.node.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.sqlite.SQLiteConfig;

/**
 * One owner-only SQLite file and its connections; knows nothing of the tables. The tables run their
 * SQL through {@link #inTransaction} (writes) and {@link #read} (reads).
 *
 * <p>Durability: WAL journal with {@code synchronous=FULL}, and every transaction commits before
 * {@link #inTransaction} returns, so an acknowledged write survives the process being killed (and,
 * with FULL, power loss). Concurrency: writes go through one connection, one at a time; reads use a
 * small pool of read-only connections and run beside the writer (WAL readers see the last committed
 * state).
 */
final class SqliteEngine implements AutoCloseable {
  static final int BUSY_TIMEOUT_MS = 5_000;
  private static final int READERS = 4;

  /**
   * Work on one connection; the engine supplies the connection and turns an {@link SQLException}
   * into a failure.
   */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Brings a freshly opened file to the schema its user expects, on the writer, before any reader
   * opens.
   */
  @FunctionalInterface
  interface Schema {
    void migrate(Connection writer, Path file) throws SQLException;
  }

  private final Path file;
  private final Connection writer;
  private final BlockingQueue<Connection> readers;
  private final ReentrantLock writeLock = new ReentrantLock();

  /**
   * Operations hold the read side; close takes the write side, so no operation ever sees a closed
   * connection.
   */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

  private boolean closed;

  private SqliteEngine(Path file, Connection writer, BlockingQueue<Connection> readers) {
    this.file = file;
    this.writer = writer;
    this.readers = readers;
  }

  /**
   * Opens (creating it 0600 if needed) the database at {@code dbFile} in WAL mode and applies
   * {@code schema}.
   */
  static SqliteEngine open(Path dbFile, Schema schema) {
    Path file = dbFile.toAbsolutePath();
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new StoreException(
          "cannot open database " + file + ": directory " + dir + " does not exist");
    }
    createOwnerOnly(file);
    List<Connection> opened = new ArrayList<>();
    try {
      Connection writer = connect(file, false);
      opened.add(writer);
      String mode = queryString(writer, "PRAGMA journal_mode");
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new StoreException(
            "database "
                + file
                + " could not be switched to WAL mode (it is in '"
                + mode
                + "' mode); is it on a network file system?");
      }
      schema.migrate(writer, file);
      BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
      for (int i = 0; i < READERS; i++) {
        Connection r = connect(file, true);
        opened.add(r);
        readers.add(r);
      }
      return new SqliteEngine(file, writer, readers);
    } catch (SQLException | RuntimeException e) {
      for (Connection c : opened) {
        closeQuietly(c);
      }
      if (e instanceof StoreException) {
        throw (StoreException) e;
      }
      throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
    }
  }

  private static void createOwnerOnly(Path file) {
    // The file holds kfrags. Created 0600 before SQLite sees it; SQLite gives its -wal and -shm
    // files the same mode.
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      // An existing database: keep it as it is.
    } catch (UnsupportedOperationException e) {
      throw new StoreException(
          "cannot create database "
              + file
              + ": the file system does not support POSIX "
              + "permissions, so it could not be made owner-only");
    } catch (IOException e) {
      throw new StoreException("cannot create database " + file + ": " + e, e);
    }
  }

  private static Connection connect(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    if (!readOnly) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setReadOnly(readOnly);
    return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
  }

  /**
   * Runs {@code work} in its own IMMEDIATE transaction on the single writer and commits before
   * returning; rolls back if it throws. {@code what} names the operation in the error.
   */
  <T> T inTransaction(String what, Work<T> work) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      writeLock.lock();
      try {
        exec(writer, "BEGIN IMMEDIATE");
        boolean committed = false;
        try {
          T result = work.run(writer);
          exec(writer, "COMMIT");
          committed = true;
          return result;
        } finally {
          if (!committed) {
            rollbackQuietly(writer);
          }
        }
      } finally {
        writeLock.unlock();
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /**
   * Runs {@code work} on a pooled read-only connection; each statement sees the last committed
   * state.
   */
  <T> T read(String what, Work<T> work) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      Connection c;
      try {
        c = readers.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException(what + " interrupted while waiting for a database connection");
      }
      try {
        return work.run(c);
      } finally {
        readers.add(c);
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  Path file() {
    return file;
  }

  /** Closes every connection after the operations in progress finish. Idempotent. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      List<Connection> all = new ArrayList<>(readers);
      readers.clear();
      all.add(writer);
      SQLException first = null;
      for (Connection c : all) {
        try {
          c.close();
        } catch (SQLException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw new StoreException("closing database " + file + ": " + first.getMessage(), first);
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("database " + file + " is closed");
    }
  }

  // ------------------------------------------------------------------------------------------------ JDBC one-liners

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String queryString(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static void rollbackQuietly(Connection c) {
    try {
      exec(c, "ROLLBACK");
    } catch (SQLException ignored) {
      // No transaction left to roll back (SQLite already rolled back on the error); the original
      // error is reported.
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Already failing to open; the first error is the one reported.
    }
  }
}
