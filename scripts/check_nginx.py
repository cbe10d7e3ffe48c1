"""Checks the nginx snippet in deploy/ against a built site: pages carry the policy, the
static API stays static, and only the intake's paths reach the intake."""
import sys
import urllib.error
import urllib.request

base = sys.argv[1]
problems = []


def fetch(path, method="GET", data=None):
    request = urllib.request.Request(base + path, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


for path in ["/", "/services/discord/", "/api/v1/summary.json", "/feed.xml"]:
    status, headers = fetch(path)
    policy = headers.get("Content-Security-Policy", "")
    if status != 200:
        problems.append(f"{path}: status {status}, expected 200 from the static files")
    for directive in ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"]:
        if directive not in policy:
            problems.append(f"{path}: Content-Security-Policy lacks {directive!r}")
# No intake runs here: its paths must be proxied (502), the rest must not.
status, _ = fetch("/api/v1/reports", method="POST", data=b"{}")
if status != 502:
    problems.append(f"/api/v1/reports: status {status}, expected 502 (proxied to the stopped intake)")
status, _ = fetch("/api/v1/services/discord.json")
if status != 200:
    problems.append(f"/api/v1/services/discord.json: status {status}, expected 200 (static, never proxied)")
for problem in problems:
    print("nginx-check:", problem)
print(f"nginx-check: {len(problems)} problems")
sys.exit(1 if problems else 0)
