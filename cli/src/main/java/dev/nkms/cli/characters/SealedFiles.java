package dev.nkms.cli.characters;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import dev.nkms.client.bob.InvalidTreasureMap;
import dev.nkms.client.bob.NotForThisBob;
import dev.nkms.client.bob.RetrievalException;
import dev.nkms.protocol.message.ChunkRejected;
import dev.nkms.protocol.message.MalformedSealedMessage;
import dev.nkms.protocol.message.NewerSealedMessage;
import dev.nkms.protocol.message.SealedMessageException;
import dev.nkms.protocol.message.TrailingData;
import dev.nkms.protocol.message.TruncatedPayload;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The one-line messages for sealed files and treasure maps that are not what they should be. */
final class SealedFiles {
  private SealedFiles() {}

  /**
   * A sealed file that does not open, as the user should read it; the library's detail goes under
   * --verbose.
   */
  static UserError error(Path in, SealedMessageException e) {
    String name = display(in);
    List<String> detail = List.of(e.getMessage());
    if (e instanceof NewerSealedMessage) {
      return new UserError(
          ExitCode.USAGE, name + " was made by a newer nkms; upgrade nkms to open it", detail);
    }
    if (e instanceof MalformedSealedMessage) {
      return new UserError(
          ExitCode.USAGE, name + " is not an nkms sealed file (or damaged)", detail);
    }
    if (e instanceof TruncatedPayload) {
      return new UserError(
          ExitCode.USAGE,
          name + " is cut short (damaged, or still being copied); nothing was" + " written",
          detail);
    }
    if (e instanceof TrailingData) {
      return new UserError(
          ExitCode.USAGE,
          name
              + " has data after its end (damaged, or files joined together);"
              + " nothing was written",
          detail);
    }
    if (e instanceof ChunkRejected) {
      return new UserError(
          ExitCode.USAGE,
          name
              + " is damaged: part "
              + ((ChunkRejected) e).chunkIndex()
              + " does not authenticate; nothing was written",
          detail);
    }
    return new UserError(ExitCode.USAGE, name + " does not open: " + e.getMessage());
  }

  /** A treasure map that did not open for this Bob. */
  static UserError mapError(Path map, Path keys, RetrievalException e) {
    List<String> detail = List.of(e.getMessage());
    if (e instanceof InvalidTreasureMap) {
      return new UserError(
          ExitCode.USAGE, map + " is a damaged treasure map; ask Alice to send it again", detail);
    }
    if (e instanceof NotForThisBob
        && ((NotForThisBob) e).reason() == NotForThisBob.Reason.DOES_NOT_OPEN) {
      // An authenticated cipher fails alike for a wrong key and for altered bytes: both causes are
      // possible.
      return new UserError(
          ExitCode.FAILED,
          map
              + " does not open with the keys in "
              + keys
              + ": it was made for"
              + " another Bob, or it is damaged; check --keys, or ask Alice for a map granted to your card",
          detail);
    }
    if (e instanceof NotForThisBob
        && ((NotForThisBob) e).reason() == NotForThisBob.Reason.SIGNED_FOR_ANOTHER_BOB) {
      return new UserError(
          ExitCode.FAILED,
          map
              + " is not for this Bob: Alice signed it for another Bob's card;"
              + " ask her for a map granted to yours",
          detail);
    }
    return new UserError(ExitCode.FAILED, e.getMessage());
  }

  /** A read or write that failed mid-stream (disk full, stdin closed, ...). */
  static UserError ioError(Path in, Path out, IOException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new UserError(
        ExitCode.FAILED,
        "reading "
            + display(in)
            + " or writing "
            + (dev.nkms.cli.files.Inputs.isStd(out) ? "stdout" : out.toString())
            + " failed: "
            + m
            + "; nothing was written");
  }

  static String display(Path p) {
    return dev.nkms.cli.files.Inputs.isStd(p) ? "stdin" : p.toString();
  }
}
