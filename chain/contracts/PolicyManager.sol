// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.37;

import {StakingEscrow} from "./StakingEscrow.sol";

/// Policy payments (whitepaper Sec. III.C) and the leaked-key challenge.
///
/// Alice (the owner) pays a policy's fee f in ETH up front. It is split over the policy's n nodes: every node gets
/// floor(f/n) and the first (f mod n) nodes in the list 1 wei more, so the shares sum to f exactly. A node's share
/// accrues linearly over [start, end): accrued = floor(share · (min(now, end, revokedAt) − start) / (end − start)),
/// and its operator withdraws what has accrued. Revocation ends every arrangement of the policy and refunds the rest;
/// a proven kfrag leak ends that one arrangement, refunds its unearned part, rewards the challenger and slashes the
/// node's collateral.
///
/// ETH held here is always: Σ (share − paid) of the open arrangements + `seized`. Seized ETH (a leaking node's
/// forfeited fee) has no owner and can never be withdrawn: it is removed from circulation, like burned collateral.
contract PolicyManager {
    uint256 private constant PPM = 1_000_000;

    StakingEscrow public immutable staking;
    uint256 public immutable leakPenalty;          // c: collateral seized from a node that leaked its kfrag
    uint256 public immutable challengerRewardPpm;  // α in parts per million, α < 1

    struct Policy {
        address owner;
        uint64 start;
        uint8 nodeCount;       // n
        uint8 largerShares;    // f mod n: the first this many nodes get floor(f/n) + 1
        uint8 challengedLarger;  // challenged arrangements with a larger share (they no longer count in a revocation)
        uint8 challengedSmaller; // challenged arrangements with a floor(f/n) share
        uint64 end;
        uint64 revokedAt;      // 0 while not revoked (a block timestamp is never 0)
        uint128 fee;           // f
        bytes32 keysHash;      // keccak256(Alice's verifying key ‖ policy public key ‖ Bob's encrypting key)
    }

    struct Arrangement {
        bytes32 kfragHash;     // keccak256 of the node's kfrag; zero: no arrangement
        uint128 paid;          // already withdrawn by the node's operator
        uint8 index;           // position in the policy's node list (decides the share)
        bool challenged;       // a leak was proven: closed, the node gets nothing more
    }

    mapping(bytes16 => Policy) private policies_;
    mapping(bytes16 => mapping(address => Arrangement)) private arrangements_;
    uint256 public seized;
    uint256 private entered = 1; // reentrancy guard: 2 while a state-changing call runs

    event PolicyCreated(bytes16 indexed hrac, address indexed owner, uint256 fee, uint64 start, uint64 end,
        uint256 nodes, bytes32 keysHash);
    event PolicyRevoked(bytes16 indexed hrac, address indexed owner, uint64 revokedAt, uint256 refund);
    event FeesWithdrawn(address indexed node, address indexed operator, uint256 amount);
    event LeakedKeyChallenged(bytes16 indexed hrac, address indexed node, address indexed challenger,
        uint256 challengerReward, uint256 ownerRefund, uint256 seized, uint256 slashed);

    constructor(StakingEscrow staking_, uint256 leakPenalty_, uint256 challengerRewardPpm_) {
        require(challengerRewardPpm_ < 1_000_000, "alpha must be below 1");
        staking = staking_;
        leakPenalty = leakPenalty_;
        challengerRewardPpm = challengerRewardPpm_;
    }

    modifier nonReentrant() {
        require(entered == 1, "reentrant call");
        entered = 2;
        _;
        entered = 1;
    }

    // ---------------------------------------------------------------- owner

    /// Opens policy `hrac` from now until `end`, paid by msg.value, with one arrangement per node: `kfragHashes[j]`
    /// is keccak256 of the kfrag Alice gives `nodes[j]`. Every node must be eligible (staked, locked) through `end`.
    function createPolicy(bytes16 hrac, uint64 end, address[] calldata nodes, bytes32[] calldata kfragHashes,
        bytes32 keysHash_) external payable nonReentrant
    {
        uint256 n = nodes.length;
        require(hrac != bytes16(0), "the policy id is zero");
        require(policies_[hrac].owner == address(0), "this policy id is already used");
        require(end > block.timestamp, "the policy must end in the future");
        require(n >= 1 && n <= 255, "a policy has 1 to 255 nodes");
        require(kfragHashes.length == n, "one kfrag hash per node");
        require(keysHash_ != bytes32(0), "the keys hash is zero");
        // At least 1 wei per node: a node is never asked to serve for nothing; uint128 keeps the policy in 3 slots.
        require(msg.value >= n, "the fee must give every node at least 1 wei");
        require(msg.value <= type(uint128).max, "the fee is too large");

        for (uint256 j = 0; j < n; j++) {
            address node = nodes[j];
            require(kfragHashes[j] != bytes32(0), "a kfrag hash is zero");
            Arrangement storage a = arrangements_[hrac][node];
            // The policy id is fresh, so an existing arrangement means the node is listed twice.
            require(a.kfragHash == bytes32(0), "a node is listed twice");
            require(staking.eligible(node, end), "a node is not staked or not locked through the policy's end");
            a.kfragHash = kfragHashes[j];
            a.index = uint8(j);
        }
        policies_[hrac] = Policy({
            owner: msg.sender,
            start: uint64(block.timestamp),
            nodeCount: uint8(n),
            largerShares: uint8(msg.value % n),
            challengedLarger: 0,
            challengedSmaller: 0,
            end: end,
            revokedAt: 0,
            fee: uint128(msg.value),
            keysHash: keysHash_
        });
        emit PolicyCreated(hrac, msg.sender, msg.value, uint64(block.timestamp), end, n, keysHash_);
    }

    /// Ends every arrangement of an active policy now (time t) and refunds the owner f − Σ_j accrued_j(t) over the
    /// arrangements not closed by a challenge. Each accrued_j is floored, so the refund exceeds the exact
    /// (1 − t/T)·f by less than n wei: rounding favours the owner, and the nodes' payouts plus the refund are f.
    function revoke(bytes16 hrac) external nonReentrant returns (uint256 refund) {
        Policy storage p = policies_[hrac];
        require(p.owner != address(0), "unknown policy");
        require(msg.sender == p.owner, "only the policy's owner revokes it");
        require(p.revokedAt == 0, "the policy is already revoked");
        require(block.timestamp < p.end, "the policy has already ended");
        p.revokedAt = uint64(block.timestamp);

        // Only two share sizes exist, so the sum over the open arrangements needs no loop.
        uint256 small = uint256(p.fee) / p.nodeCount;
        uint256 openLarger = uint256(p.largerShares) - p.challengedLarger;
        uint256 openSmaller = uint256(p.nodeCount) - p.largerShares - p.challengedSmaller;
        refund = openLarger * (small + 1 - _earned(p, small + 1, block.timestamp))
            + openSmaller * (small - _earned(p, small, block.timestamp));
        emit PolicyRevoked(hrac, msg.sender, uint64(block.timestamp), refund);
        _pay(msg.sender, refund);
    }

    // ---------------------------------------------------------------- nodes

    /// Pays what a node has accrued and not yet been paid on each listed policy to its operator, in one transfer.
    /// The caller is the node itself (it sends its own transactions, from its own nonce sequence) or its operator.
    /// Reverts if that is nothing.
    function withdrawFees(bytes16[] calldata hracs) external nonReentrant returns (uint256 amount) {
        address operator = staking.operatorFor(msg.sender);
        address node = staking.nodeOf(operator);
        require(node != address(0), "the caller is no staked node and operates none");
        require(hracs.length > 0, "no policies listed");
        for (uint256 i = 0; i < hracs.length; i++) {
            Arrangement storage a = arrangements_[hracs[i]][node];
            require(a.kfragHash != bytes32(0), "the node has no arrangement in a listed policy");
            uint256 due = _accrued(policies_[hracs[i]], a);
            amount += due - a.paid;
            a.paid = uint128(due); // a listed twice policy pays 0 the second time
        }
        require(amount > 0, "nothing to withdraw");
        emit FeesWithdrawn(node, operator, amount);
        _pay(operator, amount);
    }

    // ---------------------------------------------------------------- challenge

    /// Proves that `node` leaked its kfrag of active policy `hrac`: keccak256(kfrag) is the hash Alice registered.
    /// At time t, earned = floor(share·t/T): the challenger gets floor(α·earned), capped at what the node has not yet
    /// withdrawn (earned − paid); the owner gets share − earned back; the rest of the node's unpaid earned fee goes to
    /// `seized`; the node's stake loses `leakPenalty` (burned by the escrow). If the challenger is the owner, the
    /// node's operator or the node, its reward is seized too. Only this arrangement closes.
    function challengeLeakedKey(bytes16 hrac, address node, bytes calldata kfrag) external nonReentrant {
        Arrangement storage a = arrangements_[hrac][node];
        Policy storage p = policies_[hrac];
        require(a.kfragHash != bytes32(0), "no such arrangement");
        require(!a.challenged, "this arrangement was already challenged");
        require(p.revokedAt == 0 && block.timestamp < p.end, "the policy is no longer active");
        require(keccak256(kfrag) == a.kfragHash, "these bytes are not the node's kfrag");

        bool larger = a.index < p.largerShares;
        uint256 share = _share(p, a.index);
        uint256 earned = _earned(p, share, block.timestamp);
        uint256 unpaid = earned - a.paid;
        uint256 reward = earned * challengerRewardPpm / PPM;
        if (reward > unpaid) reward = unpaid; // the node already withdrew more than (1 − α)·earned
        if (msg.sender == p.owner || msg.sender == node || msg.sender == staking.operatorOf(node)) reward = 0;
        uint256 refund = share - earned;
        uint256 forfeited = unpaid - reward;

        a.challenged = true;
        if (larger) p.challengedLarger++;
        else p.challengedSmaller++;
        seized += forfeited;
        uint256 slashed = staking.slash(node, leakPenalty, address(0), 0);
        emit LeakedKeyChallenged(hrac, node, msg.sender, reward, refund, forfeited, slashed);
        _pay(p.owner, refund);
        _pay(msg.sender, reward);
    }

    // ---------------------------------------------------------------- views

    /// What the Adjudicator checks evidence keys against; zero for an unknown policy.
    function keysHash(bytes16 hrac) external view returns (bytes32) {
        return policies_[hrac].keysHash;
    }

    function policy(bytes16 hrac)
        external view
        returns (address owner, uint64 start, uint64 end, uint256 fee, uint64 revokedAt, uint256 nodeCount,
            bytes32 keysHash_)
    {
        Policy storage p = policies_[hrac];
        return (p.owner, p.start, p.end, p.fee, p.revokedAt, p.nodeCount, p.keysHash);
    }

    /// The arrangement of `node` in policy `hrac`; kfragHash is zero if there is none.
    function arrangement(bytes16 hrac, address node)
        external view
        returns (bytes32 kfragHash, uint256 share, uint256 paid, bool challenged, bool active)
    {
        Arrangement storage a = arrangements_[hrac][node];
        if (a.kfragHash == bytes32(0)) return (bytes32(0), 0, 0, false, false);
        Policy storage p = policies_[hrac];
        return (a.kfragHash, _share(p, a.index), a.paid, a.challenged, _active(p, a));
    }

    function isActive(bytes16 hrac, address node) external view returns (bool) {
        Arrangement storage a = arrangements_[hrac][node];
        return a.kfragHash != bytes32(0) && _active(policies_[hrac], a);
    }

    /// The node's fee for this arrangement through now (withdrawn or not); after a challenge, what it was paid.
    function accrued(bytes16 hrac, address node) external view returns (uint256) {
        Arrangement storage a = arrangements_[hrac][node];
        if (a.kfragHash == bytes32(0)) return 0;
        return _accrued(policies_[hrac], a);
    }

    // ---------------------------------------------------------------- internals

    function _active(Policy storage p, Arrangement storage a) private view returns (bool) {
        return !a.challenged && p.revokedAt == 0 && block.timestamp < p.end;
    }

    function _share(Policy storage p, uint256 index) private view returns (uint256) {
        return uint256(p.fee) / p.nodeCount + (index < p.largerShares ? 1 : 0);
    }

    function _accrued(Policy storage p, Arrangement storage a) private view returns (uint256) {
        if (a.challenged) return a.paid;
        uint256 until = block.timestamp;
        if (p.revokedAt != 0 && p.revokedAt < until) until = p.revokedAt;
        return _earned(p, _share(p, a.index), until);
    }

    /// floor(share · (min(t, end) − start) / (end − start)).
    function _earned(Policy storage p, uint256 share, uint256 t) private view returns (uint256) {
        uint256 end = p.end;
        if (t > end) t = end;
        return share * (t - p.start) / (end - p.start);
    }

    function _pay(address to, uint256 amount) private {
        if (amount == 0) return;
        (bool ok,) = to.call{value: amount}("");
        require(ok, "ETH transfer failed");
    }
}
