package dev.nkms.network.transport;

import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyStatus;
import dev.nkms.protocol.PolicyStatusQuery;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;

/**
 * One node, as a client sees it (docs/http-api.md). Implementations bound every call in time and
 * report every failure as a {@link NodeException}; answers are parsed but not checked against the
 * caller's expectations beyond what the wire format itself guarantees (callers verify signatures
 * against the node's key).
 */
public interface NodeApi {
  /** {@code GET /v1/metadata}: the node's current self-signed metadata. */
  NodeMetadata metadata() throws NodeException;

  /**
   * {@code POST /v1/node-metadata}: one learning round with this node as the teacher. The answer's
   * signature is checked against this node's key; the nodes in it are self-signed but not yet
   * checked against any registry.
   */
  MetadataResponse learn(MetadataRequest request) throws NodeException;

  /** {@code POST /v1/kfrags}: the node stores the kfrag durably before answering. */
  void deliver(KFragDelivery delivery) throws NodeException;

  /** {@code POST /v1/renew}: newer terms (same policy, higher revision). */
  void renew(SignedPolicyTerms terms) throws NodeException;

  /**
   * {@code POST /v1/reencrypt}: parsed, not yet verified (see {@link ReencryptionResponse#verify}).
   */
  ReencryptionResponse reencrypt(ReencryptionRequest request) throws NodeException;

  /**
   * {@code POST /v1/revoke}: parsed, not yet verified (see {@link RevocationReceipt#isSignedBy}).
   */
  RevocationReceipt revoke(RevocationOrder order) throws NodeException;

  /**
   * {@code POST /v1/policy-status}: what state the node says Alice's policy is in. Unlike the other
   * answers this one is checked here: signed by this node's key, naming the policy asked about and
   * this node; otherwise {@link NodeMisbehaved}.
   */
  PolicyStatus status(PolicyStatusQuery query) throws NodeException;
}
