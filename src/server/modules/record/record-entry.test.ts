import { describe, expect, it } from 'vitest';
import { generateKeyPair, keyIdOf } from './ed25519.ts';
import { chainEntry, type LogEntry, replayLog } from './record-entry.ts';

const pair = generateKeyPair();
const other = generateKeyPair();
const keyId = keyIdOf(pair.publicKey);
const signer = { keyId, privateKey: pair.privateKey };

type Log = [LogEntry, LogEntry, LogEntry];

/** A small log: the key's registration, then two events of the joint audience. */
function log(): Log {
  const registration = chainEntry(
    null,
    {
      audience: 'public',
      at: '2001-01-01T00:00:00.000Z',
      kind: 'partyKey.register',
      entityType: 'partyKey',
      entityId: keyId,
      payload: {
        keyId,
        party: null,
        kind: 'server',
        publicKey: pair.publicKey,
        note: null,
        registeredAt: '2001-01-01T00:00:00.000Z',
        retiredAt: null,
      },
    },
    signer,
  );
  const first = chainEntry(
    null,
    {
      audience: 'joint',
      at: '2001-02-01T00:00:00.000Z',
      kind: 'text.adopt',
      entityType: 'text',
      entityId: 't-1',
      payload: { record: { sha256: 'a'.repeat(64) } },
    },
    signer,
  );
  const second = chainEntry(
    first,
    {
      audience: 'joint',
      at: '2001-03-01T00:00:00.000Z',
      kind: 'text.publish',
      entityType: 'text',
      entityId: 't-1',
      payload: { state: 'published' },
    },
    signer,
  );
  return [registration, first, second];
}

const retiredAt = (entries: Log, at: string): LogEntry[] => {
  const [registration, ...rest] = entries;
  const retirement = chainEntry(
    registration,
    {
      audience: 'public',
      at,
      kind: 'partyKey.retire',
      entityType: 'partyKey',
      entityId: keyId,
      payload: { keyId, retiredAt: at },
    },
    signer,
  );
  return [registration, retirement, ...rest];
};

const CASES: { name: string; change: (entries: Log) => LogEntry[]; finds: RegExp[] }[] = [
  { name: 'an intact log', change: (e) => e, finds: [] },
  {
    name: 'a payload changed',
    change: ([a, b, c]) =>
      [a, { ...b, payload: b.payload.replace('aaaa', 'bbbb') }, c] as LogEntry[],
    // The next entry still names the stored hash: the changed entry alone is out of step.
    finds: [/the entry was changed/],
  },
  {
    name: 'an entry removed',
    change: ([a, , c]) => [a, c] as LogEntry[],
    finds: [/where 1 comes next/, /the chain is broken/],
  },
  {
    name: 'two entries swapped',
    change: ([a, b, c]) => [a, c, b] as LogEntry[],
    finds: [
      /where 1 comes next/,
      /the chain is broken/,
      /where 3 comes next/,
      /the chain is broken/,
    ],
  },
  {
    name: 'a payload rewritten in another, non-canonical form',
    change: ([a, b, c]) =>
      [a, { ...b, payload: JSON.stringify(JSON.parse(b.payload), null, 1) }, c] as LogEntry[],
    finds: [/not canonical JSON/],
  },
  {
    name: 'a signature by another key',
    change: ([a, b, c]) =>
      [
        a,
        chainEntry(
          null,
          { ...b, payload: JSON.parse(b.payload) },
          { keyId, privateKey: other.privateKey },
        ),
        c,
      ] as LogEntry[],
    finds: [/signature does not verify/],
  },
  {
    name: 'a signer the log never registered',
    change: ([, b, c]) => [b, c] as LogEntry[],
    finds: [/never registered/, /never registered/],
  },
  {
    name: 'a key signing after it was retired',
    change: (e) => retiredAt(e, '2001-02-15T00:00:00.000Z'),
    finds: [/outside the time it was registered/],
  },
];

describe('replaying the record log with the log alone', () => {
  it.each(CASES)('$name', ({ change, finds }) => {
    const { problems } = replayLog(change(log()));
    expect(problems.map((p) => p.message)).toEqual(finds.map((f) => expect.stringMatching(f)));
  });

  it('learns the keys from the registrations in the log', () => {
    expect(replayLog(log()).keys.get(keyId)?.publicKey).toBe(pair.publicKey);
  });
});
