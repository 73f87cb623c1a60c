// Compiles chain/contracts/*.sol with solc-js (tools/chain) into <out>/<Contract>.abi and .bin.
// EVM version pinned to shanghai: the newest ganache 7.9.2 runs (solc 0.8.37 defaults to osaka).
// Usage: node chain/compile.js <out-dir>
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require(path.join(__dirname, '..', 'tools', 'chain', 'node_modules', 'solc'));

const dir = path.join(__dirname, 'contracts');
const out = process.argv[2] || path.join(__dirname, 'target', 'solc');
const sources = {};
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(dir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    viaIR: false,
    evmVersion: 'shanghai',
    metadata: { bytecodeHash: 'none' },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
let failed = false;
for (const e of output.errors || []) {
  if (e.severity === 'error') failed = true;
  process.stderr.write(e.formattedMessage + '\n');
}
if (failed) process.exit(1);
fs.mkdirSync(out, { recursive: true });
for (const file of Object.keys(output.contracts)) {
  for (const [name, c] of Object.entries(output.contracts[file])) {
    if (!c.evm.bytecode.object || c.abi.length === 0) continue; // interfaces, abstract contracts, internal libraries
    fs.writeFileSync(path.join(out, name + '.abi'), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(out, name + '.bin'), c.evm.bytecode.object);
  }
}
process.stdout.write('solc ' + solc.version() + ': ' + Object.keys(sources).length + ' source(s) -> ' + out + '\n');
