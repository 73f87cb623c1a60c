#!/usr/bin/env node
// Drives the daemon's web console in a real browser: Debian's chromium through playwright-core.
//
//   node console-test.mjs URL TOKEN BOB_CARD
//
// URL is the daemon (http://127.0.0.1:PORT), TOKEN its bearer token, BOB_CARD the card (hex) to
// grant to. Checks that a missing and a wrong token show the daemon's 401 detail, then grants a
// policy to BOB_CARD through the page's form, sees it active, revokes it through the page, sees it
// revoked (also after a reload). Prints one line per step and, on success, "policy ID LABEL" for
// the caller to check through the API. Exit 0 only when every step passed.
import { chromium } from 'playwright-core';

const EXECUTABLE = process.env.NKMS_CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT = 20_000;
const NETWORK_TIMEOUT = 90_000; // grant and revoke talk to every node of the policy

const [url, token, bobCard] = process.argv.slice(2);
if (!url || !token || !bobCard) {
  console.error('usage: node console-test.mjs URL TOKEN BOB_CARD');
  process.exit(2);
}
const base = url.replace(/\/+$/, '');

let failed = false;
function ok(step, what = '') {
  console.log('ok   ' + step + (what ? ': ' + what : ''));
}
function check(condition, message) {
  if (!condition) throw new Error(message);
}
async function step(name, body) {
  if (failed) {
    console.log('skip ' + name);
    return undefined;
  }
  try {
    const what = await body();
    ok(name, what);
    return what;
  } catch (e) {
    failed = true;
    console.log('FAIL ' + name + ': ' + String(e && e.message ? e.message : e).split('\n')[0]);
    return undefined;
  }
}

/** A page in a fresh context (no sessionStorage), failing on script errors and CSP refusals. */
async function freshPage(browser, problems) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('pageerror', (e) => problems.push('script error: ' + e.message));
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push('CSP: ' + text);
  });
  return page;
}

async function statusText(page) {
  return ((await page.locator('#status').textContent()) || '').trim();
}

/** Waits until the status line reads `expected`; the message names what it read instead. */
async function expectStatus(page, expected, timeout = STEP_TIMEOUT) {
  try {
    await page.waitForFunction(
      (want) => (document.getElementById('status').textContent || '').trim() === want,
      expected,
      { timeout },
    );
  } catch (e) {
    throw new Error('status line reads "' + (await statusText(page)) + '", not "' + expected + '"');
  }
}

/** Waits for the status line to settle (ok or error) and returns its kind and text. */
async function settled(page, timeout) {
  await page.waitForFunction(
    () => ['ok', 'error'].includes(document.getElementById('status').dataset.kind),
    null,
    { timeout },
  );
  return { kind: await page.locator('#status').getAttribute('data-kind'), text: await statusText(page) };
}

const row = (page, label) => page.locator('#policies-body tr[data-testid="policy-row"][data-label="' + label + '"]');

async function main() {
  // What the daemon itself says without a token: the page must show exactly that.
  const refused = await fetch(base + '/v1/identity', { headers: { Accept: 'application/json' } });
  const refusal = await refused.json().catch(() => ({}));
  check(refused.status === 401, 'GET /v1/identity without a token answered ' + refused.status + ', not 401');
  check(typeof refusal.detail === 'string' && refusal.detail !== '', 'the 401 has no detail');

  let browser;
  try {
    browser = await chromium.launch({ executablePath: EXECUTABLE, headless: true, args: ['--no-sandbox'] });
  } catch (e) {
    console.log('FAIL launch ' + EXECUTABLE + ': ' + String(e.message).split('\n')[0]);
    return 1;
  }
  const problems = [];
  const label = 'console-' + Date.now().toString(36);
  let policy;
  try {
    await step('missing token shows the 401 detail', async () => {
      const page = await freshPage(browser, problems);
      await page.goto(base + '/');
      await expectStatus(page, refusal.detail);
      check(await page.locator('#token-input').isVisible(), 'no token field to paste into');
      check(!(await page.locator('#console').isVisible()), 'the console shows without a token');
      await page.context().close();
      return refusal.detail;
    });

    await step('wrong token shows the 401 detail', async () => {
      const page = await freshPage(browser, problems);
      await page.goto(base + '/#token=' + 'f'.repeat(64));
      await expectStatus(page, refusal.detail);
      check(new URL(page.url()).hash === '', 'the token stays in the address bar: ' + page.url());
      check(await page.locator('#token-input').isVisible(), 'no token field after a wrong token');
      // Pasting the right one recovers.
      await page.locator('#token-input').fill(token);
      await page.locator('#token-submit').click();
      await page.waitForSelector('body[data-loaded="true"]');
      await page.context().close();
      return 'and pasting the right token loads the console';
    });

    const page = await freshPage(browser, problems);
    await step('the console loads with the token from the fragment', async () => {
      await page.goto(base + '/#token=' + token);
      await page.waitForSelector('body[data-loaded="true"]');
      check(!page.url().includes(token), 'the token stays in the address bar');
      check(new URL(page.url()).hash === '', 'the fragment stays: ' + new URL(page.url()).hash);
      const card = await page.locator('#my-card').inputValue();
      check(/^[0-9a-f]{40,}$/.test(card), 'no card of this user shown: "' + card.slice(0, 40) + '"');
      return 'card ' + card.slice(0, 12) + '…, status "' + (await statusText(page)) + '"';
    });

    await step('a refused grant shows the daemon\'s detail', async () => {
      await page.locator('#grant-bob').fill('not-a-card');
      await page.locator('#grant-label').fill(label);
      await page.locator('#grant-submit').click();
      const s = await settled(page, STEP_TIMEOUT);
      check(s.kind === 'error', 'the page says "' + s.text + '" as ' + s.kind);
      check(/bob/i.test(s.text) && !/\bat [\w.$]+\(|Exception/.test(s.text), 'not the daemon\'s one-line detail: ' + s.text);
      check((await row(page, label).count()) === 0, 'a refused grant is listed');
      return s.text;
    });

    await step('grant through the form', async () => {
      await page.locator('#grant-bob').fill(bobCard);
      await page.locator('#grant-label').fill(label);
      await page.locator('#grant-expires').fill('2h');
      await page.locator('#grant-threshold').fill('2');
      await page.locator('#grant-shares').fill('3');
      await page.locator('#grant-access-log').check();
      await page.locator('#grant-submit').click();
      const s = await settled(page, NETWORK_TIMEOUT);
      check(s.kind === 'ok', 'the page says: ' + s.text);
      const map = page.locator('#grant-maps [data-testid="treasure-map"]');
      check((await map.count()) === 1, 'expected one treasure map, saw ' + (await map.count()));
      const text = await map.inputValue();
      check(/^[A-Za-z0-9+/]+=*$/.test(text) && text.length > 100, 'the treasure map is not base64: ' + text.slice(0, 40));
      policy = await map.getAttribute('data-policy');
      check(/^[0-9a-f]{32}$/.test(policy || ''), 'no policy id on the map: ' + policy);
      return label + ' → policy ' + policy + ', map ' + text.length + ' chars';
    });

    await step('the granted policy is listed as active', async () => {
      const r = row(page, label);
      await r.waitFor();
      check((await r.getAttribute('data-policy')) === policy, 'the row holds another policy');
      const state = (await r.locator('[data-testid="policy-state"]').textContent()).trim();
      check(state === 'active', 'state is "' + state + '", not active');
      const mn = (await r.locator('[data-testid="policy-mn"]').textContent()).trim();
      check(mn === '2 of 3', 'm-of-n is "' + mn + '"');
      const bob = await r.locator('[data-testid="policy-bob"] code').getAttribute('data-full');
      // The daemon lists Bob by his verifying key, which his card holds.
      check(bob && bob.length >= 66 && bobCard.trim().toLowerCase().includes(bob), 'the row names another Bob: ' + bob);
      const conditions = (await r.locator('[data-testid="policy-conditions"]').textContent()).trim();
      check(conditions.includes('access log'), 'conditions read "' + conditions + '"');
      return state + ', ' + mn + ', ' + conditions;
    });

    await step('renew through the page', async () => {
      const r = row(page, label);
      const before = await r.locator('[data-testid="policy-expires"] time').getAttribute('datetime');
      await r.locator('[data-testid="renew-expires"]').fill('3d');
      await r.locator('[data-testid="renew"]').click();
      const s = await settled(page, NETWORK_TIMEOUT);
      check(s.kind === 'ok', 'the page says: ' + s.text);
      const after = await row(page, label).locator('[data-testid="policy-expires"] time').getAttribute('datetime');
      check(Date.parse(after) - Date.parse(before) > 24 * 3600 * 1000, 'expiry moved from ' + before + ' to ' + after);
      return before + ' → ' + after;
    });

    await step('revoke through the page', async () => {
      await row(page, label).locator('[data-testid="revoke"]').click();
      const s = await settled(page, NETWORK_TIMEOUT);
      check(s.kind === 'ok', 'the page says: ' + s.text);
      return s.text;
    });

    await step('the page shows the policy revoked', async () => {
      const r = row(page, label);
      const state = (await r.locator('[data-testid="policy-state"]').textContent()).trim();
      check(state === 'revoked', 'state is "' + state + '", not revoked');
      check(await r.locator('[data-testid="revoke"]').isDisabled(), 'Revoke is still offered');
      const receipts = Number((await r.locator('[data-testid="policy-receipts"]').textContent()).trim());
      check(receipts >= 1, 'no revocation receipts kept');
      const unconfirmed = (await r.locator('[data-testid="policy-unconfirmed"]').textContent()).trim();
      check(unconfirmed === 'none', 'unconfirmed nodes: ' + unconfirmed);
      return state + ', ' + receipts + ' receipt(s)';
    });

    await step('the nodes say revoked too (Ask nodes)', async () => {
      await row(page, label).locator('[data-testid="ask-nodes"]').click();
      const s = await settled(page, NETWORK_TIMEOUT);
      check(s.kind === 'ok', 'the page says: ' + s.text);
      const states = await page.locator('#at-nodes-body tr[data-testid="at-node-row"]').evaluateAll((rows) => rows.map((r) => r.dataset.state));
      check(states.length >= 1, 'no node answered');
      check(states.every((x) => x === 'revoked'), 'the nodes say: ' + states.join(', '));
      return states.length + ' node(s) say revoked';
    });

    await step('after a reload: still revoked, nodes listed', async () => {
      await page.reload();
      await page.waitForSelector('body[data-loaded="true"]');
      const state = (await row(page, label).locator('[data-testid="policy-state"]').textContent()).trim();
      check(state === 'revoked', 'state is "' + state + '" after a reload');
      const nodes = await page.locator('#nodes-body tr[data-testid="node-row"]').count();
      check(nodes >= 1, 'no nodes listed');
      return state + ', ' + nodes + ' node(s) listed';
    });

    await step('no script errors or CSP refusals', async () => {
      check(problems.length === 0, problems.join(' | '));
      return '';
    });
  } finally {
    await browser.close();
  }
  if (!failed) console.log('policy ' + policy + ' ' + label);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.log('FAIL ' + String(e && e.message ? e.message : e).split('\n')[0]);
    process.exit(1);
  },
);
