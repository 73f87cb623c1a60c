package dev.nkms.crypto.umbral;

/** A capsule fragment whose proof and signature have been checked (or that a proxy just made). */
public final class VerifiedCapsuleFrag {
  private final CapsuleFrag cfrag;

  VerifiedCapsuleFrag(CapsuleFrag cfrag) {
    this.cfrag = cfrag;
  }

  public CapsuleFrag unverify() {
    return cfrag;
  }

  public byte[] toBytes() {
    return cfrag.toBytes();
  }

  public byte[] toBytesSimple() {
    return cfrag.toBytesSimple();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifiedCapsuleFrag && cfrag.equals(((VerifiedCapsuleFrag) o).cfrag);
  }

  @Override
  public int hashCode() {
    return cfrag.hashCode();
  }

  @Override
  public String toString() {
    return "Verified" + cfrag;
  }
}
