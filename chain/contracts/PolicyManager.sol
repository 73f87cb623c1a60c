// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.37;

import {StakingEscrow} from "./StakingEscrow.sol";

/// Policy payments (whitepaper Sec. III.C) and the leaked-key challenge. TO BE WRITTEN (see docs/chain.md).
///
/// INTERIM (adjudicator branch): only what the Adjudicator reads — the keys hash recorded per policy. The full
/// PolicyManager replaces this file at merge with the same two signatures.
contract PolicyManager {
    StakingEscrow public immutable staking;
    uint256 public immutable leakPenalty;          // c: collateral seized from a node that leaked its kfrag
    uint256 public immutable challengerRewardPpm;  // α in parts per million, α < 1

    mapping(bytes16 => bytes32) private keysOf;

    constructor(StakingEscrow staking_, uint256 leakPenalty_, uint256 challengerRewardPpm_) {
        require(challengerRewardPpm_ < 1_000_000, "alpha must be below 1");
        staking = staking_;
        leakPenalty = leakPenalty_;
        challengerRewardPpm = challengerRewardPpm_;
    }

    /// Interim: records `keysHash` = keccak256(Alice's verifying key ‖ policy key ‖ Bob's key) for `hrac`, once.
    function createPolicy(bytes16 hrac, uint64 end, address[] calldata nodes, bytes32[] calldata kfragHashes,
        bytes32 keysHash_) external payable
    {
        require(hrac != bytes16(0), "no policy id");
        require(end > block.timestamp, "the policy must end in the future");
        require(nodes.length > 0 && nodes.length == kfragHashes.length, "one kfrag hash per node");
        require(keysHash_ != bytes32(0), "no keys hash");
        require(keysOf[hrac] == bytes32(0), "this policy id is taken");
        keysOf[hrac] = keysHash_;
    }

    /// keccak256(Alice's verifying key ‖ policy key ‖ Bob's key) of the policy, zero if unknown.
    function keysHash(bytes16 hrac) external view returns (bytes32) {
        return keysOf[hrac];
    }
}
