#!/usr/bin/env bash
# Benchmark of the public trust portal (issue 4): GET /trust/{slug} through the gateway vs nginx serving the same HTML
# saved to a file, side by side in one run, with the same load tool (hey) and concurrency.
#
#   bench/trust-portal.sh     prints markdown tables; copy them into bench/RESULTS.md with the date and machine
#
# trust-api and the gateway run as plain Release processes (no AppHost proxy in between) on the test profile's
# PostgreSQL and RabbitMQ (started if needed, never stopped: other runs may share them). The demo portal is written
# straight into a fresh database (no identity-api needed: the portal is anonymous). nginx is Debian's, with one
# worker per core and access logging off, serving the page the gateway returned.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
source bench/common.sh
OUT="$REPO/.data/bench-trust"; rm -rf "$OUT"; mkdir -p "$OUT/www/trust/acme" "$OUT/nginx"
PROFILE=${PROFILE:-test}
# Another checkout's servers script when its servers are the ones running (e.g. a git worktree beside the main one).
SERVERS=${SERVERS_SCRIPT:-infra/local/servers.sh}
TRUST=http://localhost:5440 GATEWAY=http://localhost:5480 NGINX_PORT=5490
DURATION=${DURATION:-20s}
DB=isms_bench_trust

infra/local/install.sh --bench >/dev/null
bash "$SERVERS" start --profile "$PROFILE" >/dev/null
eval "$(bash "$SERVERS" env --profile "$PROFILE")"
PGPORT=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$ConnectionStrings__postgres")
export PGPASSWORD=isms
psql -h 127.0.0.1 -p "$PGPORT" -U isms -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
for project in src/Trust src/Gateway; do
    dotnet build -c Release -v q -nologo "$project" >/dev/null
done

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

start() { # NAME PROJECT_DIR URL [ENV=VALUE...]
    local name=$1 dir=$2 url=$3; shift 3
    (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production Identity__Keys__Development=true Security__SecureCookies=false Logging__LogLevel__Default=Warning \
        Identity__Issuer="$GATEWAY/" Identity__Url=http://localhost:5400 "$@" \
        dotnet "bin/Release/net10.0/IsmsCloud.$name.dll" --urls "$url" >"$OUT/$name.log" 2>&1) &
    pids+=($!)
}
start Trust src/Trust "$TRUST" ConnectionStrings__trustdb="$ConnectionStrings__postgres;Database=$DB"
wait_healthy "$TRUST/health"

# The demo portal, as the Development seed would write it: a known tenant "acme", its profile with every section on,
# scope version 1 with two exclusions, and a valid certificate covering it.
tenant=$(cat /proc/sys/kernel/random/uuid)
psql -h 127.0.0.1 -p "$PGPORT" -U isms -d "$DB" -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO "KnownTenants" ("TenantId","Name","Slug","Status","OnboardedAtUtc","UpdatedAtUtc","StatusChangedAtUtc")
VALUES ('$tenant','Acme Cloud','acme','Active',now(),now(),now());
INSERT INTO "TrustProfiles" ("Id","TenantId","Version","Slug","CompanyName","Summary","SecurityContact","PortalEnabled","ShowCertificates",
  "ShowScope","ShowServices","ShowDocuments","PublicServices","NdaText","UpdatedAt")
VALUES (gen_random_uuid(),'$tenant',0,'acme','Acme Cloud','Acme Cloud runs a managed file-transfer and backup service.',
  'security@acme.example',true,true,true,true,true,ARRAY['Acme Transfer','Acme Backup','Acme Consulting'],'NDA text',now());
INSERT INTO "ScopeVersions" ("Id","TenantId","Version","Status","Number","Content","CreatedAt","UpdatedAt","PublishedBy","PublishedAt")
VALUES ('00000000-0000-0000-0000-0000000000a1','$tenant',0,'Published',1,
  '{"summary":"The ISMS for the development, operation and support of Acme Transfer and Acme Backup.","includedServices":["Acme Transfer","Acme Backup"],"locations":["Head office, Utrecht (NL)","Hosting region eu-west (Frankfurt)"],"teams":["Engineering","Operations","Customer support"],"systems":["Production platform","Source code and CI/CD","Corporate identity provider"],"exclusions":[{"subject":"Acme Consulting","justification":"A separate business unit with its own staff and systems; not operated under this ISMS."},{"subject":"Physical security of the Frankfurt data centre","justification":"Provided by the hosting provider and covered by its own ISO/IEC 27001 certificate."}]}',
  now(),now(),'bench',now());
INSERT INTO "Certificates" ("Id","TenantId","Version","Standard","CertificationBody","AccreditationBody","CertificateNumber","IssuedOn","ExpiresOn",
  "Status","ScopeVersionId","ScopeVersionNumber","SoaVersionNumber","CreatedAt","UpdatedAt")
VALUES (gen_random_uuid(),'$tenant',0,'ISO/IEC 27001:2022','Example Certification B.V.','RvA','ISMS-ACME-0001',current_date - 300,
  current_date + 700,'Active','00000000-0000-0000-0000-0000000000a1',1,1,now(),now());
SQL

start Gateway src/Gateway "$GATEWAY" services__trust-api__http__0="$TRUST" services__identity-api__http__0=http://localhost:5400 \
    services__risk-api__http__0=http://localhost:5410 services__reporting-api__http__0=http://localhost:5420 services__web__http__0=http://localhost:5430 \
    RateLimits__PerAddressPerMinute=100000000 RateLimits__PerTenantPerMinute=100000000
wait_healthy "$GATEWAY/health"

# The static baseline: exactly the bytes the gateway serves, from a file.
curl -fsS "$GATEWAY/trust/acme" -o "$OUT/www/trust/acme/index.html"
cat >"$OUT/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
user root;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path $OUT/nginx/tmp; proxy_temp_path $OUT/nginx/tmp; fastcgi_temp_path $OUT/nginx/tmp;
    uwsgi_temp_path $OUT/nginx/tmp; scgi_temp_path $OUT/nginx/tmp;
    server { listen 127.0.0.1:$NGINX_PORT; root $OUT/www; index index.html; }
}
CONF
mkdir -p "$OUT/nginx/tmp"
/usr/sbin/nginx -c "$OUT/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_healthy "http://127.0.0.1:$NGINX_PORT/trust/acme/"
cmp -s <(curl -fsS "$GATEWAY/trust/acme") <(curl -fsS "http://127.0.0.1:$NGINX_PORT/trust/acme/") || { echo "nginx does not serve the same page" >&2; exit 1; }

bytes=$(wc -c <"$OUT/www/trust/acme/index.html")
echo "## Trust portal: GET /trust/acme ($bytes bytes of HTML), $DURATION per run"
echo
echo "| run | target | p50 ms | p99 ms | req/s | non-2xx |"
echo "|---|---|---|---|---|---|"
for target in "$GATEWAY/trust/acme" "$TRUST/trust/acme" "http://127.0.0.1:$NGINX_PORT/trust/acme/"; do hey -z 5s -c 8 "$target" >/dev/null; done
for round in 1 2; do
    for mode in "fixed-500rps:-c 10 -q 50" "saturation-c32:-c 32"; do
        # "direct" (trust-api without the gateway) shows where the time goes; the goal compares gateway and nginx.
        for target in gateway direct nginx; do
            case $target in
                nginx) url="http://127.0.0.1:$NGINX_PORT/trust/acme/" ;;
                direct) url="$TRUST/trust/acme" ;;
                *) url="$GATEWAY/trust/acme" ;;
            esac
            # shellcheck disable=SC2086
            hey -z "$DURATION" ${mode#*:} "$url" >"$OUT/hey-$round-${mode%%:*}-$target.txt"
            read -r p50 p99 rps bad < <(hey_summary "$OUT/hey-$round-${mode%%:*}-$target.txt")
            echo "| $round ${mode%%:*} | $target | $p50 | $p99 | $rps | $bad |"
        done
    done
done
