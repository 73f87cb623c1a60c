#!/usr/bin/env node
// Starts s3rver on 127.0.0.1 with a free port, storing under the directory given, with the buckets named; prints
// one JSON line {"port": N} once it listens, and stops when its stdin closes (so it dies with the test JVM).
'use strict';
const S3rver = require('s3rver');

const [directory, ...buckets] = process.argv.slice(2);
if (!directory) {
  console.error('usage: serve.js DIRECTORY [BUCKET...]');
  process.exit(2);
}
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name })),
});
server.run().then(
  (address) => {
    process.stdout.write(JSON.stringify({ port: address.port }) + '\n');
  },
  (err) => {
    console.error('s3rver did not start: ' + err.message);
    process.exit(1);
  },
);
process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.resume();
