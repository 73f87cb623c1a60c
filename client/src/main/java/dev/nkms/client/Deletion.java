package dev.nkms.client;

import dev.nkms.storage.DeleteResult;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Nkms#delete} did: the object's fate in storage, and the policies it revoked because
 * they covered only this object (their summaries after revocation: {@link
 * PolicySummary#unconfirmed()} names the nodes to reach again with {@link Nkms#revoke}).
 */
public record Deletion(URI location, DeleteResult result, List<PolicySummary> revoked) {
  public Deletion {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(result, "result");
    revoked = List.copyOf(revoked);
  }
}
