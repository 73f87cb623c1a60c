"""A program in another language shares a file on S3 through two nkms daemons, with nothing but
Python's standard library: Alice writes, shares the folder, Bob reads, Alice revokes, Bob is refused.

usage: share_flow.py ALICE_URL ALICE_TOKEN_FILE BOB_URL BOB_TOKEN_FILE FOLDER
Exits 0 when every step behaved; prints one line per step.
"""
import json
import sys
import urllib.error
import urllib.request

alice_url, alice_token_file, bob_url, bob_token_file, folder = sys.argv[1:6]


def token(path):
    with open(path, encoding="ascii") as f:
        return f.read().strip()


ALICE = (alice_url, token(alice_token_file))
BOB = (bob_url, token(bob_token_file))


def call(who, method, path, body=None, raw=None, auth=True):
    url, tok = who
    headers = {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    elif raw is not None:
        data = raw
        headers["Content-Type"] = "application/octet-stream"
    if auth:
        headers["Authorization"] = "Bearer " + tok
    req = urllib.request.Request(url + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def expect(cond, what):
    if not cond:
        print("FAILED: " + what)
        sys.exit(1)
    print("ok: " + what)


status, ctype, body = call(BOB, "GET", "/v1/identity", auth=False)
problem = json.loads(body)
expect(status == 401 and ctype.startswith("application/problem+json") and problem["reason"] == "unauthorized",
       "no token: 401 problem+json")

status, _, body = call(BOB, "GET", "/v1/identity")
expect(status == 200, "Bob's card")
bob_card = json.loads(body)["card"]

location = folder + "report.txt"
data = "quarterly figures, for Bob only\n".encode() * 1000
status, _, body = call(ALICE, "PUT", "/v1/objects?location=" + urllib.request.quote(location, safe=""), raw=data)
expect(status == 201 and json.loads(body)["location"] == location, "Alice wrote " + location)

status, _, body = call(ALICE, "POST", "/v1/policies",
                       body={"bob": bob_card, "path": folder, "expires": "1h", "threshold": 2, "shares": 3})
expect(status == 201, "Alice shared the folder " + folder)
shares = json.loads(body)["policies"]
expect(len(shares) == 1 and shares[0]["label"] == folder, "one policy, for the folder's label")
policy, treasure_map = shares[0]["policy"], shares[0]["treasure_map"]

status, ctype, body = call(BOB, "POST", "/v1/read", body={"location": location, "treasure_map": treasure_map})
expect(status == 200 and body == data, "Bob read the file through his daemon")

status, _, body = call(ALICE, "POST", "/v1/policies/" + policy + "/revoke")
expect(status == 200 and json.loads(body)["state"] == "revoked", "Alice revoked the policy")

status, ctype, body = call(BOB, "POST", "/v1/read", body={"location": location, "treasure_map": treasure_map})
problem = json.loads(body)
expect(status == 403 and ctype.startswith("application/problem+json") and problem["reason"] == "revoked",
       "Bob is refused: " + problem.get("detail", ""))
