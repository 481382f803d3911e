#!/usr/bin/env python3
"""Turns the statements PostgreSQL logged (log_min_duration_statement = 0, extended protocol) into
EXPLAIN (ANALYZE, BUFFERS) scripts with the logged parameters filled in.

    bench/explain-statements.py .data/bench/risk-register/statements.log [MIN_MS] > explain.sql
    psql ... -d isms_bench_risk -f explain.sql

Only "execute" steps slower than MIN_MS (default 1 ms) are kept, each distinct statement once."""
import re
import sys

log = open(sys.argv[1], encoding="utf-8").read()
min_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
entry = re.compile(r"^\S+ \S+ UTC \[\d+\] (LOG|DETAIL):  ", re.M)
parts = entry.split(log)
# parts: [prefix, kind, text, kind, text, ...]
seen = set()
items = list(zip(parts[1::2], parts[2::2]))
for i, (kind, text) in enumerate(items):
    m = re.match(r"duration: ([\d.]+) ms  execute <unnamed>: (.*)", text, re.S)
    if kind != "LOG" or not m or float(m.group(1)) < min_ms:
        continue
    sql = m.group(2).strip()
    params = {}
    if i + 1 < len(items) and items[i + 1][0] == "DETAIL":
        for n, v in re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", items[i + 1][1]):
            params[n] = v
    filled = re.sub(r"\$(\d+)\b", lambda p: params.get(p.group(1), p.group(0)), sql)
    if filled in seen:
        continue
    seen.add(filled)
    print(f"\\echo '---- logged at {m.group(1)} ms'")
    print(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)\n{filled};\n")
