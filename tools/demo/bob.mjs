#!/usr/bin/env node
// Bob reads files shared with him through his own nkms daemon, with nothing but Node's fetch (no npm packages):
// `./nkms demo app` runs it. For each location it prints one line: `read LOCATION: FIRST LINE` or, when the daemon
// answers with a problem (RFC 9457), `refused LOCATION: REASON — DETAIL`. Secrets (the token, the map) are read
// from files, never printed. Exit 0: every read succeeded; 1: at least one was refused; 2: anything else.
//
// usage: node bob.mjs DAEMON_URL TOKEN_FILE TREASURE_MAP_FILE LOCATION...
import { readFile } from 'node:fs/promises';

const [url, tokenFile, mapFile, ...locations] = process.argv.slice(2);
if (!url || !tokenFile || !mapFile || locations.length === 0) {
  console.error('usage: node bob.mjs DAEMON_URL TOKEN_FILE TREASURE_MAP_FILE LOCATION...');
  process.exit(2);
}

try {
  const token = (await readFile(tokenFile, 'ascii')).trim();
  const treasureMap = (await readFile(mapFile, 'ascii')).trim();
  let refused = false;
  for (const location of locations) {
    const response = await fetch(url + '/v1/read', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ location, treasure_map: treasureMap }),
    });
    const type = response.headers.get('content-type') || '';
    if (response.ok) {
      const text = await response.text();
      console.log(`read ${location}: ${text.split('\n', 1)[0]}`);
    } else if (type.startsWith('application/problem+json')) {
      const problem = await response.json();
      console.log(`refused ${location}: ${problem.reason} — ${problem.detail}`);
      refused = true;
    } else {
      console.log(`failed ${location}: HTTP ${response.status}`);
      process.exit(2);
    }
  }
  process.exit(refused ? 1 : 0);
} catch (err) {
  console.log('failed: ' + (err && err.message ? err.message : err));
  process.exit(2);
}
