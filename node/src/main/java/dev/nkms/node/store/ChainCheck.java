package dev.nkms.node.store;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of checking the access log's hash chain. {@code entries} counts the entries found
 * intact (all of them when valid). A chain only proves the log has not been edited or cut in the
 * middle: an attacker who rewrites every later hash, or drops entries from the end, is caught only
 * by comparing with a head hash kept elsewhere.
 */
public record ChainCheck(long entries, OptionalLong firstBrokenSeq, Optional<String> problem) {
  public ChainCheck {
    Objects.requireNonNull(firstBrokenSeq);
    Objects.requireNonNull(problem);
    if (firstBrokenSeq.isPresent() != problem.isPresent()) {
      throw new IllegalArgumentException("a broken chain needs both a seq and a problem");
    }
  }

  static ChainCheck valid(long entries) {
    return new ChainCheck(entries, OptionalLong.empty(), Optional.empty());
  }

  static ChainCheck broken(long entries, long seq, String problem) {
    return new ChainCheck(entries, OptionalLong.of(seq), Optional.of(problem));
  }

  public boolean isValid() {
    return firstBrokenSeq.isEmpty();
  }
}
