#!/usr/bin/env node
// Verifies a Carmen audit export (GET .../audit/export) with nothing but Node.js: every record's text against its
// SHA-256, each record's link to the one before, and each checkpoint's Ed25519 signature and the hash it signed.
//
//   node verify-audit-export.mjs export.json [--fingerprint <sha256 hex of the public key>]
//
// With --fingerprint, only that key is trusted (compare it with GET /api/v1/audit/keys or the node's log); without it,
// the keys inside the export are. Exit code 0: intact and every record under a signature; 1: not; 2: usage.
import { readFileSync } from 'node:fs';
import { createHash, createPublicKey, verify } from 'node:crypto';

const args = process.argv.slice(2);
const file = args.find((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--fingerprint');
const pinned = args.includes('--fingerprint') ? args[args.indexOf('--fingerprint') + 1]?.toLowerCase() : undefined;
if (!file) {
  console.error('usage: node verify-audit-export.mjs export.json [--fingerprint <hex>]');
  process.exit(2);
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const exported = JSON.parse(readFileSync(file, 'utf8'));
if (exported.format !== 'carmen-audit-export/1') {
  console.error(`not a Carmen audit export: format ${exported.format}`);
  process.exit(2);
}

// An Ed25519 public key in DER (SubjectPublicKeyInfo) is a fixed 12-byte header and the 32 raw bytes.
const spkiHeader = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map();
for (const key of exported.publicKeys) {
  const raw = Buffer.from(key.publicKey, 'base64');
  if (pinned === undefined || sha256(raw) === pinned) {
    keys.set(key.keyId, { fingerprint: sha256(raw), key: createPublicKey({ key: Buffer.concat([spkiHeader, raw]), format: 'der', type: 'spki' }) });
  }
}

const checkpoints = new Map(exported.checkpoints.map((checkpoint) => [checkpoint.recordId, checkpoint]));
const broken = (id, problem) => {
  console.log(`${exported.chain}: broken at record ${id}: ${problem}`);
  process.exit(1);
};

let previous;
let lastSigned = 0;
let signatures = 0;
for (const record of exported.records) {
  if (previous && record.id !== previous.id + 1) broken(previous.id + 1, `record ${previous.id + 1} is missing`);
  if (sha256(Buffer.from(record.body, 'utf8')) !== record.hash) broken(record.id, 'its text does not match its hash');
  const body = JSON.parse(record.body);
  if (body.id !== record.id || body.chain !== exported.chain) broken(record.id, 'its text names another record or chain');
  if (previous && body.prev !== previous.hash) broken(previous.id, `record ${record.id} carries another hash for it`);
  if (!previous && record.id === 1 && body.prev !== '0'.repeat(64)) broken(1, 'it does not start the chain');

  const checkpoint = checkpoints.get(record.id);
  if (checkpoint) {
    const signer = keys.get(checkpoint.keyId);
    if (!signer) broken(record.id, `its checkpoint is signed by key ${checkpoint.keyId}, which is not trusted`);
    const text = ['carmen-audit-checkpoint:v1', exported.chain, String(checkpoint.recordId), checkpoint.recordHash, String(checkpoint.at)].join('\n');
    if (!verify(null, Buffer.from(text, 'utf8'), signer.key, Buffer.from(checkpoint.signature, 'base64'))) broken(record.id, 'its checkpoint signature is invalid');
    if (checkpoint.recordHash !== record.hash) broken(record.id, 'its checkpoint signed another hash');
    lastSigned = record.id;
    signatures++;
  }
  previous = record;
}

if (!previous) {
  console.log(`${exported.chain}: 0 records in the export`);
  process.exit(0);
}
if (lastSigned !== previous.id) broken(lastSigned + 1, `records ${lastSigned + 1} to ${previous.id} are not covered by a signature`);
const fingerprints = [...new Set(exported.checkpoints.map((checkpoint) => keys.get(checkpoint.keyId)?.fingerprint))].join(', ');
console.log(`${exported.chain}: ${exported.records.length} records, intact (records ${exported.records[0].id} to ${previous.id}, ${signatures} signed checkpoints, key ${fingerprints})`);
