package dev.nkms.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on its own, with a one-table schema: transactions commit whole or not at all. */
class SqliteEngineTest {
  @TempDir Path dir;

  private SqliteEngine engine;

  @BeforeEach
  void open() {
    engine =
        SqliteEngine.open(
            dir.resolve("engine.db"),
            (c, file) -> SqliteEngine.exec(c, "CREATE TABLE IF NOT EXISTS t (v INTEGER NOT NULL)"));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void aCommittedTransactionIsSeenByReaders() {
    engine.inTransaction(
        "insert",
        c -> {
          SqliteEngine.exec(c, "INSERT INTO t VALUES (1)");
          SqliteEngine.exec(c, "INSERT INTO t VALUES (2)");
          return null;
        });
    assertThat(query("SELECT sum(v) FROM t")).isEqualTo(3);
  }

  @Test
  void aTransactionThatFailsLeavesNothingBehindAndNamesTheOperation() {
    assertThatThrownBy(
            () ->
                engine.inTransaction(
                    "insert two rows",
                    c -> {
                      SqliteEngine.exec(c, "INSERT INTO t VALUES (1)");
                      SqliteEngine.exec(c, "INSERT INTO t VALUES (NULL)"); // NOT NULL
                      return null;
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("insert two rows failed: ")
        .hasCauseInstanceOf(SQLException.class);
    assertThatThrownBy(
            () ->
                engine.inTransaction(
                    "give up",
                    c -> {
                      SqliteEngine.exec(c, "INSERT INTO t VALUES (1)");
                      throw new IllegalStateException("changed my mind");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(query("SELECT count(*) FROM t")).isZero();
    // The writer is usable again.
    engine.inTransaction(
        "insert",
        c -> {
          SqliteEngine.exec(c, "INSERT INTO t VALUES (7)");
          return null;
        });
    assertThat(query("SELECT count(*) FROM t")).isEqualTo(1);
  }

  @Test
  void readersCannotWrite() {
    assertThatThrownBy(
            () ->
                engine.read(
                    "sneak a write",
                    c -> {
                      SqliteEngine.exec(c, "INSERT INTO t VALUES (1)");
                      return null;
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("sneak a write failed: ");
  }

  private long query(String sql) {
    return engine.read("query", c -> SqliteEngine.queryLong(c, sql));
  }
}
