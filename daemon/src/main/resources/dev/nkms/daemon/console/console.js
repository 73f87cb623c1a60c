// The nkms web console: a data owner's view of the local daemon's API (openapi.json).
// Plain ES2020 module, no build step. Every piece of data reaches the page through textContent or
// attribute values, never as markup. The token comes from the URL fragment (#token=…, which the
// browser never sends), is moved to sessionStorage, and travels only in the Authorization header.

const TOKEN_KEY = 'nkms-token';
const $ = (id) => document.getElementById(id);

/** An element with attributes (strings only) and children (nodes, or text). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// ------------------------------------------------------------------------------------ the token

function takeTokenFromFragment() {
  const hash = window.location.hash;
  if (!hash.startsWith('#')) return;
  const params = new URLSearchParams(hash.slice(1));
  const token = params.get('token');
  if (token === null) return;
  // Out of the address bar and the history before anything else happens.
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  if (token.trim() !== '') sessionStorage.setItem(TOKEN_KEY, token.trim());
}

const token = () => sessionStorage.getItem(TOKEN_KEY);

// ------------------------------------------------------------------------------------ the API

/** A refusal from the daemon: its problem details (RFC 9457), of which the page shows detail. */
class ApiError extends Error {
  constructor(status, reason, detail) {
    super(detail);
    this.status = status;
    this.reason = reason;
  }
}

/** One line, however long or multi-line the text someone sent. */
function oneLine(text) {
  const s = String(text).replace(/\s+/g, ' ').trim();
  return s.length <= 300 ? s : s.slice(0, 299) + '…';
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const t = token();
  if (t) headers.Authorization = 'Bearer ' + t;
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'unreachable', 'cannot reach the daemon (' + oneLine(e.message) + '); is it still running?');
  }
  const type = res.headers.get('Content-Type') || '';
  let json = null;
  if (type.includes('json')) {
    try {
      json = await res.json();
    } catch (e) {
      json = null;
    }
  }
  if (!res.ok) {
    const detail = json && typeof json.detail === 'string' ? json.detail : 'HTTP ' + res.status + ' ' + res.statusText;
    const reason = json && typeof json.reason === 'string' ? json.reason : 'http-' + res.status;
    throw new ApiError(res.status, reason, oneLine(detail));
  }
  if (json === null) throw new ApiError(res.status, 'bad-answer', 'the daemon answered ' + method + ' ' + path + ' without JSON');
  return json;
}

// ------------------------------------------------------------------------------------ the status line

function say(text, kind = 'info') {
  const s = $('status');
  s.textContent = oneLine(text);
  s.dataset.kind = kind;
}

/** Shows a failure; a 401 also asks for the token again. */
function fail(e) {
  const detail = e instanceof ApiError ? e.message : 'unexpected error: ' + oneLine(e && e.message ? e.message : e);
  say(detail, 'error');
  if (e instanceof ApiError && e.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    showTokenForm();
  }
}

function showTokenForm() {
  $('token-section').hidden = false;
  $('console').hidden = true;
  $('token-input').focus();
}

// ------------------------------------------------------------------------------------ formatting

function shortHex(hex) {
  return hex.length <= 20 ? hex : hex.slice(0, 8) + '…' + hex.slice(-8);
}

function when(iso) {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function bytes(n) {
  if (n < 1024) return n + ' B';
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < units.length - 1);
  return v.toFixed(1) + ' ' + units[u];
}

function describeConditions(c) {
  const parts = [];
  if (c && c.access_log) parts.push('access log');
  if (c && c.window) parts.push('window ' + when(c.window.start) + ' – ' + when(c.window.end));
  return parts.length ? parts.join('; ') : 'none';
}

function cell(testid, ...children) {
  return el('td', { 'data-testid': testid }, ...children);
}

function hexCell(testid, hex) {
  return cell(testid, el('code', { title: hex, 'data-full': hex }, shortHex(hex)));
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    say(what + ' copied to the clipboard', 'ok');
  } catch (e) {
    say('could not copy ' + what + ' (' + oneLine(e.message) + '); select it and copy by hand', 'error');
  }
}

// ------------------------------------------------------------------------------------ policies

function policyRow(p) {
  const unconfirmed = Object.entries(p.unconfirmed || {});
  const unconfirmedCell = cell('policy-unconfirmed');
  if (unconfirmed.length === 0) {
    unconfirmedCell.append('none');
  } else {
    const list = el('ul');
    for (const [node, why] of unconfirmed) {
      list.append(el('li', {}, el('code', { title: node }, shortHex(node)), ': ' + oneLine(why)));
    }
    unconfirmedCell.append(list);
  }

  const done = p.state === 'revoked';
  const renewInput = el('input', {
    type: 'text',
    value: '7d',
    size: 10,
    'data-testid': 'renew-expires',
    'aria-label': 'New expiry for ' + p.label,
    disabled: done,
  });
  const renew = el('button', { type: 'button', 'data-testid': 'renew', disabled: done }, 'Renew');
  const revoke = el('button', { type: 'button', 'data-testid': 'revoke', class: 'danger', disabled: done }, 'Revoke');
  renew.setAttribute('aria-label', 'Renew ' + p.label);
  revoke.setAttribute('aria-label', 'Revoke ' + p.label);
  renew.addEventListener('click', () => act(p, 'renew', renewInput.value.trim(), [renew, revoke]));
  revoke.addEventListener('click', () => act(p, 'revoke', null, [renew, revoke]));
  const ask = el('button', { type: 'button', 'data-testid': 'ask-nodes' }, 'Ask nodes');
  ask.setAttribute('aria-label', 'Ask the nodes of ' + p.label);
  ask.addEventListener('click', () => askNodes(p, ask));

  const row = el(
    'tr',
    { 'data-testid': 'policy-row', 'data-policy': p.policy, 'data-label': p.label, 'data-state': p.state },
    cell('policy-label', p.label),
    hexCell('policy-bob', p.bob),
    cell('policy-mn', p.threshold + ' of ' + p.shares),
    cell('policy-state', el('span', { class: 'state state-' + p.state }, p.state)),
    cell('policy-expires', el('time', { datetime: p.expires }, when(p.expires))),
    cell('policy-revision', String(p.revision)),
    cell('policy-conditions', describeConditions(p.conditions)),
    cell('policy-receipts', String(p.receipts)),
    unconfirmedCell,
    cell('policy-actions', renewInput, renew, revoke, ask),
  );
  return row;
}

function renderPolicies(policies) {
  const body = $('policies-body');
  body.replaceChildren(...policies.map(policyRow));
  $('policies-empty').hidden = policies.length > 0;
}

function replacePolicy(p) {
  const old = document.querySelector('#policies-body tr[data-policy="' + CSS.escape(p.policy) + '"]');
  if (old) old.replaceWith(policyRow(p));
}

async function act(p, verb, expires, buttons) {
  if (verb === 'renew' && !expires) {
    say('give the new expiry for ' + p.label + ' (7d, or an ISO-8601 instant)', 'error');
    return;
  }
  buttons.forEach((b) => (b.disabled = true));
  say((verb === 'renew' ? 'Renewing ' : 'Revoking ') + p.label + '…', 'busy');
  try {
    const path = '/v1/policies/' + encodeURIComponent(p.policy) + '/' + verb;
    const updated = await api('POST', path, verb === 'renew' ? { expires } : undefined);
    replacePolicy(updated);
    const pending = Object.keys(updated.unconfirmed || {}).length;
    if (verb === 'renew') {
      say('Renewed ' + p.label + ' until ' + when(updated.expires) + (pending ? '; ' + pending + ' node(s) unconfirmed' : ''), pending ? 'error' : 'ok');
    } else {
      say(
        'Revoked ' + p.label + ': ' + updated.state + ', ' + updated.receipts + ' receipt(s)' + (pending ? '; ' + pending + ' node(s) to reach again' : ''),
        pending ? 'error' : 'ok',
      );
    }
  } catch (e) {
    buttons.forEach((b) => (b.disabled = false));
    fail(e);
  }
}

// Each node's signed status of one policy (GET /v1/policies/{id}/nodes), and where the nodes
// disagree with Alice's record.
async function askNodes(p, button) {
  button.disabled = true;
  say('Asking the nodes of ' + p.label + '…', 'busy');
  try {
    const answer = await api('GET', '/v1/policies/' + encodeURIComponent(p.policy) + '/nodes');
    const rows = answer.nodes.map((n) =>
      el(
        'tr',
        { 'data-testid': 'at-node-row', 'data-state': n.state },
        hexCell('at-node', n.node),
        cell('at-node-state', n.state),
        cell('at-node-revision', String(n.revision)),
        cell('at-node-expires', n.expires ? when(n.expires) : '—'),
        cell('at-node-revoked', n.revoked_at ? when(n.revoked_at) : '—'),
      ),
    );
    $('at-nodes-body').replaceChildren(...rows);
    const problems = [
      ...Object.entries(answer.failed).map(([node, why]) => 'node ' + shortHex(node) + ' gave no answer: ' + oneLine(why)),
      ...answer.disagreements.map(oneLine),
    ];
    $('at-nodes-problems').replaceChildren(...problems.map((t) => el('li', {}, t)));
    $('at-nodes-heading').textContent = 'What the nodes say of ' + p.label;
    $('at-nodes').hidden = false;
    say(answer.nodes.length + ' node(s) answered for ' + p.label + (problems.length ? '; ' + problems.length + ' problem(s)' : ''), problems.length ? 'error' : 'ok');
  } catch (e) {
    fail(e);
  } finally {
    button.disabled = false;
  }
}

// ------------------------------------------------------------------------------------ grant

function optionalInt(input, name) {
  const v = input.value.trim();
  if (v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 255) throw new ApiError(0, 'invalid-input', name + ' must be a whole number from 1 to 255');
  return n;
}

async function grant(event) {
  event.preventDefault();
  const submit = $('grant-submit');
  try {
    const label = $('grant-label').value.trim();
    const path = $('grant-path').value.trim();
    if ((label === '') === (path === '')) throw new ApiError(0, 'invalid-input', 'give a label or a path prefix (one of them)');
    const body = { bob: $('grant-bob').value.replace(/\s+/g, ''), expires: $('grant-expires').value.trim() };
    if (label) body.label = label;
    else body.path = path;
    const m = optionalInt($('grant-threshold'), 'm');
    const n = optionalInt($('grant-shares'), 'n');
    if (m !== undefined) body.threshold = m;
    if (n !== undefined) body.shares = n;
    if (m !== undefined && n !== undefined && m > n) throw new ApiError(0, 'invalid-input', 'm (' + m + ') cannot be above n (' + n + ')');
    if ($('grant-access-log').checked) body.conditions = { access_log: true };

    submit.disabled = true;
    say('Granting ' + (label || path) + '…', 'busy');
    const answer = await api('POST', '/v1/policies', body);
    showMaps(answer.policies);
    say('Granted ' + answer.policies.map((s) => s.label + ' (' + s.threshold + ' of ' + s.shares + ')').join(', '), 'ok');
    await loadPolicies();
  } catch (e) {
    fail(e);
  } finally {
    submit.disabled = false;
  }
}

function showMaps(shares) {
  const list = $('grant-maps');
  list.replaceChildren();
  shares.forEach((s, i) => {
    const id = 'grant-map-' + i;
    const area = el('textarea', { id, readonly: true, rows: 3, 'data-testid': 'treasure-map', 'data-policy': s.policy, spellcheck: 'false' });
    area.value = s.treasure_map;
    const button = el('button', { type: 'button', 'data-testid': 'treasure-map-copy' }, 'Copy map');
    button.setAttribute('aria-label', 'Copy the treasure map for ' + s.label);
    button.addEventListener('click', () => copy(s.treasure_map, 'treasure map for ' + s.label));
    list.append(
      el(
        'li',
        { 'data-testid': 'grant-share' },
        el('label', { for: id }, s.label + ' — ' + s.threshold + ' of ' + s.shares + ', until ' + when(s.expires)),
        area,
        button,
      ),
    );
  });
  $('grant-result').hidden = false;
}

// ------------------------------------------------------------------------------------ nodes, objects, identity

function renderNodes(nodes) {
  $('nodes-body').replaceChildren(
    ...nodes.map((n) => {
      const healthy = !n.reported_unhealthy;
      return el(
        'tr',
        { 'data-testid': 'node-row', 'data-address': n.address },
        hexCell('node-address', n.address),
        cell('node-endpoint', n.host + ':' + n.port),
        cell('node-last-success', el('time', { datetime: n.last_success }, when(n.last_success))),
        cell('node-failures', String(n.failures)),
        cell('node-healthy', el('span', { class: healthy ? 'state state-active' : 'state state-failed' }, healthy ? 'yes' : 'no (reported unhealthy)')),
      );
    }),
  );
  $('nodes-empty').hidden = nodes.length > 0;
}

function renderObjects(objects) {
  $('objects-body').replaceChildren(
    ...objects.map((o) =>
      el(
        'tr',
        { 'data-testid': 'object-row' },
        cell('object-location', el('code', {}, o.location)),
        cell('object-label', o.label),
        cell('object-size', el('span', { title: o.size + ' bytes' }, bytes(o.size))),
        cell('object-written', el('time', { datetime: o.written }, when(o.written))),
      ),
    ),
  );
  $('objects-empty').hidden = objects.length > 0;
}

async function loadPolicies() {
  renderPolicies((await api('GET', '/v1/policies')).policies);
}

async function loadAll() {
  // Identity first: it is the cheapest call, and a 401 there stops the rest.
  const identity = await api('GET', '/v1/identity');
  $('my-card').value = identity.card;
  $('token-section').hidden = true;
  $('console').hidden = false;
  const [policies, nodes, objects] = await Promise.all([api('GET', '/v1/policies'), api('GET', '/v1/nodes'), api('GET', '/v1/objects')]);
  renderPolicies(policies.policies);
  renderNodes(nodes.nodes);
  renderObjects(objects.objects);
}

async function refresh() {
  say('Loading…', 'busy');
  try {
    await loadAll();
    say('Up to date', 'ok');
    document.body.dataset.loaded = 'true';
  } catch (e) {
    fail(e);
  }
}

function start() {
  takeTokenFromFragment();
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const t = $('token-input').value.trim();
    $('token-input').value = '';
    if (t === '') return;
    sessionStorage.setItem(TOKEN_KEY, t);
    refresh();
  });
  $('grant-form').addEventListener('submit', grant);
  $('refresh').addEventListener('click', refresh);
  $('my-card-copy').addEventListener('click', () => copy($('my-card').value, 'your card'));
  // Without a token, still ask: the daemon's own 401 says where the token is.
  refresh();
}

start();
