#!/usr/bin/env node
'use strict';
/*
 * umbral-ref.js — test/benchmark harness around the reference Umbral build
 * (@nucypher/umbral-pre 0.10.0, WASM).  Only the package's public API is called.
 *
 * Subcommands (see README.md and /work/shared/spec/umbral-0.10.md §5, §6, §8.2):
 *   gen    write the JSON interchange file of spec §6.4 (optionally from the seeded stream of §6.1)
 *   verify run the cross-check procedure of spec §6.5 on a JSON file
 *   bench  time the reference operations (method of spec §8.2)
 *
 * Exit status: 0 success, 1 a check failed (or an operation failed), 2 usage error / malformed input.
 */

const nodeCrypto = require('crypto');
const fs = require('fs');
const path = require('path');

const EXIT_OK = 0;
const EXIT_FAIL = 1;
const EXIT_USAGE = 2;

const USAGE = [
  'usage:',
  '  node umbral-ref.js gen [--seed TEXT] [--threshold T] [--shares N] [--no-sign-dk] [--no-sign-rk]',
  '                         [--plaintext-hex HEX] [--trace-rng] --out FILE',
  '  node umbral-ref.js verify [--seed TEXT] [--trace-rng] FILE',
  '  node umbral-ref.js bench [--json] [--seconds S]',
].join('\n');

// Fixed inputs of spec §6.2.
const FIXED = {
  alice_sk: Buffer.alloc(32, 0x11),
  bob_sk: Buffer.alloc(32, 0x22),
  signer_sk: Buffer.alloc(32, 0x33),
  plaintext: Buffer.from('peace at dawn', 'utf8'),
  threshold: 2,
  shares: 3,
};

class UsageError extends Error {}

// ------------------------------------------------------------------------------------------------
// Argument parsing

/**
 * Parses argv for one subcommand. `spec` maps flag name (without --) to 'bool' or 'value'.
 * Returns { flags, positional }. Accepts "--flag value" and "--flag=value"; empty values are allowed.
 */
function parseArgs(argv, spec) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    let name = arg.slice(2);
    let value;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const kind = spec[name];
    if (kind === undefined) throw new UsageError(`unknown option --${name}`);
    if (Object.prototype.hasOwnProperty.call(flags, name)) throw new UsageError(`option --${name} given twice`);
    if (kind === 'bool') {
      if (value !== undefined) throw new UsageError(`option --${name} takes no value`);
      flags[name] = true;
    } else {
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`option --${name} needs a value`);
        value = argv[++i];
      }
      flags[name] = value;
    }
  }
  return { flags, positional };
}

function parseIntArg(name, text) {
  if (!/^[0-9]+$/.test(text)) throw new UsageError(`--${name} must be a non-negative integer, got "${text}"`);
  const v = Number(text);
  if (!Number.isSafeInteger(v)) throw new UsageError(`--${name} is too large`);
  return v;
}

// ------------------------------------------------------------------------------------------------
// Hex helpers

function toHex(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Strict lower-case hex decoding; returns null if `s` is not valid lower-case hex. */
function fromHexStrict(s) {
  if (typeof s !== 'string' || s.length % 2 !== 0 || !/^[0-9a-f]*$/.test(s)) return null;
  return new Uint8Array(Buffer.from(s, 'hex'));
}

function bytesEqual(a, b) {
  return a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

// ------------------------------------------------------------------------------------------------
// RNG: the deterministic stream of spec §6.1, and request tracing

const rngStats = { requests: 0, bytes: 0, trace: false };

/** Returns a byte-stream object: stream(seed) = SHA-256(utf8(seed) || u64be(0)) || SHA-256(... u64be(1)) || ... */
function makeSeedStream(seed) {
  const seedBytes = Buffer.from(seed, 'utf8');
  let counter = 0n;
  let block = Buffer.alloc(0);
  let pos = 0;
  return {
    /** Writes the next `target.length` stream bytes into the Uint8Array `target`. */
    fill(target) {
      let written = 0;
      while (written < target.length) {
        if (pos >= block.length) {
          const ctr = Buffer.alloc(8);
          ctr.writeBigUInt64BE(counter);
          counter += 1n;
          block = nodeCrypto.createHash('sha256').update(seedBytes).update(ctr).digest();
          pos = 0;
        }
        const n = Math.min(block.length - pos, target.length - written);
        block.copy(target, written, pos, pos + n);
        pos += n;
        written += n;
      }
    },
  };
}

function asU8(view) {
  if (!ArrayBuffer.isView(view)) throw new TypeError('RNG: argument is not a typed array / DataView');
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function noteRequest(n) {
  if (rngStats.trace) {
    process.stderr.write(`rng: request ${rngStats.requests}: ${n} bytes at stream offset ${rngStats.bytes}\n`);
  }
  rngStats.requests += 1;
  rngStats.bytes += n;
}

/**
 * Replaces globalThis.crypto.getRandomValues and require('crypto').randomFillSync.
 * With `seed`, both draw from the deterministic stream; otherwise they wrap the OS generator (for tracing).
 * Must run before '@nucypher/umbral-pre' is required.
 */
function installRng(seed, trace) {
  rngStats.trace = !!trace;
  const stream = seed !== undefined ? makeSeedStream(seed) : null;
  const webcrypto = globalThis.crypto;
  const origGetRandomValues = webcrypto && webcrypto.getRandomValues;
  const origRandomFillSync = nodeCrypto.randomFillSync;

  function getRandomValues(view) {
    const u8 = asU8(view);
    noteRequest(u8.length);
    if (stream) stream.fill(u8);
    else origGetRandomValues.call(webcrypto, view);
    return view;
  }

  function randomFillSync(buf, offset, size) {
    const all = asU8(buf);
    const off = offset === undefined ? 0 : offset;
    const len = size === undefined ? all.length - off : size;
    if (!Number.isInteger(off) || !Number.isInteger(len) || off < 0 || len < 0 || off + len > all.length) {
      throw new RangeError('randomFillSync: offset/size out of range');
    }
    const u8 = all.subarray(off, off + len);
    noteRequest(u8.length);
    if (stream) stream.fill(u8);
    else origRandomFillSync.call(nodeCrypto, u8);
    return buf;
  }

  if (webcrypto) {
    Object.defineProperty(webcrypto, 'getRandomValues', {
      value: getRandomValues, writable: true, configurable: true, enumerable: true,
    });
  }
  Object.defineProperty(nodeCrypto, 'randomFillSync', {
    value: randomFillSync, writable: true, configurable: true, enumerable: true,
  });
}

function reportRngTotal() {
  if (rngStats.trace) {
    process.stderr.write(`rng: total ${rngStats.bytes} bytes consumed in ${rngStats.requests} requests\n`);
  }
}

let umbralModule = null;
function umbral() {
  if (umbralModule === null) umbralModule = require('@nucypher/umbral-pre');
  return umbralModule;
}

// ------------------------------------------------------------------------------------------------
// gen

/** Runs the sequence of spec §6.3 and returns the §6.4 JSON object. Frees every WASM object it makes. */
function generate(u, cfg) {
  const owned = [];
  const own = (o) => { owned.push(o); return o; };
  try {
    const aliceSk = own(u.SecretKey.fromBEBytes(new Uint8Array(FIXED.alice_sk)));
    const bobSk = own(u.SecretKey.fromBEBytes(new Uint8Array(FIXED.bob_sk)));
    const signerSk = own(u.SecretKey.fromBEBytes(new Uint8Array(FIXED.signer_sk)));
    const alicePk = own(aliceSk.publicKey());
    const bobPk = own(bobSk.publicKey());
    const signer = own(new u.Signer(signerSk));
    const verifyingPk = own(signer.verifyingKey());

    // 1. encrypt
    const [capsule, ciphertext] = u.encrypt(alicePk, new Uint8Array(cfg.plaintext));
    own(capsule);
    // 2. generate_kfrags
    const kfrags = u.generateKFrags(aliceSk, bobPk, signer, cfg.threshold, cfg.shares, cfg.signDk, cfg.signRk);
    kfrags.forEach(own);
    // 3. reencrypt with each kfrag, in order
    const cfrags = kfrags.map((kf) => own(u.reencrypt(capsule, kf)));

    return {
      alice_sk: toHex(aliceSk.toBEBytes()),
      bob_sk: toHex(bobSk.toBEBytes()),
      signer_sk: toHex(signerSk.toBEBytes()),
      alice_pk: toHex(alicePk.toCompressedBytes()),
      bob_pk: toHex(bobPk.toCompressedBytes()),
      verifying_pk: toHex(verifyingPk.toCompressedBytes()),
      plaintext: toHex(cfg.plaintext),
      capsule: toHex(capsule.toBytes()),
      ciphertext: toHex(ciphertext),
      threshold: cfg.threshold,
      shares: cfg.shares,
      sign_delegating_key: cfg.signDk,
      sign_receiving_key: cfg.signRk,
      kfrags: kfrags.map((kf) => toHex(kf.toBytes())),
      cfrags: cfrags.map((cf) => toHex(cf.toBytes())),
    };
  } finally {
    for (const o of owned) freeQuietly(o);
  }
}

function freeQuietly(o) {
  try {
    if (o && typeof o.free === 'function' && o.__wbg_ptr !== 0) o.free();
  } catch (_) { /* already consumed */ }
}

function cmdGen(argv) {
  const { flags, positional } = parseArgs(argv, {
    seed: 'value', threshold: 'value', shares: 'value', 'no-sign-dk': 'bool', 'no-sign-rk': 'bool',
    'plaintext-hex': 'value', out: 'value', 'trace-rng': 'bool',
  });
  if (positional.length) throw new UsageError(`gen: unexpected argument "${positional[0]}"`);
  if (flags.out === undefined || flags.out === '') throw new UsageError('gen: --out FILE is required');
  const threshold = flags.threshold !== undefined ? parseIntArg('threshold', flags.threshold) : FIXED.threshold;
  const shares = flags.shares !== undefined ? parseIntArg('shares', flags.shares) : FIXED.shares;
  if (threshold < 1 || threshold > shares) {
    throw new UsageError(`gen: need 1 <= threshold <= shares, got threshold ${threshold}, shares ${shares}`);
  }
  let plaintext = FIXED.plaintext;
  if (flags['plaintext-hex'] !== undefined) {
    const p = fromHexStrict(flags['plaintext-hex'].toLowerCase());
    if (p === null) throw new UsageError('gen: --plaintext-hex is not valid hex');
    plaintext = Buffer.from(p);
  }
  const cfg = { threshold, shares, signDk: !flags['no-sign-dk'], signRk: !flags['no-sign-rk'], plaintext };

  if (flags.seed !== undefined || flags['trace-rng']) installRng(flags.seed, flags['trace-rng']);
  const u = umbral();
  const doc = generate(u, cfg);
  reportRngTotal();
  try {
    fs.writeFileSync(flags.out, JSON.stringify(doc, null, 2) + '\n');
  } catch (e) {
    throw new UsageError(`gen: cannot write ${flags.out}: ${e.code || e.message}`);
  }
  return EXIT_OK;
}

// ------------------------------------------------------------------------------------------------
// verify

const HEX_FIELDS = ['alice_sk', 'bob_sk', 'signer_sk', 'alice_pk', 'bob_pk', 'verifying_pk',
  'plaintext', 'capsule', 'ciphertext'];

/** Parses and validates the §6.4 JSON file. Throws UsageError on anything malformed. */
function loadInterchange(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e.code || e.message}`);
  }
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: malformed JSON (${e.message})`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new UsageError(`${file}: top level is not a JSON object`);
  }
  const d = {};
  for (const k of HEX_FIELDS) {
    if (!(k in doc)) throw new UsageError(`${file}: missing field "${k}"`);
    const b = fromHexStrict(doc[k]);
    if (b === null) throw new UsageError(`${file}: field "${k}" is not a lower-case hex string`);
    d[k] = b;
  }
  for (const k of ['threshold', 'shares']) {
    if (!(k in doc)) throw new UsageError(`${file}: missing field "${k}"`);
    if (!Number.isSafeInteger(doc[k]) || doc[k] < 0) throw new UsageError(`${file}: field "${k}" is not a non-negative integer`);
    d[k] = doc[k];
  }
  for (const k of ['sign_delegating_key', 'sign_receiving_key']) {
    if (!(k in doc)) throw new UsageError(`${file}: missing field "${k}"`);
    if (typeof doc[k] !== 'boolean') throw new UsageError(`${file}: field "${k}" is not a boolean`);
    d[k] = doc[k];
  }
  for (const k of ['kfrags', 'cfrags']) {
    if (!(k in doc)) throw new UsageError(`${file}: missing field "${k}"`);
    if (!Array.isArray(doc[k])) throw new UsageError(`${file}: field "${k}" is not an array`);
    d[k] = doc[k].map((s, i) => {
      const b = fromHexStrict(s);
      if (b === null) throw new UsageError(`${file}: ${k}[${i}] is not a lower-case hex string`);
      return b;
    });
  }
  d.raw = doc;
  return d;
}

function errText(e) {
  if (e === null || e === undefined) return String(e);
  const msg = e instanceof Error ? `${e.name === 'Error' ? '' : e.name + ': '}${e.message}` : String(e);
  return msg.replace(/\s*\n\s*/g, ' ');
}

function cmdVerify(argv) {
  const { flags, positional } = parseArgs(argv, { seed: 'value', 'trace-rng': 'bool' });
  if (positional.length !== 1) throw new UsageError('verify: exactly one FILE is required');
  const d = loadInterchange(positional[0]);

  if (flags.seed !== undefined || flags['trace-rng']) installRng(flags.seed, flags['trace-rng']);
  const u = umbral();

  let passed = 0;
  let failed = 0;
  const owned = [];
  const own = (o) => { owned.push(o); return o; };

  /** Runs one check. `fn` returns a value (kept) or throws; a thrown Error is reported as the failure reason. */
  function check(name, fn) {
    try {
      const v = fn();
      console.log(`ok   ${name}`);
      passed += 1;
      return v === undefined ? true : v;
    } catch (e) {
      console.log(`FAIL ${name}: ${errText(e)}`);
      failed += 1;
      return null;
    }
  }
  function need(v, what) {
    if (v === null || v === undefined) throw new Error(`skipped, ${what} unavailable`);
    return v;
  }
  function expectBytes(actual, expected, what) {
    if (!bytesEqual(actual, expected)) {
      throw new Error(`${what} differs: got ${toHex(actual)}, expected ${toHex(expected)}`);
    }
  }

  try {
    // Optional: the file must be exactly what the reference produces from the same seed and parameters.
    if (flags.seed !== undefined) {
      check('seeded regeneration matches file byte for byte', () => {
        if (d.threshold < 1 || d.threshold > d.shares) throw new Error('threshold/shares out of range');
        if (!bytesEqual(d.alice_sk, FIXED.alice_sk) || !bytesEqual(d.bob_sk, FIXED.bob_sk) ||
            !bytesEqual(d.signer_sk, FIXED.signer_sk)) {
          throw new Error('file does not use the fixed keys of spec §6.2');
        }
        const ref = generate(u, {
          threshold: d.threshold, shares: d.shares, signDk: d.sign_delegating_key,
          signRk: d.sign_receiving_key, plaintext: Buffer.from(d.plaintext),
        });
        const diffs = [];
        for (const k of Object.keys(ref)) {
          const a = JSON.stringify(ref[k]);
          const b = JSON.stringify(d.raw[k]);
          if (a !== b) diffs.push(k);
        }
        if (diffs.length) throw new Error(`fields differ: ${diffs.join(', ')}`);
      });
    }

    // Keys: each secret key yields the stated public key.
    const aliceSk = check('alice_sk yields alice_pk', () => {
      const sk = own(u.SecretKey.fromBEBytes(d.alice_sk));
      const pk = own(sk.publicKey());
      expectBytes(pk.toCompressedBytes(), d.alice_pk, 'alice_pk');
      return sk;
    });
    const bobSk = check('bob_sk yields bob_pk', () => {
      const sk = own(u.SecretKey.fromBEBytes(d.bob_sk));
      const pk = own(sk.publicKey());
      expectBytes(pk.toCompressedBytes(), d.bob_pk, 'bob_pk');
      return sk;
    });
    check('signer_sk yields verifying_pk', () => {
      const sk = own(u.SecretKey.fromBEBytes(d.signer_sk));
      const signer = own(new u.Signer(sk));
      const vpk = own(signer.verifyingKey());
      expectBytes(vpk.toCompressedBytes(), d.verifying_pk, 'verifying_pk');
    });
    const loadPk = (field) => check(`${field} parses`, () => {
      const pk = own(u.PublicKey.fromCompressedBytes(d[field]));
      expectBytes(pk.toCompressedBytes(), d[field], `re-serialized ${field}`);
      return pk;
    });
    const alicePk = loadPk('alice_pk');
    const bobPk = loadPk('bob_pk');
    const verifyingPk = loadPk('verifying_pk');

    // Capsule.
    const capsule = check('capsule parses (Capsule.fromBytes)', () => own(u.Capsule.fromBytes(d.capsule)));
    check('capsule re-serializes byte-identically', () => {
      expectBytes(need(capsule, 'capsule').toBytes(), d.capsule, 'capsule');
    });
    check('decryptOriginal(alice_sk) == plaintext', () => {
      const pt = u.decryptOriginal(need(aliceSk, 'alice_sk'), need(capsule, 'capsule'), d.ciphertext);
      expectBytes(pt, d.plaintext, 'plaintext');
    });

    check(`kfrags count == shares (${d.shares})`, () => {
      if (d.kfrags.length !== d.shares) throw new Error(`file has ${d.kfrags.length} kfrags`);
    });
    check(`cfrags count == shares (${d.shares})`, () => {
      if (d.cfrags.length !== d.shares) throw new Error(`file has ${d.cfrags.length} cfrags`);
    });

    // KeyFrags: parse, re-serialize, verify, re-encrypt on the reference side, verify that cfrag.
    const dkArg = () => (d.sign_delegating_key ? need(alicePk, 'alice_pk') : null);
    const rkArg = () => (d.sign_receiving_key ? need(bobPk, 'bob_pk') : null);
    const refCfrags = [];
    d.kfrags.forEach((kb, i) => {
      const kfrag = check(`kfrag[${i}] parses (KeyFrag.fromBytes)`, () => {
        const kf = u.KeyFrag.fromBytes(kb);
        const out = kf.toBytes();
        kf.free();
        return out;
      });
      check(`kfrag[${i}] re-serializes byte-identically`, () => {
        expectBytes(need(kfrag, 'kfrag'), kb, 'kfrag');
      });
      const vkfrag = check(`kfrag[${i}] verifies (verifying_pk, ${d.sign_delegating_key ? 'alice_pk' : 'null'}, ` +
                           `${d.sign_receiving_key ? 'bob_pk' : 'null'})`, () => {
        need(kfrag, 'kfrag');
        const kf = u.KeyFrag.fromBytes(kb); // verify() consumes kf, even when it throws
        return own(kf.verify(need(verifyingPk, 'verifying_pk'), dkArg(), rkArg()));
      });
      const refCfrag = check(`kfrag[${i}] re-encrypts (reference) to a cfrag that verifies`, () => {
        const vcf = u.reencrypt(need(capsule, 'capsule'), need(vkfrag, 'verified kfrag'));
        const bytes = vcf.toBytes();
        vcf.free();
        const cf = u.CapsuleFrag.fromBytes(bytes);
        return own(cf.verify(capsule, verifyingPk, need(alicePk, 'alice_pk'), need(bobPk, 'bob_pk')));
      });
      refCfrags.push(refCfrag);
    });

    // CapsuleFrags from the file: parse, re-serialize, verify.
    const fileCfrags = [];
    d.cfrags.forEach((cb, i) => {
      const cfrag = check(`cfrag[${i}] parses (CapsuleFrag.fromBytes)`, () => {
        const cf = u.CapsuleFrag.fromBytes(cb);
        const out = cf.toBytes();
        cf.free();
        return out;
      });
      check(`cfrag[${i}] re-serializes byte-identically`, () => {
        expectBytes(need(cfrag, 'cfrag'), cb, 'cfrag');
      });
      const vcfrag = check(`cfrag[${i}] verifies (capsule, verifying_pk, alice_pk, bob_pk)`, () => {
        need(cfrag, 'cfrag');
        const cf = u.CapsuleFrag.fromBytes(cb); // verify() consumes cf, even when it throws
        return own(cf.verify(need(capsule, 'capsule'), need(verifyingPk, 'verifying_pk'),
          need(alicePk, 'alice_pk'), need(bobPk, 'bob_pk')));
      });
      fileCfrags.push(vcfrag);
    });

    const decryptWith = (label, list) => check(
      `decryptReencrypted(bob_sk, first ${d.threshold} ${label} cfrags) == plaintext`, () => {
        if (d.threshold < 1) throw new Error('threshold must be at least 1');
        if (list.length < d.threshold) throw new Error(`only ${list.length} cfrags available`);
        const chosen = list.slice(0, d.threshold).map((c, i) => need(c, `${label} cfrag[${i}]`));
        const pt = u.decryptReencrypted(need(bobSk, 'bob_sk'), need(alicePk, 'alice_pk'),
          need(capsule, 'capsule'), chosen, d.ciphertext);
        expectBytes(pt, d.plaintext, 'plaintext');
      });
    decryptWith('file', fileCfrags);
    decryptWith('reference-made', refCfrags);
  } finally {
    for (const o of owned) freeQuietly(o);
  }
  reportRngTotal();
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? EXIT_OK : EXIT_FAIL;
}

// ------------------------------------------------------------------------------------------------
// bench

function nowSec() {
  return Number(process.hrtime.bigint()) / 1e9;
}

/** Runs `op` for at least `seconds`; returns seconds per op. */
function timeRound(op, seconds) {
  let n = 0;
  const start = nowSec();
  let elapsed = 0;
  do {
    op();
    n += 1;
    elapsed = nowSec() - start;
  } while (elapsed < seconds);
  return elapsed / n;
}

/** Warm-up, then 3 rounds; returns { median, rounds } in seconds per op. */
function measure(op, seconds, warmup) {
  timeRound(op, warmup);
  const rounds = [timeRound(op, seconds), timeRound(op, seconds), timeRound(op, seconds)];
  const sorted = rounds.slice().sort((a, b) => a - b);
  return { median: sorted[1], rounds };
}

function round1(x) {
  return Math.round(x * 10) / 10;
}

function cmdBench(argv) {
  const { flags, positional } = parseArgs(argv, { json: 'bool', seconds: 'value' });
  if (positional.length) throw new UsageError(`bench: unexpected argument "${positional[0]}"`);
  let seconds = 1.0;
  if (flags.seconds !== undefined) {
    const s = flags.seconds;
    if (!/^[0-9]*\.?[0-9]+$/.test(s) || !(Number(s) > 0)) throw new UsageError(`bench: --seconds must be a positive number, got "${s}"`);
    seconds = Number(s);
  }
  const warmup = seconds / 2;
  const u = umbral();

  // Fixture objects (random keys, both kfrag flags true); freed at the end.
  const aliceSk = u.SecretKey.random();
  const alicePk = aliceSk.publicKey();
  const bobSk = u.SecretKey.random();
  const bobPk = bobSk.publicKey();
  const signerSk = u.SecretKey.random();
  const signer = new u.Signer(signerSk);
  const verifyingPk = signer.verifyingKey();
  const msg13 = new Uint8Array(Buffer.from('peace at dawn', 'utf8'));
  const msg1m = new Uint8Array(1048576);
  nodeCrypto.randomFillSync(msg1m);

  const [capsule, ct] = u.encrypt(alicePk, msg13);
  const kfrags3 = u.generateKFrags(aliceSk, bobPk, signer, 2, 3, true, true);
  const kfrags20 = u.generateKFrags(aliceSk, bobPk, signer, 10, 20, true, true);
  const kfragBytes = kfrags3[0].toBytes();
  const cfrags3 = kfrags3.map((kf) => u.reencrypt(capsule, kf));
  const cfrags20 = kfrags20.map((kf) => u.reencrypt(capsule, kf));
  const cfragBytes = cfrags3[0].toBytes();
  const two = cfrags3.slice(0, 2);
  const ten = cfrags20.slice(0, 10);

  const ops = [
    ['encrypt', 'encrypt, 13-byte message', () => { const [c] = u.encrypt(alicePk, msg13); c.free(); }],
    ['decrypt_original', 'decryptOriginal', () => { u.decryptOriginal(aliceSk, capsule, ct); }],
    ['generate_kfrags_2_of_3', 'generateKFrags 2-of-3', () => {
      for (const k of u.generateKFrags(aliceSk, bobPk, signer, 2, 3, true, true)) k.free();
    }],
    ['generate_kfrags_10_of_20', 'generateKFrags 10-of-20', () => {
      for (const k of u.generateKFrags(aliceSk, bobPk, signer, 10, 20, true, true)) k.free();
    }],
    ['verify_kfrag', 'KeyFrag.fromBytes + verify', () => {
      u.KeyFrag.fromBytes(kfragBytes).verify(verifyingPk, alicePk, bobPk).free();
    }],
    ['reencrypt', 'reencrypt (2-of-3 policy)', () => { u.reencrypt(capsule, kfrags3[0]).free(); }],
    ['verify_cfrag', 'CapsuleFrag.fromBytes + verify', () => {
      u.CapsuleFrag.fromBytes(cfragBytes).verify(capsule, verifyingPk, alicePk, bobPk).free();
    }],
    ['decrypt_reencrypted_2', 'decryptReencrypted, 2 cfrags', () => {
      u.decryptReencrypted(bobSk, alicePk, capsule, two, ct);
    }],
    ['decrypt_reencrypted_10', 'decryptReencrypted, 10 cfrags', () => {
      u.decryptReencrypted(bobSk, alicePk, capsule, ten, ct);
    }],
  ];

  const result = {};
  const rows = [];
  try {
    for (const [key, label, op] of ops) {
      const m = measure(op, seconds, warmup);
      result[key] = round1(m.median * 1e6);
      rows.push({ label, us: m.median * 1e6, opsPerSec: 1 / m.median, rounds: m.rounds });
    }
    const dem = measure(() => { const [c] = u.encrypt(alicePk, msg1m); c.free(); }, seconds, warmup);
    const mbps = msg1m.length / 1e6 / dem.median;
    result.dem_mb_per_s = round1(mbps);
    rows.push({ label: 'encrypt, 1 MiB message', us: dem.median * 1e6, opsPerSec: 1 / dem.median, rounds: dem.rounds, mbps });
  } finally {
    for (const o of [aliceSk, alicePk, bobSk, bobPk, signerSk, signer, verifyingPk, capsule,
      ...kfrags3, ...kfrags20, ...cfrags3, ...cfrags20]) freeQuietly(o);
  }

  if (flags.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`@nucypher/umbral-pre 0.10.0 (WASM), Node ${process.version}, single thread; ` +
                `warm-up ${warmup} s, 3 rounds of >= ${seconds} s, median round`);
    const w = Math.max(...rows.map((r) => r.label.length));
    console.log(`${'operation'.padEnd(w)}  ${'µs/op'.padStart(10)}  ${'ops/s'.padStart(9)}  ${'spread'.padStart(6)}`);
    for (const r of rows) {
      const spread = (Math.max(...r.rounds) - Math.min(...r.rounds)) / Math.min(...r.rounds) * 100;
      let line = `${r.label.padEnd(w)}  ${r.us.toFixed(1).padStart(10)}  ${r.opsPerSec.toFixed(1).padStart(9)}  ` +
                 `${(spread.toFixed(1) + '%').padStart(6)}`;
      if (r.mbps !== undefined) line += `  (${r.mbps.toFixed(1)} MB/s)`;
      console.log(line);
    }
  }
  return EXIT_OK;
}

// ------------------------------------------------------------------------------------------------

function main(argv) {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'gen': return cmdGen(rest);
    case 'verify': return cmdVerify(rest);
    case 'bench': return cmdBench(rest);
    case '-h': case '--help': case 'help':
      console.log(USAGE);
      return EXIT_OK;
    case undefined:
      throw new UsageError('missing subcommand (gen, verify or bench); see --help');
    default:
      throw new UsageError(`unknown subcommand "${cmd}" (expected gen, verify or bench)`);
  }
}

let code;
try {
  code = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`${path.basename(__filename)}: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
    code = EXIT_USAGE;
  } else {
    process.stderr.write(`${path.basename(__filename)}: error: ${errText(e)}\n`);
    code = EXIT_FAIL;
  }
}
process.exitCode = code;
