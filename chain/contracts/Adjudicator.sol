// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.37;

import {StakingEscrow} from "./StakingEscrow.sol";
import {PolicyManager} from "./PolicyManager.sol";

/// Evidence of wrong re-encryptions, verified on chain. TO BE WRITTEN (see docs/chain.md).
contract Adjudicator {
    StakingEscrow public immutable staking;
    PolicyManager public immutable policies;
    uint256 public immutable penalty;                 // taken from the node's stake per proven wrong cfrag
    uint256 public immutable investigatorRewardPpm;   // the investigator's share of the penalty

    constructor(StakingEscrow staking_, PolicyManager policies_, uint256 penalty_, uint256 investigatorRewardPpm_) {
        require(investigatorRewardPpm_ <= 1_000_000, "the investigator's share is at most 100%");
        staking = staking_;
        policies = policies_;
        penalty = penalty_;
        investigatorRewardPpm = investigatorRewardPpm_;
    }
}
