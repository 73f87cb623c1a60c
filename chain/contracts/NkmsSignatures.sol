// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.37;

/// nkms protocol signatures (docs/protocol.md §3.1) checked on chain: ECDSA over secp256k1 with SHA-256 of
/// "nkms/" ‖ purpose ‖ 0x00 ‖ payload, encoded r ‖ s (low-S). A node's address is the Ethereum address of its
/// verifying key, so ecrecover (trying both recovery ids) tells whether that node signed.
library NkmsSignatures {
    uint256 internal constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    function signedBy(string memory purpose, bytes memory payload, bytes32 r, bytes32 s, address signer)
        internal pure returns (bool)
    {
        if (signer == address(0) || uint256(r) == 0 || uint256(s) == 0 || uint256(s) > HALF_N) {
            return false;
        }
        bytes32 digest = sha256(abi.encodePacked("nkms/", purpose, bytes1(0x00), payload));
        return ecrecover(digest, 27, r, s) == signer || ecrecover(digest, 28, r, s) == signer;
    }
}
