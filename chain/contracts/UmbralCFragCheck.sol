// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity 0.8.37;

/// Umbral 0.10 CapsuleFrag.verify (shared/spec/umbral-0.10.md §3.8) on chain, for the Adjudicator.
///
/// The EVM has no secp256k1 arithmetic, so the caller supplies hints and the library only checks them:
///  - a y-coordinate for every compressed point (checked: on the curve, parity of the prefix); for a cfrag point
///    whose x is not on the curve the hint is instead a root of −(x³+7), which proves it (p ≡ 3 mod 4, so exactly one
///    of ±(x³+7) is a square) — such a cfrag is malformed, hence wrong;
///  - the six products z·E, h·E1, z·V, h·V1, z·U, h·U1, each checked with the ecrecover trick: with hash 0,
///    ecrecover(0, 27 + parity(P.y), P.x, P.x·k mod n) is the address of k·P, compared with the address of the hint.
/// Additions are affine with a modexp inverse; doubling and the point at infinity are handled exactly, so every
/// verdict is the exact mathematical one. Hints that do not match revert ("bad hint"), never give a verdict.
///
/// Hints layout (672 bytes): y of A, E, V, E1, V1, E2, V2, U1, U2 (9 × 32), then zE, hE1, zV, hV1, zU, hU1 as x ‖ y
/// (6 × 64). A product that is the point at infinity (z = 0) is written (0, 0); for z = 0 the z-slots are ignored.
/// Cost: about 51k gas per cfrag (AdjudicatorTest.gas). Untested by construction: the doubling and b = −a branches of
/// _add (E2 = ±h·E1 needs h before E2, and h hashes E2), kept so that no input yields a wrong verdict.
/// Keys layout (99 bytes): Alice's verifying key ‖ delegating (policy) key ‖ Bob's key, each 33 bytes compressed.
library UmbralCFragCheck {
    uint256 internal constant P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f;
    uint256 internal constant N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141;
    uint256 internal constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;
    // the Umbral parameter U (spec §2.4), compressed prefix 03
    uint256 internal constant UX = 0x079390d0fbe220fc34aab8ecbf49098098036820fadb98c03143e55db8ec73cd;
    uint256 internal constant UY = 0x7ea50b219da86a70e8489413e4b9388afb63ac6f26e5ec2cfdd983b83f0e84e7;

    uint256 internal constant CAPSULE_LENGTH = 105;
    uint256 internal constant CFRAG_LENGTH = 381;
    uint256 internal constant KEYS_LENGTH = 99;
    uint256 internal constant HINTS_LENGTH = 9 * 32 + 6 * 64;

    struct Pt {
        uint256 x;
        uint256 y; // (0, 0) is the point at infinity: not on the curve, so never confused with a real point
    }

    /// The points of one proof, decompressed. Index order: E, V, E1, V1, E2, V2, U1, U2.
    struct Proof {
        Pt a;       // Alice's verifying key
        Pt[8] pts;
        uint256 z;
        uint256 h;
    }

    /// True iff the cfrag passes CapsuleFrag.verify(capsule, alice, delegating key, bob). False for every cfrag
    /// that definitely fails (a wrong proof, a signature that is not Alice's, a malformed cfrag); reverts when the
    /// hints or the capsule/keys are unusable, so a false never comes from bad input of the caller.
    function isCorrect(bytes calldata capsule, bytes calldata cfrag, bytes calldata keys, bytes calldata hints)
        internal view returns (bool)
    {
        require(capsule.length == CAPSULE_LENGTH && cfrag.length == CFRAG_LENGTH, "cannot adjudicate: sizes");
        require(keys.length == KEYS_LENGTH, "keys must be 3 compressed keys (99 bytes)");
        require(hints.length == HINTS_LENGTH, "hints must be 672 bytes");
        // Bob sent the capsule: a broken one is not the node's fault.
        require(
            capsule[0] == 0x93 && _bin(capsule, 1, 0x21) && _bin(capsule, 36, 0x21) && _bin(capsule, 71, 0x20),
            "cannot adjudicate: malformed capsule"
        );
        if (!_cfragLayout(cfrag)) return false;

        Proof memory pr;
        bool onCurve;
        (onCurve, pr.a) = _decompress(keys[0:33], _word(hints, 0));
        require(onCurve, "cannot adjudicate: Alice's key is not a curve point");
        (onCurve, pr.pts[0]) = _decompress(capsule[3:36], _word(hints, 32));
        require(onCurve, "cannot adjudicate: the capsule's E is not a curve point");
        (onCurve, pr.pts[1]) = _decompress(capsule[38:71], _word(hints, 64));
        require(onCurve, "cannot adjudicate: the capsule's V is not a curve point");
        // E1, V1, E2, V2, U1, U2 at their cfrag offsets (spec §4.5)
        uint16[6] memory pos = [uint16(3), 38, 143, 178, 213, 248];
        for (uint256 i = 0; i < 6; i++) {
            (onCurve, pr.pts[2 + i]) = _decompress(cfrag[pos[i]:pos[i] + 33], _word(hints, 96 + 32 * i));
            if (!onCurve) return false;
        }

        if (!_aliceSigned(cfrag, keys, pr.a)) return false;

        pr.z = uint256(bytes32(cfrag[283:315]));
        if (pr.z >= N) return false; // not a canonical scalar: not a cfrag
        pr.h = _challenge(capsule, cfrag);

        // z·E == E2 + h·E1,  z·V == V2 + h·V1,  z·U == U2 + h·U1
        return _holds(pr.pts[0], pr.z, pr.pts[4], pr.h, pr.pts[2], _pt(hints, 288), _pt(hints, 352))
            && _holds(pr.pts[1], pr.z, pr.pts[5], pr.h, pr.pts[3], _pt(hints, 416), _pt(hints, 480))
            && _holds(Pt(UX, UY), pr.z, pr.pts[7], pr.h, pr.pts[6], _pt(hints, 544), _pt(hints, 608));
    }

    // ---------------------------------------------------------------- parsing

    function _bin(bytes calldata b, uint256 pos, bytes1 len) private pure returns (bool) {
        return b[pos] == 0xc4 && b[pos + 1] == len;
    }

    /// The fixed layout of spec §4.5 and canonical signature scalars; anything else is not a cfrag.
    function _cfragLayout(bytes calldata c) private pure returns (bool) {
        if (c[0] != 0x95 || c[140] != 0x96) return false;
        if (!_bin(c, 1, 0x21) || !_bin(c, 36, 0x21) || !_bin(c, 71, 0x20) || !_bin(c, 105, 0x21)) return false;
        if (!_bin(c, 141, 0x21) || !_bin(c, 176, 0x21) || !_bin(c, 211, 0x21) || !_bin(c, 246, 0x21)) return false;
        return _bin(c, 281, 0x20) && _bin(c, 315, 0x40);
    }

    function _word(bytes calldata b, uint256 pos) private pure returns (uint256) {
        return uint256(bytes32(b[pos:pos + 32]));
    }

    function _pt(bytes calldata b, uint256 pos) private pure returns (Pt memory) {
        return Pt(_word(b, pos), _word(b, pos + 32));
    }

    /// (true, point) if the hint is the point's y; (false, _) if the hint proves the bytes are no curve point
    /// (a prefix other than 02/03, x ≥ p, or a root of −(x³+7)). Reverts if the hint proves neither.
    function _decompress(bytes calldata c, uint256 y) private pure returns (bool, Pt memory q) {
        uint8 prefix = uint8(c[0]);
        uint256 x = uint256(bytes32(c[1:33]));
        if ((prefix != 2 && prefix != 3) || x >= P) return (false, q);
        require(y < P, "bad hint: y is not below p");
        uint256 rhs = addmod(mulmod(mulmod(x, x, P), x, P), 7, P);
        uint256 yy = mulmod(y, y, P);
        if (yy == rhs) {
            require(y & 1 == prefix & 1, "bad hint: y has the wrong parity");
            return (true, Pt(x, y));
        }
        require(yy == P - rhs, "bad hint: y matches neither x^3+7 nor -(x^3+7)");
        return (false, q);
    }

    // ---------------------------------------------------------------- the proof

    /// Alice's kfrag signature over id ‖ U1 ‖ precursor ‖ 01 ‖ delegating key ‖ 01 ‖ Bob's key (spec §2.6: the
    /// cfrag carries signature_for_receiver, which always covers both keys). Low-S only, like the project's verifier.
    function _aliceSigned(bytes calldata c, bytes calldata keys, Pt memory a) private pure returns (bool) {
        uint256 r = uint256(bytes32(c[317:349]));
        uint256 s = uint256(bytes32(c[349:381]));
        if (r == 0 || r >= N || s == 0 || s > HALF_N) return false;
        bytes memory m = abi.encodePacked(c[73:105], c[213:246], c[107:140]);
        bytes32 digest = sha256(abi.encodePacked(m, bytes1(0x01), keys[33:66], bytes1(0x01), keys[66:99]));
        address alice = _address(a);
        return ecrecover(digest, 27, bytes32(r), bytes32(s)) == alice
            || ecrecover(digest, 28, bytes32(r), bytes32(s)) == alice;
    }

    /// h = H_CFRAG_VERIFICATION(E, E1, E2, V, V1, V2, U, U1, U2), spec §2.5: SHA-256 with the 4-byte length-prefixed
    /// DST over the compressed points as sent (their prefixes were checked against the y hints), mod (n−1), + 1.
    function _challenge(bytes calldata capsule, bytes calldata c) private pure returns (uint256) {
        bytes memory m = abi.encodePacked(
            uint32(18), "CFRAG_VERIFICATION", capsule[3:36], c[3:36], c[143:176], capsule[38:71], c[38:71]
        );
        m = abi.encodePacked(m, c[178:211], bytes1(0x03), UX, c[213:246], c[248:281]);
        return uint256(sha256(m)) % (N - 1) + 1;
    }

    /// Whether z·base == p2 + h·p1, given the claimed products zHint = z·base and hHint = h·p1 (checked here).
    function _holds(Pt memory base, uint256 z, Pt memory p2, uint256 h, Pt memory p1, Pt memory zHint, Pt memory hHint)
        private view returns (bool)
    {
        _checkProduct(p1, h, hHint);
        Pt memory lhs; // z = 0: the point at infinity
        if (z != 0) {
            _checkProduct(base, z, zHint);
            lhs = zHint;
        }
        Pt memory rhs = _add(p2, hHint);
        return lhs.x == rhs.x && lhs.y == rhs.y;
    }

    /// Reverts unless q == k·p (p on the curve, 0 < k < n).
    function _checkProduct(Pt memory p, uint256 k, Pt memory q) private view {
        if (p.x != 0 && p.x < N) {
            address got = ecrecover(0, uint8(27 + (p.y & 1)), bytes32(p.x), bytes32(mulmod(p.x, k, N)));
            require(got != address(0) && got == _address(q), "bad hint: a product does not match");
            return;
        }
        // ecrecover takes no r ≥ n. Honest points hit this with probability ~2^-128, but a dishonest node may pick
        // E1 or V1 so: check p == k⁻¹·q instead (q = h·p1 with h a hash of p1, so q cannot be chosen as well).
        require(q.x != 0 && q.x < N, "cannot adjudicate: no point of this product fits ecrecover");
        require(mulmod(q.y, q.y, P) == addmod(mulmod(mulmod(q.x, q.x, P), q.x, P), 7, P), "bad hint: not on the curve");
        uint256 kInv = _modexp(k, N - 2, N);
        address back = ecrecover(0, uint8(27 + (q.y & 1)), bytes32(q.x), bytes32(mulmod(q.x, kInv, N)));
        require(back != address(0) && back == _address(p), "bad hint: a product does not match");
    }

    /// a + b for curve points a, b (never infinity); the result may be infinity (0, 0).
    function _add(Pt memory a, Pt memory b) private view returns (Pt memory) {
        uint256 l;
        if (a.x == b.x) {
            if (a.y != b.y) return Pt(0, 0); // b = −a
            // doubling: λ = 3x² / 2y (y ≠ 0: the group has odd order)
            l = mulmod(mulmod(3, mulmod(a.x, a.x, P), P), _modexp(mulmod(2, a.y, P), P - 2, P), P);
        } else {
            l = mulmod(addmod(b.y, P - a.y, P), _modexp(addmod(b.x, P - a.x, P), P - 2, P), P);
        }
        uint256 x3 = addmod(mulmod(l, l, P), P - addmod(a.x, b.x, P), P);
        uint256 y3 = addmod(mulmod(l, addmod(a.x, P - x3, P), P), P - a.y, P);
        return Pt(x3, y3);
    }

    function _address(Pt memory q) private pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encodePacked(q.x, q.y)))));
    }

    /// b^e mod m with the modexp precompile (0x05).
    function _modexp(uint256 b, uint256 e, uint256 m) private view returns (uint256 r) {
        (bool ok, bytes memory out) = address(0x05).staticcall(abi.encodePacked(uint256(32), uint256(32), uint256(32), b, e, m));
        require(ok && out.length == 32, "modexp failed");
        r = uint256(bytes32(out));
    }
}
