// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.37;

import {StakingEscrow} from "./StakingEscrow.sol";

/// Policy payments (whitepaper Sec. III.C) and the leaked-key challenge. TO BE WRITTEN (see docs/chain.md).
contract PolicyManager {
    StakingEscrow public immutable staking;
    uint256 public immutable leakPenalty;          // c: collateral seized from a node that leaked its kfrag
    uint256 public immutable challengerRewardPpm;  // α in parts per million, α < 1

    constructor(StakingEscrow staking_, uint256 leakPenalty_, uint256 challengerRewardPpm_) {
        require(challengerRewardPpm_ < 1_000_000, "alpha must be below 1");
        staking = staking_;
        leakPenalty = leakPenalty_;
        challengerRewardPpm = challengerRewardPpm_;
    }
}
