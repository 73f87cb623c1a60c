#!/usr/bin/env node
// Starts a js-ipfs node on a fresh repo in the directory given (or $IPFS_PATH), offline: no libp2p at all (so no
// bootstrap peers, MDNS, swarm listeners or NAT mapping), no preload requests, and the Kubo RPC API on 127.0.0.1 at a
// free port. Prints one JSON line {"api": "http://127.0.0.1:PORT"} once the API listens, and stops when its stdin
// closes (so it dies with the test JVM).

// js-ipfs is no longer maintained, and some of its dependencies' newer releases (in the ranges it allows) call
// Promise.withResolvers, which Node 20 lacks: supply it before they load (hence the dynamic imports below).
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
const { create } = await import('ipfs');
// ipfs-http-server comes with ipfs (through ipfs-cli and ipfs-daemon, same release); the daemon command would also
// start a gateway and a gRPC server, which the tests do not need.
const { HttpApi } = await import('ipfs-http-server');

const directory = process.argv[2] || process.env.IPFS_PATH;
if (!directory) {
  console.error('usage: serve.js DIRECTORY (or set IPFS_PATH)');
  process.exit(2);
}

let node;
let api;

async function start() {
  node = await create({
    repo: directory,
    offline: true,
    silent: true,
    preload: { enabled: false },
    // An empty repo: no init documents pinned, so the tests see only their own pins. Ed25519: no slow RSA keygen.
    init: { emptyRepo: true, algorithm: 'Ed25519' },
    config: {
      Bootstrap: [],
      Addresses: { API: '/ip4/127.0.0.1/tcp/0', Swarm: [], Delegates: [] },
      Discovery: { MDNS: { Enabled: false }, webRTCStar: { Enabled: false } },
    },
  });
  api = new HttpApi(node);
  await api.start();
  const { port } = api.apiAddr.nodeAddress();
  process.stdout.write(JSON.stringify({ api: `http://127.0.0.1:${port}` }) + '\n');
}

async function stop() {
  try {
    if (api) await api.stop();
    if (node) await node.stop();
  } finally {
    process.exit(0);
  }
}

start().catch((err) => {
  console.error('js-ipfs did not start: ' + (err && err.stack ? err.stack : err));
  process.exit(1);
});
process.stdin.on('end', stop);
process.stdin.resume();
