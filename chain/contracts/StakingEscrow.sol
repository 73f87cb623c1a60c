// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.37;

import {NkmsToken} from "./NkmsToken.sol";
import {NkmsSignatures} from "./NkmsSignatures.sol";

/// Stakes, the registry view and rewards (whitepaper Sec. VII).
///
/// Staking: an operator deposits tokens locked until a time, bound to one node identity (the node's address, proven
/// by the node's signature over the binding); at least `minimumStake` in all; withdrawal only after the lock ends.
///
/// Rewards: the total issued through k whole periods follows the solution of dS/dt = s0·(S_max − S)/(S_max − S(0)),
///   S(k) = S_max − (S_max − S(0))·e^(−k/T),  T = (S_max − S(0))/s0 periods,
/// computed with a fixed-point e^(−1/T) (27 decimals) raised to the k-th power, never above S_max. Within a period
/// issuance accrues linearly per second (`issuedAt`), so a stake earns exactly for the seconds it is staked: a deposit
/// just before a period ends earns a few seconds' worth, not the whole period. Issuance is split in proportion to
/// stake through one accumulator that any stake change brings up to date, so no node sends a transaction per period
/// and a claim costs the same after 1 or 1000 periods; time with no stake at all issues nothing (never minted). Only a
/// stake of at least the minimum earns: one slashed below it is not eligible to serve, so it earns nothing until its
/// operator tops it up (`earningStake`). A share `healthShareBps` goes to the health-check pool (see HealthRounds). Rewards are minted when claimed; every
/// division rounds down, so the dust stays unminted and the supply stays below S_max.
contract StakingEscrow {
    uint256 private constant RAY = 1e27;
    uint256 private constant ACC = 1e36;

    struct StakeInfo {
        address node;
        uint64 lockedUntil;
        uint256 amount;
        uint256 accPaid;      // accumulator value at the last settlement
        uint256 rewards;      // earned, not yet claimed
        uint256 sinceCheck;   // earned since the node's last health check
    }

    NkmsToken public immutable token;
    string public domain;
    uint256 public immutable minimumStake;
    uint256 public immutable genesis;
    uint256 public immutable periodSeconds;
    uint256 public immutable initialSupply;     // S(0)
    uint256 public immutable firstPeriodReward; // s0
    uint256 public immutable decayPerPeriodRay; // e^(−1/T) · 1e27
    uint256 public immutable healthShareBps;
    uint256 private immutable reserve;          // S_max − S(0): all that can ever be issued
    address private immutable deployer;

    address public policyManager;
    address public adjudicator;
    address public healthRounds;

    mapping(address => StakeInfo) private stakeOf_;
    mapping(address => address) public operatorOf; // node → operator
    address[] private operators;

    uint256 public totalStaked;        // every token held as stake
    uint256 public earningStake;       // the part of it in stakes of at least the minimum: the reward split's base
    uint256 public issued;             // issuedAt(last catch-up): distributed, pooled, or skipped (no stake)
    uint256 public accRewardPerToken;  // · 1e36
    uint256 public healthPool;
    uint256 public changeSerial;       // bumps on every change of the registry view

    event Deposited(address indexed operator, address indexed node, uint256 amount, uint64 lockedUntil);
    event Withdrawn(address indexed operator, uint256 amount);
    event RewardClaimed(address indexed operator, uint256 amount);
    event Slashed(address indexed node, uint256 penalty, address indexed investigator, uint256 reward);
    event Checked(address indexed node, bool unhealthy, uint256 forfeited);

    constructor(
        NkmsToken token_,
        string memory domain_,
        uint256 minimumStake_,
        uint256 periodSeconds_,
        uint256 firstPeriodReward_,
        uint256 healthShareBps_
    ) {
        require(minimumStake_ > 0, "the minimum stake must be positive");
        require(periodSeconds_ > 0, "a period must last at least a second");
        require(healthShareBps_ <= 10000, "the health share is at most 100%");
        uint256 reserve_ = token_.maxSupply() - token_.totalSupply();
        require(firstPeriodReward_ > 0 && firstPeriodReward_ < reserve_, "s0 must be positive and below S_max - S(0)");
        // Keeps fresh·ACC and amount·Δacc (≤ issued·ACC) below 2^256: at most 1e22 whole tokens to issue.
        require(reserve_ <= type(uint256).max / ACC, "S_max - S(0) is too large");
        token = token_;
        domain = domain_;
        minimumStake = minimumStake_;
        genesis = block.timestamp;
        periodSeconds = periodSeconds_;
        initialSupply = token_.totalSupply();
        reserve = reserve_;
        firstPeriodReward = firstPeriodReward_;
        decayPerPeriodRay = _expNegRay(firstPeriodReward_, reserve_);
        healthShareBps = healthShareBps_;
        deployer = msg.sender;
    }

    /// Wires the contracts allowed to slash and to record health checks; once, by the deployer.
    function setModules(address policyManager_, address adjudicator_, address healthRounds_) external {
        require(msg.sender == deployer, "only the deployer wires the modules");
        require(policyManager == address(0), "the modules are already set");
        policyManager = policyManager_;
        adjudicator = adjudicator_;
        healthRounds = healthRounds_;
    }

    // ---------------------------------------------------------------- staking

    /// Deposits `amount` tokens (approved beforehand) locked until `lockUntil`, bound to `node`. The first deposit
    /// binds the node, which must sign "nkms/stake-binding\0" ‖ chain id (32) ‖ this contract (20) ‖ operator (20);
    /// later deposits name the same node. A lock is never shortened.
    function deposit(address node, uint256 amount, uint64 lockUntil, bytes32 r, bytes32 s) external {
        StakeInfo storage st = stakeOf_[msg.sender];
        require(amount > 0, "nothing to deposit");
        require(lockUntil > block.timestamp, "the lock must end in the future");
        if (st.node == address(0)) {
            require(node != address(0), "no node named");
            require(operatorOf[node] == address(0), "the node is bound to another operator");
            // A node sends its own transactions (votes, fee withdrawals) on its operator's behalf: no address may be
            // both a node and another stake's operator, so operatorFor is unambiguous.
            require(stakeOf_[node].node == address(0), "the node is another stake's operator");
            require(operatorOf[msg.sender] == address(0), "the operator is another stake's node");
            bytes memory binding = abi.encodePacked(block.chainid, address(this), msg.sender);
            require(NkmsSignatures.signedBy("stake-binding", binding, r, s, node), "the node did not sign this binding");
            st.node = node;
            operatorOf[node] = msg.sender;
            operators.push(msg.sender);
        } else {
            require(node == st.node, "this operator's stake is bound to another node");
        }
        require(lockUntil >= st.lockedUntil, "a lock cannot be shortened");
        require(st.amount + amount >= minimumStake, "the stake would be below the minimum");
        _settle(st);
        require(token.transferFrom(msg.sender, address(this), amount), "token transfer failed");
        _setAmount(st, st.amount + amount);
        st.lockedUntil = lockUntil;
        changeSerial++;
        emit Deposited(msg.sender, st.node, amount, lockUntil);
    }

    function extendLock(uint64 lockUntil) external {
        StakeInfo storage st = stakeOf_[msg.sender];
        require(st.amount > 0, "no stake");
        require(lockUntil > st.lockedUntil, "a lock can only be extended");
        require(lockUntil > block.timestamp, "the lock must end in the future");
        st.lockedUntil = lockUntil;
        changeSerial++;
        emit Deposited(msg.sender, st.node, 0, lockUntil);
    }

    /// Withdraws after the lock has ended; what stays must be nothing or at least the minimum.
    function withdraw(uint256 amount) external {
        StakeInfo storage st = stakeOf_[msg.sender];
        require(amount > 0, "nothing to withdraw");
        require(amount <= st.amount, "cannot withdraw more than the stake");
        require(block.timestamp >= st.lockedUntil, "the stake is still locked");
        uint256 rest = st.amount - amount;
        require(rest == 0 || rest >= minimumStake, "what stays must be zero or at least the minimum");
        _settle(st);
        _setAmount(st, rest);
        changeSerial++;
        require(token.transfer(msg.sender, amount), "token transfer failed");
        emit Withdrawn(msg.sender, amount);
    }

    // ---------------------------------------------------------------- registry view

    function operatorCount() external view returns (uint256) {
        return operators.length;
    }

    /// Stakes in registration order, `limit` from `offset` (paginated for large networks).
    function stakes(uint256 offset, uint256 limit)
        external view
        returns (address[] memory ops, address[] memory nodes, uint256[] memory amounts, uint64[] memory locks)
    {
        uint256 count = operators.length;
        uint256 n = offset >= count ? 0 : (limit < count - offset ? limit : count - offset); // no offset+limit overflow
        ops = new address[](n);
        nodes = new address[](n);
        amounts = new uint256[](n);
        locks = new uint64[](n);
        for (uint256 i = 0; i < n; i++) {
            address op = operators[offset + i];
            StakeInfo storage st = stakeOf_[op];
            ops[i] = op;
            nodes[i] = st.node;
            amounts[i] = st.amount;
            locks[i] = st.lockedUntil;
        }
    }

    /// The operator a transaction from `sender` acts for: the node's operator if `sender` is a staked node, else
    /// `sender` itself.
    function operatorFor(address sender) external view returns (address) {
        address op = operatorOf[sender];
        return op == address(0) ? sender : op;
    }

    function nodeOf(address operator) external view returns (address) {
        return stakeOf_[operator].node;
    }

    function stakeOfNode(address node) public view returns (uint256) {
        return stakeOf_[operatorOf[node]].amount;
    }

    function lockedUntilOfNode(address node) external view returns (uint64) {
        return stakeOf_[operatorOf[node]].lockedUntil;
    }

    /// Whether `node` may serve a policy running until `through`: staked at least the minimum, locked that long.
    function eligible(address node, uint256 through) external view returns (bool) {
        StakeInfo storage st = stakeOf_[operatorOf[node]];
        return st.node == node && node != address(0) && st.amount >= minimumStake && st.lockedUntil >= through;
    }

    // ---------------------------------------------------------------- rewards

    function currentPeriod() public view returns (uint256) {
        return (block.timestamp - genesis) / periodSeconds;
    }

    /// S(k) − S(0): the total issued through k whole periods; never above S_max − S(0) (the power is at most 1).
    function issuedThrough(uint256 k) public view returns (uint256) {
        return reserve - reserve * _rpow(decayPerPeriodRay, k) / RAY;
    }

    /// S(t) − S(0) at time `time`: issuedThrough(k) of the whole periods plus the elapsed fraction of period k's
    /// issuance (rounded down), so issuance accrues by the second and equals issuedThrough(k) at each boundary.
    function issuedAt(uint256 time) public view returns (uint256) {
        if (time <= genesis) return 0;
        uint256 elapsed = time - genesis;
        uint256 k = elapsed / periodSeconds;
        uint256 through = issuedThrough(k);
        uint256 into = elapsed % periodSeconds;
        if (into == 0) return through;
        uint256 next = issuedThrough(k + 1);
        // Rounding in the power can make S(k+1) ≤ S(k) once the reserve is exhausted: then nothing accrues.
        return next > through ? through + (next - through) * into / periodSeconds : through;
    }

    /// Unclaimed reward of `operator`, including the time not yet brought up to date.
    function earned(address operator) external view returns (uint256) {
        StakeInfo storage st = stakeOf_[operator];
        (uint256 acc,,) = _projected();
        return st.rewards + _earning(st) * (acc - st.accPaid) / ACC;
    }

    function claimReward() external {
        StakeInfo storage st = stakeOf_[msg.sender];
        _settle(st);
        uint256 amount = st.rewards;
        require(amount > 0, "no reward to claim");
        st.rewards = 0;
        token.mint(msg.sender, amount);
        emit RewardClaimed(msg.sender, amount);
    }

    /// Brings the issuance up to date (anyone may call; every stake change does).
    function catchUp() public {
        (uint256 acc, uint256 pool, uint256 total) = _projected();
        accRewardPerToken = acc;
        healthPool = pool;
        issued = total;
    }

    /// The accumulator, pool and issued total as a catch-up now would leave them. Costs O(log periods), not
    /// O(periods): the issuance since the last catch-up is one difference of the closed form.
    function _projected() private view returns (uint256 acc, uint256 pool, uint256 total) {
        acc = accRewardPerToken;
        pool = healthPool;
        total = issued;
        uint256 target = issuedAt(block.timestamp);
        if (target <= total) return (acc, pool, total); // same second, or rounding once the reserve is exhausted
        uint256 fresh = target - total;
        total = target;
        if (earningStake == 0) return (acc, pool, total); // nobody earns: that time issues nothing, to anyone
        uint256 toPool = fresh * healthShareBps / 10000;
        pool += toPool;
        acc += (fresh - toPool) * ACC / earningStake;
    }

    function _settle(StakeInfo storage st) private {
        catchUp();
        uint256 owed = _earning(st) * (accRewardPerToken - st.accPaid) / ACC;
        st.accPaid = accRewardPerToken;
        st.rewards += owed;
        st.sinceCheck += owed;
    }

    /// The stake that earns: all of it at or above the minimum, none below (only slashing leaves a stake below it).
    function _earning(StakeInfo storage st) private view returns (uint256) {
        return st.amount >= minimumStake ? st.amount : 0;
    }

    /// Changes a settled stake's amount and both totals.
    function _setAmount(StakeInfo storage st, uint256 amount) private {
        uint256 earningBefore = _earning(st);
        totalStaked = totalStaked - st.amount + amount;
        st.amount = amount;
        earningStake = earningStake - earningBefore + _earning(st);
    }

    // ---------------------------------------------------------------- modules: slashing and health checks

    /// Takes up to `penalty` from `node`'s stake; `investigatorReward` of it (at most what was taken) goes to
    /// `investigator`, the rest is burned.
    function slash(address node, uint256 penalty, address investigator, uint256 investigatorReward)
        external returns (uint256 taken)
    {
        require(msg.sender == adjudicator || msg.sender == policyManager, "only the adjudicator and policies slash");
        StakeInfo storage st = stakeOf_[operatorOf[node]];
        require(st.node == node && node != address(0), "not a staked node");
        _settle(st);
        taken = penalty < st.amount ? penalty : st.amount;
        _setAmount(st, st.amount - taken);
        changeSerial++;
        uint256 reward = investigatorReward < taken ? investigatorReward : taken;
        if (reward > 0) require(token.transfer(investigator, reward), "token transfer failed");
        if (taken > reward) token.burn(taken - reward);
        emit Slashed(node, taken, investigator, reward);
    }

    /// Records a health check of `node`; an unhealthy node forfeits what it earned since its previous check
    /// (from its unclaimed reward) to the health-check pool.
    function recordCheck(address node, bool unhealthy) external returns (uint256 forfeited) {
        require(msg.sender == healthRounds, "only health rounds record checks");
        StakeInfo storage st = stakeOf_[operatorOf[node]];
        if (st.node != node || node == address(0)) return 0;
        _settle(st);
        if (unhealthy) {
            forfeited = st.sinceCheck < st.rewards ? st.sinceCheck : st.rewards;
            st.rewards -= forfeited;
            healthPool += forfeited;
        }
        st.sinceCheck = 0;
        emit Checked(node, unhealthy, forfeited);
    }

    /// Pays the whole health-check pool to `operators_` in proportion to their earning stakes (dust stays in the pool).
    function payCheckers(address[] calldata operators_) external returns (uint256 paid) {
        require(msg.sender == healthRounds, "only health rounds pay checkers");
        catchUp();
        uint256 weight;
        for (uint256 i = 0; i < operators_.length; i++) weight += _earning(stakeOf_[operators_[i]]);
        if (weight == 0) return 0;
        uint256 pool = healthPool;
        for (uint256 i = 0; i < operators_.length; i++) {
            StakeInfo storage st = stakeOf_[operators_[i]];
            uint256 share = pool * _earning(st) / weight;
            st.rewards += share;
            paid += share;
        }
        healthPool = pool - paid;
    }

    function stakeOfOperator(address operator) external view returns (uint256) {
        return stakeOf_[operator].amount;
    }

    // ---------------------------------------------------------------- fixed-point helpers

    /// e^(−num/den) · 1e27 for 0 < num < den, rounded to nearest: the Taylor series (alternating, shrinking terms)
    /// summed at 36 decimals so its truncation errors (≤ 2 units per term, ~10–30 terms) stay far below the final
    /// 27-decimal rounding, which alone bounds the error at ½ unit (+1e-7). num·1e36 fits: num < den ≤ 2^256/1e36.
    function _expNegRay(uint256 num, uint256 den) private pure returns (uint256) {
        uint256 x = num * ACC / den;
        uint256 sum = ACC;
        uint256 term = ACC;
        for (uint256 i = 1; term > 0; i++) {
            term = term * x / ACC / i;
            // Partial sums of an alternating series with shrinking terms stay within (0, 1]: no underflow.
            sum = i % 2 == 1 ? sum - term : sum + term;
        }
        return (sum + ACC / RAY / 2) / (ACC / RAY);
    }

    /// base^exp in 27-decimal fixed point, rounding half up at each step. base ≤ 1e27 keeps every intermediate
    /// ≤ 1e27 (no overflow for any exp, O(log exp) steps); the result is within exp·(ε + ½) units of the exact power
    /// when base is within ε units of the exact base (each squaring at most doubles an error and adds ½).
    function _rpow(uint256 base, uint256 exp) private pure returns (uint256 z) {
        unchecked { // base, z ≤ 1e27: products ≤ 1e54, no overflow possible, so skip the checks (cheaper loop)
            z = exp & 1 != 0 ? base : RAY;
            for (exp >>= 1; exp != 0; exp >>= 1) {
                base = (base * base + RAY / 2) / RAY;
                if (exp & 1 != 0) z = (z * base + RAY / 2) / RAY;
            }
        }
    }
}
