package dev.nkms.client.alice;

import dev.nkms.client.internal.AtomicFiles;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.protocol.Hrac;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Alice's policy records on disk: one file {@code <hrac>.policy} per grant in one directory, each
 * written atomically (a temporary file made 0600 at creation, fsynced, moved over the old one) so a
 * crash leaves either the old record or the new one, never half of one. A record's file name never
 * changes; its state is inside.
 */
public final class PolicyBook {
  public static final String SUFFIX = ".policy";

  private final Path dir;

  public PolicyBook(Path dir) {
    this.dir = Objects.requireNonNull(dir);
  }

  public Path dir() {
    return dir;
  }

  /** The file a policy's record lives in. */
  public Path fileOf(Hrac hrac) {
    return dir.resolve(hrac.toHex() + SUFFIX);
  }

  /** Writes (creates or replaces) the record, durably (see {@link AtomicFiles#write}). */
  public Path save(PolicyRecord record) throws IOException {
    Path file = fileOf(record.hrac());
    AtomicFiles.write(file, record.toBytes());
    return file;
  }

  /**
   * Removes a policy's record, durably; true if there was one. Only for a policy that is over
   * (revoked at every node): the record holds its receipts.
   */
  public boolean remove(Hrac hrac) throws IOException {
    return AtomicFiles.delete(fileOf(hrac));
  }

  /** The record in {@code file} (any path, for `--policy FILE`). */
  public static PolicyRecord read(Path file) throws IOException, MalformedInputException {
    return PolicyRecord.fromBytes(readBounded(file));
  }

  private static byte[] readBounded(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException(file + " is a directory, not a policy file");
    }
    long size = Files.size(file);
    if (size > PolicyRecord.MAX_SIZE) {
      throw new IOException(file + " is " + size + " bytes, larger than any policy record");
    }
    return Files.readAllBytes(file);
  }

  /** The record of {@code hrac}, if this book has it. */
  public Optional<PolicyRecord> find(Hrac hrac) throws IOException, MalformedInputException {
    try {
      return Optional.of(read(fileOf(hrac)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** One entry of {@link #list()}: a record, or why its file could not be read. */
  public static final class Entry {
    public final Path file;
    public final Optional<PolicyRecord> record;
    public final Optional<String> problem;

    Entry(Path file, Optional<PolicyRecord> record, Optional<String> problem) {
      this.file = file;
      this.record = record;
      this.problem = problem;
    }
  }

  /**
   * Every record, by file name; a file that does not parse is listed with its problem, not skipped.
   */
  public List<Entry> list() throws IOException {
    List<Entry> out = new ArrayList<>();
    List<Path> files = AtomicFiles.listed(dir, SUFFIX);
    for (Path f : files) {
      try {
        out.add(new Entry(f, Optional.of(read(f)), Optional.empty()));
      } catch (MalformedInputException | IOException e) {
        out.add(new Entry(f, Optional.empty(), Optional.of(e.getMessage())));
      }
    }
    return out;
  }

  /**
   * Fails if a record for this policy exists already (policy ids are fresh per grant: a clash is a
   * bug).
   */
  void createNew(PolicyRecord record) throws IOException {
    if (Files.exists(fileOf(record.hrac()))) {
      throw new FileAlreadyExistsException(fileOf(record.hrac()).toString());
    }
    save(record);
  }
}
