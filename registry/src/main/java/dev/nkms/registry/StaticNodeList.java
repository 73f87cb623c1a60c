package dev.nkms.registry;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;

/**
 * A file of node metadata, one per line, hex-encoded ({@code # comments} allowed): how learners
 * persist the nodes they know. Every line is verified on load; for one address the newest metadata
 * wins.
 */
public final class StaticNodeList {
  private final List<NodeMetadata> nodes;

  private StaticNodeList(Collection<NodeMetadata> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  public static StaticNodeList of(Collection<NodeMetadata> nodes) {
    return new StaticNodeList(newestPerAddress(nodes).values());
  }

  public static StaticNodeList load(Path file) throws IOException, MalformedInputException {
    List<NodeMetadata> read = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      try {
        read.add(NodeMetadata.fromBytes(Hex.decode(l)));
      } catch (DecoderException e) {
        throw new MalformedInputException(file + " line " + lineNo + ": not hex");
      } catch (MalformedInputException e) {
        throw new MalformedInputException(file + " line " + lineNo + ": " + e.getMessage());
      }
    }
    return of(read);
  }

  /** Writes atomically (temp file + rename), so a reader never sees half a list. */
  public void save(Path file) throws IOException {
    StringBuilder sb =
        new StringBuilder("# nkms static node list: one signed node metadata per line (hex)\n");
    for (NodeMetadata n : nodes) {
      sb.append(Hex.toHexString(n.toBytes())).append('\n');
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Every node, in address order. */
  public List<NodeMetadata> nodes() {
    return nodes;
  }

  private static Map<NodeAddress, NodeMetadata> newestPerAddress(Collection<NodeMetadata> nodes) {
    TreeMap<NodeAddress, NodeMetadata> out = new TreeMap<>();
    for (NodeMetadata n : nodes) {
      out.merge(n.address(), n, (a, b) -> a.timestamp().isAfter(b.timestamp()) ? a : b);
    }
    return out;
  }
}
