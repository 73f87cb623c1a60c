package dev.nkms.storage;

/** What {@link ObjectStore#delete} did. */
public enum DeleteResult {
  /** The object is gone from this back-end. */
  DELETED("deleted"),
  /** There was nothing at the location. */
  NOT_FOUND("nothing was stored there"),
  /**
   * Content addressing cannot unpublish: the local pin is removed, so this node may collect the
   * blocks, but copies that other IPFS nodes hold stay readable by anyone with the CID. Revoking
   * the policy is what stops decryption.
   */
  UNPINNED(
      "unpinned here; other IPFS nodes may still hold copies (revoking the policy is what stops decryption)");

  private final String description;

  DeleteResult(String description) {
    this.description = description;
  }

  /** One line for people. */
  public String description() {
    return description;
  }
}
