#!/usr/bin/env node
// Checks an IsmsCloud audit-trail export offline, without the service: every line's hash is recomputed from the line,
// every line must name the hash of the line before it, numbers must follow on without a gap, and an anchor (a sequence
// number and hash known from elsewhere: an earlier export's last line, a head published to reporting) must be met.
//
//   node verify-export.mjs audit-trail-risk-2026-12-01.jsonl [--anchor SEQUENCE:HASH]
//   node verify-export.mjs audit-trail-risk-2026-12-01.csv   [--anchor SEQUENCE:HASH]
//
// Prints "intact: …" and exits 0, or "broken at entry N: …" and exits 1. Needs Node 18 or later, nothing else.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// RFC 8785 (JCS) is ECMAScript's own JSON.stringify for strings and numbers; only the members' order (by UTF-16 code
// units, which is what sort() compares) is left to do.
const canonical = (v) => v === null || typeof v !== 'object' ? JSON.stringify(v)
    : Array.isArray(v) ? `[${v.map(canonical).join(',')}]`
    : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

// RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks.
function* csvRows(text) {
    let row = [], field = '', quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
            else if (c === '"') quoted = false;
            else field += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') { row.push(field); field = ''; }
        else if (c === '\n') { row.push(field); yield row; row = []; field = ''; }
        else if (c !== '\r') field += c;
    }
    if (field !== '' || row.length > 0) { row.push(field); yield row; }
}

// Each entry as { content, hash }: the content is exactly what the service hashed.
function* entries(file, text) {
    if (!file.endsWith('.csv')) {
        for (const line of text.split('\n').filter((l) => l.length > 0)) {
            const { hash, ...content } = JSON.parse(line);
            yield { content, hash };
        }
        return;
    }
    const rows = csvRows(text);
    const header = rows.next().value;
    for (const row of rows) {
        const r = Object.fromEntries(header.map((name, i) => [name, row[i]]));
        yield {
            hash: r.hash,
            content: {
                action: r.action, actor: r.actor, changes: JSON.parse(r.changes), correlationId: r.correlationId === '' ? null : r.correlationId,
                occurredAt: r.occurredAt, previousHash: r.previousHash, recordId: r.recordId, recordType: r.recordType,
                sequence: Number(r.sequence), service: r.service, tenantId: r.tenantId,
            },
        };
    }
}

const [file, flag, anchorText] = process.argv.slice(2);
if (!file || (flag && (flag !== '--anchor' || !/^\d+:[0-9a-f]{64}$/i.test(anchorText ?? '')))) {
    console.error('usage: node verify-export.mjs EXPORT.jsonl|EXPORT.csv [--anchor SEQUENCE:HASH]');
    process.exit(2);
}
const anchor = anchorText ? { sequence: Number(anchorText.split(':')[0]), hash: anchorText.split(':')[1].toLowerCase() } : null;
const broken = (sequence, why) => { console.log(`broken at entry ${sequence}: ${why}`); process.exit(1); };

let previous = { sequence: 0, hash: '0'.repeat(64) };
for (const { content, hash } of entries(file, readFileSync(file, 'utf8'))) {
    const expected = previous.sequence + 1;
    if (content.sequence !== expected) broken(expected, `missing (the next line is entry ${content.sequence})`);
    if (content.previousHash !== previous.hash) broken(expected, `does not name the hash of entry ${previous.sequence}`);
    if (sha256(canonical(content)) !== hash) broken(expected, 'its content does not hash to its hash');
    if (anchor && anchor.sequence === expected && anchor.hash !== hash) broken(expected, 'its hash is not the anchor\'s');
    previous = { sequence: expected, hash };
}
if (anchor && anchor.sequence > previous.sequence) broken(previous.sequence + 1, `the export ends at entry ${previous.sequence}, before the anchor's ${anchor.sequence}`);
console.log(`intact: ${previous.sequence} entries, head ${previous.sequence} ${previous.hash}${anchor ? `, anchor ${anchor.sequence} met` : ''}`);
