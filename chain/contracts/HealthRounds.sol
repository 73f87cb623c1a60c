// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.37;

import {StakingEscrow} from "./StakingEscrow.sol";

/// Health-check rounds (whitepaper Sec. VI). TO BE WRITTEN (see docs/chain.md).
contract HealthRounds {
    StakingEscrow public immutable staking;
    uint256 public immutable roundBlocks; // h

    constructor(StakingEscrow staking_, uint256 roundBlocks_) {
        require(roundBlocks_ >= 4, "a round needs at least 4 blocks (commit and reveal halves)");
        staking = staking_;
        roundBlocks = roundBlocks_;
    }
}
