package dev.nkms.client.bob;

import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.message.MalformedSealedMessage;
import dev.nkms.protocol.message.SealedMessage;
import dev.nkms.protocol.message.SealedMessageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A successful retrieval: one opened data key per message kit (kept inside; use {@link #decrypt}),
 * the nodes found misbehaving on the way with the evidence, and the {@link RetrievalState} to build
 * on for later kits.
 */
public final class Retrieval {
  private final Hrac hrac;
  private final List<MessageKit> kits;
  private final List<byte[]> deks;
  private final RetrievalState state;

  Retrieval(Hrac hrac, List<MessageKit> kits, List<byte[]> deks, RetrievalState state) {
    if (kits.size() != deks.size()) {
      throw new IllegalArgumentException("one data key per kit");
    }
    this.hrac = hrac;
    this.kits = List.copyOf(kits);
    List<byte[]> copy = new ArrayList<>();
    deks.forEach(d -> copy.add(d.clone()));
    this.deks = copy;
    this.state = state;
  }

  public Hrac hrac() {
    return hrac;
  }

  /** How many kits were retrieved (the order is the order they were given in). */
  public int size() {
    return kits.size();
  }

  public MessageKit kit(int kitIndex) {
    return kits.get(kitIndex);
  }

  /**
   * Decrypts the chunks of kit {@code kitIndex} (the stream positioned after the sealed message's
   * header). Each chunk is written only after it authenticated; see {@link
   * SealedMessage#decryptPayload}.
   */
  public void decrypt(int kitIndex, InputStream chunks, OutputStream out)
      throws IOException, SealedMessageException {
    SealedMessage.decryptPayload(deks.get(kitIndex), kits.get(kitIndex), chunks, out);
  }

  /** Decrypts a whole sealed message in memory; its header must be kit {@code kitIndex}. */
  public byte[] decrypt(int kitIndex, byte[] sealedMessage) throws SealedMessageException {
    try {
      ByteArrayInputStream in = new ByteArrayInputStream(sealedMessage);
      MessageKit header = SealedMessage.readHeader(in);
      if (!header.equals(kits.get(kitIndex))) {
        throw new MalformedSealedMessage(
            "this sealed message's header is not kit " + kitIndex + " of the retrieval");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      decrypt(kitIndex, in, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory streams do not fail", e);
    }
  }

  /** Nodes dropped for a wrong answer (in this or an earlier, resumed attempt), and why. */
  public Map<NodeAddress, String> misbehavingNodes() {
    return state.misbehavingNodes();
  }

  public List<Evidence> evidence() {
    return state.evidence();
  }

  public RetrievalState state() {
    return state;
  }

  @Override
  public String toString() {
    return "Retrieval[" + hrac + ", " + kits.size() + " kits]";
  }
}
