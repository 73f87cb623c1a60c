package dev.nkms.node;

import dev.nkms.network.learning.Learner;
import dev.nkms.node.http.NodeServer;
import dev.nkms.node.service.RefusedException;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Objects;

/** {@code POST /v1/node-metadata}: one learner's round with this node as its teacher. */
final class TeacherEndpoint implements NodeServer.Teacher {
  private final Learner learner;

  TeacherEndpoint(Learner learner) {
    this.learner = Objects.requireNonNull(learner);
  }

  @Override
  public byte[] answer(byte[] body) throws RefusedException {
    MetadataRequest request;
    try {
      request = MetadataRequest.fromBytes(body);
    } catch (WireFormatException e) {
      throw new RefusedException(
          e instanceof BadSignatureException ? ErrorCode.BAD_SIGNATURE : ErrorCode.MALFORMED,
          e.getMessage());
    }
    return learner.answer(request).toBytes();
  }
}
