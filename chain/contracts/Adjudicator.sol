// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.37;

import {StakingEscrow} from "./StakingEscrow.sol";
import {PolicyManager} from "./PolicyManager.sol";
import {NkmsSignatures} from "./NkmsSignatures.sol";
import {UmbralCFragCheck} from "./UmbralCFragCheck.sol";

/// Evidence of wrong re-encryptions, verified on chain.
///
/// Anyone holding a node's signed re-encryption response (ReRs, docs/protocol.md §6.7) whose cfrag fails Umbral's
/// CapsuleFrag.verify submits it here; the node's stake is slashed by `penalty`, of which the investigator gets
/// `penalty · investigatorRewardPpm / 1e6` (rounded down; both capped by what the stake still holds). Each piece of
/// evidence (node, capsule, cfrag) pays once. A correct cfrag, unusable hints, or an unknown policy revert: nothing
/// is slashed unless the proof definitely fails.
///
/// Gas (measured by AdjudicatorTest.gas, ganache 7.9.2, shanghai): 223k for a wrong cfrag in a 1-capsule response,
/// 327k in a 10-capsule one (the growth is calldata, hashing the payload for the node's signature, and the parse).
/// The cfrag check itself (checkCFrag: 8 ecrecovers, 3 modexp inverses, 2 SHA-256) is about 51k; the rest is
/// calldata (~20k for one capsule), the node's signature, the evidence record (22k) and the slash.
contract Adjudicator {
    string private constant PURPOSE = "reencryption-response";

    StakingEscrow public immutable staking;
    PolicyManager public immutable policies;
    uint256 public immutable penalty;                 // taken from the node's stake per proven wrong cfrag
    uint256 public immutable investigatorRewardPpm;   // the investigator's share of the penalty

    /// evidence id = keccak256(node ‖ capsule ‖ cfrag) → already paid
    mapping(bytes32 => bool) public adjudicated;

    event WrongCFrag(
        address indexed node, bytes16 indexed hrac, bytes32 evidence, uint256 penalty, address investigator,
        uint256 reward
    );

    constructor(StakingEscrow staking_, PolicyManager policies_, uint256 penalty_, uint256 investigatorRewardPpm_) {
        require(investigatorRewardPpm_ <= 1_000_000, "the investigator's share is at most 100%");
        staking = staking_;
        policies = policies_;
        penalty = penalty_;
        investigatorRewardPpm = investigatorRewardPpm_;
    }

    /// Submits `cfrags[index]` of the ReRs `payload`, signed by `node` as r ‖ s, as wrong. `keys` = Alice's verifying
    /// key ‖ policy (delegating) key ‖ Bob's encrypting key (3 × 33 compressed), as recorded for the policy;
    /// `hints` see UmbralCFragCheck. Slashes the node if the cfrag fails verification, reverts otherwise.
    function submitEvidence(
        address node,
        bytes calldata payload,
        bytes32 r,
        bytes32 s,
        uint256 index,
        bytes calldata keys,
        bytes calldata hints
    ) external {
        require(NkmsSignatures.signedBy(PURPOSE, payload, r, s, node), "the node did not sign this response");
        require(staking.operatorOf(node) != address(0), "not a staked node");
        (bytes16 hrac, bytes32 id) = _judge(node, payload, index, keys, hints);
        adjudicated[id] = true;
        uint256 reward = penalty * investigatorRewardPpm / 1_000_000;
        uint256 taken = staking.slash(node, penalty, msg.sender, reward);
        emit WrongCFrag(node, hrac, id, taken, msg.sender, reward < taken ? reward : taken);
    }

    /// Steps 2–5: parse, once only, the policy's keys, the proof. Returns normally only for a wrong cfrag.
    function _judge(address node, bytes calldata payload, uint256 index, bytes calldata keys, bytes calldata hints)
        private view returns (bytes16 hrac, bytes32 id)
    {
        uint256 capsuleAt;
        uint256 cfragAt;
        (hrac, capsuleAt, cfragAt) = parseResponse(payload, index);
        id = keccak256(abi.encodePacked(
            node,
            payload[capsuleAt:capsuleAt + UmbralCFragCheck.CAPSULE_LENGTH],
            payload[cfragAt:cfragAt + UmbralCFragCheck.CFRAG_LENGTH]
        ));
        require(!adjudicated[id], "this evidence was already adjudicated");
        _requirePolicyKeys(hrac, keys);
        require(!UmbralCFragCheck.isCorrect(
            payload[capsuleAt:capsuleAt + UmbralCFragCheck.CAPSULE_LENGTH],
            payload[cfragAt:cfragAt + UmbralCFragCheck.CFRAG_LENGTH],
            keys,
            hints
        ), "the cfrag is correct");
    }

    function _requirePolicyKeys(bytes16 hrac, bytes calldata keys) private view {
        require(keys.length == UmbralCFragCheck.KEYS_LENGTH, "keys must be 3 compressed keys (99 bytes)");
        bytes32 recorded = policies.keysHash(hrac);
        require(recorded != bytes32(0), "unknown policy");
        require(keccak256(keys) == recorded, "the keys are not the policy's");
    }

    /// The verdict alone, without state or slashing: whether the cfrag passes Umbral's CapsuleFrag.verify. Lets an
    /// investigator check evidence before paying for a transaction; reverts on unusable hints like submitEvidence.
    function checkCFrag(bytes calldata capsule, bytes calldata cfrag, bytes calldata keys, bytes calldata hints)
        external view returns (bool correct)
    {
        return UmbralCFragCheck.isCorrect(capsule, cfrag, keys, hints);
    }

    /// Strict parse of a ReRs payload (docs/protocol.md §6.7, canonical MessagePack): 93, c4 10 hrac, the capsules
    /// (fixarray or array16 header, each c4 69 + 105 bytes), the cfrags (same count, each c5 01 7d + 381 bytes),
    /// nothing after. Returns the hrac and the offsets of capsules[index] and cfrags[index] in the payload.
    function parseResponse(bytes calldata p, uint256 index)
        public pure returns (bytes16 hrac, uint256 capsuleAt, uint256 cfragAt)
    {
        require(p.length >= 21 && p[0] == 0x93 && p[1] == 0xc4 && p[2] == 0x10, "malformed response: header");
        hrac = bytes16(p[3:19]);
        (uint256 n, uint256 pos) = _arrayHeader(p, 19);
        require(p.length >= pos + n * 107, "malformed response: truncated capsules");
        for (uint256 i = 0; i < n; i++) {
            uint256 o = pos + i * 107;
            require(p[o] == 0xc4 && p[o + 1] == 0x69, "malformed response: a capsule is not 105 bytes");
        }
        uint256 capsules = pos;
        uint256 m;
        (m, pos) = _arrayHeader(p, pos + n * 107);
        require(m == n, "malformed response: capsule and cfrag counts differ");
        require(p.length == pos + n * 384, "malformed response: wrong length");
        for (uint256 i = 0; i < n; i++) {
            uint256 o = pos + i * 384;
            require(p[o] == 0xc5 && p[o + 1] == 0x01 && p[o + 2] == 0x7d, "malformed response: a cfrag is not 381 bytes");
        }
        require(index < n, "index out of range");
        capsuleAt = capsules + index * 107 + 2;
        cfragAt = pos + index * 384 + 3;
    }

    /// A canonical array header at `pos`: fixarray (≤ 15) or array16 (≥ 16). Returns the count and where items start.
    function _arrayHeader(bytes calldata p, uint256 pos) private pure returns (uint256 n, uint256 next) {
        require(p.length > pos, "malformed response: truncated");
        uint8 b = uint8(p[pos]);
        if (b & 0xf0 == 0x90) return (b & 0x0f, pos + 1);
        require(b == 0xdc && p.length >= pos + 3, "malformed response: expected an array");
        n = uint256(uint16(bytes2(p[pos + 1:pos + 3])));
        require(n >= 16, "malformed response: non-canonical array header");
        return (n, pos + 3);
    }
}
