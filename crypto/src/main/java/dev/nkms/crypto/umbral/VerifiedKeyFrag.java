package dev.nkms.crypto.umbral;

/**
 * A key fragment whose commitment and signature have been checked: the only thing {@link
 * Umbral#reencrypt} takes.
 */
public final class VerifiedKeyFrag {
  private final KeyFrag kfrag;

  VerifiedKeyFrag(KeyFrag kfrag) {
    this.kfrag = kfrag;
  }

  public KeyFrag unverify() {
    return kfrag;
  }

  /** Same bytes as the unverified form (the reference serializes both identically). */
  public byte[] toBytes() {
    return kfrag.toBytes();
  }

  public byte[] id() {
    return kfrag.id();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifiedKeyFrag && kfrag.equals(((VerifiedKeyFrag) o).kfrag);
  }

  @Override
  public int hashCode() {
    return kfrag.hashCode();
  }

  @Override
  public String toString() {
    return "Verified" + kfrag;
  }
}
