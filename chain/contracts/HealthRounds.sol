// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.37;

import {StakingEscrow} from "./StakingEscrow.sol";

/// Health-check rounds (whitepaper Sec. VI).
///
/// A round is opened by anyone at least h blocks after the previous one. From seed = blockhash(open − 1) it picks,
/// among the N nodes staking at least the minimum, k = ⌈√N⌉ nodes to check (smallest Hamming distance of the address
/// to the seed's low 160 bits, ties to the smaller address) and up to k other nodes as checkers (same rule against
/// keccak256(seed)). Checkers commit to a verdict bitmap in the first h/2 blocks, reveal it in the next h/2, and from
/// open + h anyone closes: each checked node is unhealthy iff the stake of checkers who revealed "unhealthy" exceeds
/// the stake of those who revealed "healthy". Checkers who revealed exactly the decided bitmap share the health pool.
contract HealthRounds {
    enum Phase { Commit, Reveal, Closable, Closed }

    struct Round {
        uint64 openBlock;
        bool closed;
        uint256 unhealthy;          // bit i: checked[i] judged unhealthy (valid once closed)
        address[] checked;          // nodes
        address[] checkers;         // nodes
        address[] checkerOperators; // checkerOperators[i] = staking.operatorOf(checkers[i]) (a binding never changes)
    }

    struct Ballot {
        bytes32 commitment;
        uint256 verdicts;
        bool revealed;
    }

    StakingEscrow public immutable staking;
    uint256 public immutable roundBlocks; // h

    uint256 public latestRound; // rounds are numbered from 1; 0 = none opened yet
    mapping(uint256 => Round) private rounds_;
    mapping(uint256 => mapping(uint256 => Ballot)) private ballots_; // round → checker seat → ballot

    event RoundOpened(uint256 indexed round, uint256 openBlock, bytes32 seed, address[] checked, address[] checkers);
    event Committed(uint256 indexed round, address indexed operator);
    event Revealed(uint256 indexed round, address indexed operator, uint256 verdicts);
    event Verdict(uint256 indexed round, address indexed node, bool unhealthy, uint256 weightUnhealthy,
        uint256 weightHealthy);
    event RoundClosed(uint256 indexed round, uint256 unhealthy, address[] paidOperators, uint256 paid);

    constructor(StakingEscrow staking_, uint256 roundBlocks_) {
        require(roundBlocks_ >= 4, "a round needs at least 4 blocks (commit and reveal halves)");
        staking = staking_;
        roundBlocks = roundBlocks_;
    }

    // ---------------------------------------------------------------- rounds

    /// Opens the next round (anyone, at least h blocks after the previous one opened) and picks its checked nodes and
    /// checkers from the registry as of now.
    function openRound() external returns (uint256 round) {
        uint256 prev = latestRound;
        require(prev == 0 || block.number >= rounds_[prev].openBlock + roundBlocks,
            "the previous round opened less than h blocks ago");
        bytes32 seed = blockhash(block.number - 1);

        (address[] memory ops, address[] memory nodes, uint256[] memory amounts,) =
            staking.stakes(0, staking.operatorCount());
        (uint256[] memory checkedKeys, uint256[] memory checkerKeys) = _select(seed, nodes, amounts);

        round = prev + 1;
        latestRound = round;
        Round storage r = rounds_[round];
        r.openBlock = uint64(block.number);
        for (uint256 j = 0; j < checkedKeys.length; j++) {
            r.checked.push(nodes[uint32(checkedKeys[j])]);
        }
        for (uint256 j = 0; j < checkerKeys.length; j++) {
            uint256 i = uint32(checkerKeys[j]);
            r.checkers.push(nodes[i]);
            r.checkerOperators.push(ops[i]);
        }
        emit RoundOpened(round, block.number, seed, r.checked, r.checkers);
    }

    /// Commits keccak256(abi.encode(round, sender, verdicts, salt)); once per checker, in the commit phase, sent by
    /// the checker node or its operator (the same account must reveal: the commitment binds the sender).
    function commit(uint256 round, bytes32 commitment) external {
        Round storage r = _round(round);
        require(_phase(r) == Phase.Commit, "not the commit phase");
        require(commitment != bytes32(0), "empty commitment");
        address operator = staking.operatorFor(msg.sender);
        Ballot storage b = ballots_[round][_seat(r, operator)];
        require(b.commitment == bytes32(0), "already committed");
        b.commitment = commitment;
        emit Committed(round, operator);
    }

    /// Opens the commitment: bit i of `verdicts` set means checked[i] is unhealthy.
    function reveal(uint256 round, uint256 verdicts, bytes32 salt) external {
        Round storage r = _round(round);
        require(_phase(r) == Phase.Reveal, "not the reveal phase");
        address operator = staking.operatorFor(msg.sender);
        Ballot storage b = ballots_[round][_seat(r, operator)];
        require(b.commitment != bytes32(0), "nothing committed");
        require(!b.revealed, "already revealed");
        require(verdicts >> r.checked.length == 0, "verdict bits beyond the checked nodes");
        require(keccak256(abi.encode(round, msg.sender, verdicts, salt)) == b.commitment,
            "the reveal does not match the commitment");
        b.verdicts = verdicts;
        b.revealed = true;
        emit Revealed(round, operator, verdicts);
    }

    /// Decides every checked node by revealed stake, records the checks (an unhealthy node forfeits its reward since
    /// its previous check to the pool) and pays the pool to the revealers who agreed with every decision.
    function closeRound(uint256 round) external {
        Round storage r = _round(round);
        require(!r.closed, "the round is already closed");
        require(block.number >= r.openBlock + roundBlocks, "the round is not over");
        r.closed = true;

        uint256 seats = r.checkers.length;
        uint256[] memory weights = new uint256[](seats);    // 0 for a checker who did not reveal
        uint256[] memory votes = new uint256[](seats);
        for (uint256 c = 0; c < seats; c++) {
            Ballot storage b = ballots_[round][c];
            if (!b.revealed) continue;
            weights[c] = staking.stakeOfOperator(r.checkerOperators[c]);
            votes[c] = b.verdicts;
        }
        uint256 decided;
        uint256 k = r.checked.length;
        for (uint256 i = 0; i < k; i++) {
            uint256 against;
            uint256 infavour;
            for (uint256 c = 0; c < seats; c++) {
                if ((votes[c] >> i) & 1 == 1) against += weights[c];
                else infavour += weights[c];
            }
            bool unhealthy = against > infavour;
            if (unhealthy) decided |= 1 << i;
            address node = r.checked[i];
            staking.recordCheck(node, unhealthy);
            emit Verdict(round, node, unhealthy, against, infavour);
        }
        r.unhealthy = decided;

        address[] memory majority = new address[](seats);
        uint256 count;
        for (uint256 c = 0; c < seats; c++) {
            if (ballots_[round][c].revealed && votes[c] == decided) majority[count++] = r.checkerOperators[c];
        }
        assembly { mstore(majority, count) } // shrink to the agreeing operators
        uint256 paid = count > 0 ? staking.payCheckers(majority) : 0;
        emit RoundClosed(round, decided, majority, paid);
    }

    // ---------------------------------------------------------------- views

    /// The round's opening block, its checked nodes (bit i of a verdict refers to checked[i]), its checkers (nodes)
    /// and their operators, and its phase as of the block the call runs in.
    function roundInfo(uint256 round)
        external view
        returns (uint64 openBlock, address[] memory checked, address[] memory checkers,
            address[] memory checkerOperators, Phase phase)
    {
        Round storage r = _round(round);
        return (r.openBlock, r.checked, r.checkers, r.checkerOperators, _phase(r));
    }

    /// Whether the checker `who` (a checker node or its operator) has committed and revealed in `round`, and what
    /// it revealed.
    function ballotOf(uint256 round, address who)
        external view returns (bool committed, bool revealed, uint256 verdicts)
    {
        Round storage r = _round(round);
        Ballot storage b = ballots_[round][_seat(r, staking.operatorFor(who))];
        return (b.commitment != bytes32(0), b.revealed, b.verdicts);
    }

    /// The decided bitmap of a closed round: bit i set means checked[i] was judged unhealthy.
    function verdictsOf(uint256 round) external view returns (uint256) {
        Round storage r = _round(round);
        require(r.closed, "the round is not closed");
        return r.unhealthy;
    }

    // ---------------------------------------------------------------- internals

    function _round(uint256 round) private view returns (Round storage r) {
        require(round >= 1 && round <= latestRound, "no such round");
        return rounds_[round];
    }

    function _phase(Round storage r) private view returns (Phase) {
        if (r.closed) return Phase.Closed;
        uint256 elapsed = block.number - r.openBlock;
        if (elapsed < roundBlocks / 2) return Phase.Commit;
        if (elapsed < roundBlocks) return Phase.Reveal;
        return Phase.Closable;
    }

    function _seat(Round storage r, address operator) private view returns (uint256) {
        address[] storage ops = r.checkerOperators;
        for (uint256 c = 0; c < ops.length; c++) {
            if (ops[c] == operator) return c;
        }
        revert("only the round's checkers vote");
    }

    /// Sort keys of the checked nodes and of the checkers, ascending; a key's low 32 bits index the stakes arrays.
    function _select(bytes32 seed, address[] memory nodes, uint256[] memory amounts)
        private view returns (uint256[] memory checkedKeys, uint256[] memory checkerKeys)
    {
        uint256 minimum = staking.minimumStake();
        // Sort key: distance (8 bits) ‖ address (160) ‖ index into the stakes arrays (32). One uint256 comparison
        // orders by distance, then address (unique, so the index never decides).
        uint160 target = uint160(uint256(seed));
        uint256[] memory keys = new uint256[](nodes.length);
        uint256 n;
        for (uint256 i = 0; i < nodes.length; i++) {
            if (amounts[i] < minimum) continue; // withdrawn or slashed below the minimum
            keys[n++] = _key(nodes[i], target, i);
        }
        require(n >= 2, "not enough nodes");
        uint256 k = 1;
        while (k * k < n) k++;
        require(k <= 256, "too many nodes for one round"); // verdicts are one 256-bit word

        checkedKeys = _smallest(keys, n, k);
        uint256 threshold = checkedKeys[k - 1]; // a node is checked iff its key is at most this
        target = uint160(uint256(keccak256(abi.encode(seed))));
        uint256 m;
        for (uint256 j = 0; j < n; j++) { // re-keys the unchecked nodes in place, in front of the array
            if (keys[j] <= threshold) continue;
            uint256 i = uint32(keys[j]);
            keys[m++] = _key(nodes[i], target, i);
        }
        checkerKeys = _smallest(keys, m, m < k ? m : k);
    }

    function _key(address node, uint160 target, uint256 index) private pure returns (uint256) {
        uint256 distance = _popcount(uint160(node) ^ target);
        return distance << 192 | uint256(uint160(node)) << 32 | index;
    }

    /// The `count` smallest of keys[0..n) in ascending order (insertion into a sorted prefix: O(n·count), and n is
    /// the registry size while count is about √n).
    function _smallest(uint256[] memory keys, uint256 n, uint256 count) private pure returns (uint256[] memory best) {
        best = new uint256[](count);
        if (count == 0) return best;
        uint256 filled;
        for (uint256 i = 0; i < n; i++) {
            uint256 key = keys[i];
            if (filled == count && key >= best[count - 1]) continue;
            uint256 j = filled < count ? filled++ : count - 1;
            while (j > 0 && best[j - 1] > key) {
                best[j] = best[j - 1];
                j--;
            }
            best[j] = key;
        }
    }

    function _popcount(uint256 x) private pure returns (uint256) {
        unchecked {
            x = x - ((x >> 1) & 0x5555555555555555555555555555555555555555555555555555555555555555);
            x = (x & 0x3333333333333333333333333333333333333333333333333333333333333333)
                + ((x >> 2) & 0x3333333333333333333333333333333333333333333333333333333333333333);
            x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f;
            return (x * 0x0101010101010101010101010101010101010101010101010101010101010101) >> 248;
        }
    }
}
