package dev.nkms.network.testing;

import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeException;
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
import java.util.Objects;

/**
 * Passes every call on to another node's API; a test overrides the calls it records, holds back or
 * answers itself.
 */
public class ForwardingNodeApi implements NodeApi {
  private final NodeApi delegate;

  public ForwardingNodeApi(NodeApi delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public NodeMetadata metadata() throws NodeException {
    return delegate.metadata();
  }

  @Override
  public MetadataResponse learn(MetadataRequest request) throws NodeException {
    return delegate.learn(request);
  }

  @Override
  public void deliver(KFragDelivery delivery) throws NodeException {
    delegate.deliver(delivery);
  }

  @Override
  public void renew(SignedPolicyTerms terms) throws NodeException {
    delegate.renew(terms);
  }

  @Override
  public ReencryptionResponse reencrypt(ReencryptionRequest request) throws NodeException {
    return delegate.reencrypt(request);
  }

  @Override
  public RevocationReceipt revoke(RevocationOrder order) throws NodeException {
    return delegate.revoke(order);
  }

  @Override
  public PolicyStatus status(PolicyStatusQuery query) throws NodeException {
    return delegate.status(query);
  }
}
