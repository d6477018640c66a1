import {
  ENTITY_ACTIONS,
  ENTITY_TYPES,
  type EntityType,
  QUALIFIED_ACTIONS,
} from '../../../shared/entities.ts';
import { audienceOf } from '../access/audience.ts';
import { ENTITY_TABLES } from '../changes/entity-tables.ts';
import { type Invariant, type Violation, violation } from '../integrity/invariant.ts';
import { looseDb } from '../transfer/export-tables.ts';

const KNOWN_ACTIONS = new Set<string>(QUALIFIED_ACTIONS);
const KNOWN_TYPES = new Set<string>(ENTITY_TYPES);

/**
 * The kinds every row of which the trail speaks of: those users create through the API, each
 * creation recorded by the unit of work as `<kind>.create` with the row's id (and the
 * reference record's rows as `<kind>.seed-create`). A row of such a kind with no entry about
 * it means entries were cut from the trail. Kinds only the loaders write (sources, parties,
 * the council's own statements) and the rows recorded under their parent (co-chairs,
 * agreements: `meeting.set-co-chairs`) are left out.
 */
export const AUDITED_KINDS = ENTITY_TYPES.filter((kind) =>
  (ENTITY_ACTIONS[kind] as readonly string[]).includes('create'),
) as EntityType[];

/**
 * The audit trail is append only and whole: each entry's action is one the registry knows
 * (src/shared/entities.ts) and of its own entity; its audience is the one its visibility
 * names; each audience's entries are numbered 1, 2, 3 ... without a gap, in the order they were
 * written (audit entry numbers are what callers see: a gap would count hidden entries, a
 * reordering rewrite history); and every stored row of an audited kind has an entry.
 */
export const AUDIT_INVARIANTS: readonly Invariant[] = [
  {
    name: 'auditEvents.entries',
    check: async (db) => {
      const entries = await db
        .selectFrom('auditEvents')
        .select(['id', 'audience', 'visibility', 'party', 'action', 'entityType'])
        .orderBy('id')
        .execute();
      const found: Violation[] = [];
      for (const e of entries) {
        if (!KNOWN_TYPES.has(e.entityType)) {
          found.push(violation('auditEvents', e.id, `unknown entity type ${e.entityType}`));
        } else if (!KNOWN_ACTIONS.has(e.action) || !e.action.startsWith(`${e.entityType}.`)) {
          found.push(
            violation('auditEvents', e.id, `unknown action ${e.action} for a ${e.entityType}`),
          );
        }
        const expected = e.visibility !== 'caucus' || e.party !== null ? audienceOf(e) : null;
        if (e.audience !== expected) {
          found.push(
            violation(
              'auditEvents',
              e.id,
              `is in audience ${e.audience}, but its visibility (${e.visibility}, party ${e.party ?? 'none'}) makes it ${expected ?? 'no audience'}`,
            ),
          );
        }
      }
      return found;
    },
  },
  {
    name: 'auditEvents.numbering',
    check: async (db) => {
      const entries = await db
        .selectFrom('auditEvents')
        .select(['id', 'audience', 'seq'])
        .orderBy('audience')
        .orderBy('seq')
        .execute();
      const found: Violation[] = [];
      let audience: string | null = null;
      let expected = 1;
      let previousId = 0;
      for (const e of entries) {
        if (e.audience !== audience) {
          audience = e.audience;
          expected = 1;
          previousId = 0;
        }
        if (e.seq !== expected) {
          found.push(
            violation(
              'auditEvents',
              e.id,
              `is number ${e.seq} of audience ${e.audience}, where ${expected} comes next: an audience's entries run 1, 2, 3 ... without a gap`,
            ),
          );
        }
        if (e.id <= previousId) {
          found.push(
            violation(
              'auditEvents',
              e.id,
              `is number ${e.seq} of audience ${e.audience}, but was written before entry ${previousId}, numbered earlier`,
            ),
          );
        }
        expected = e.seq + 1;
        previousId = e.id;
      }
      return found;
    },
  },
  {
    name: 'auditEvents.complete',
    check: async (db) => {
      const loose = looseDb(db);
      const found: Violation[] = [];
      for (const kind of AUDITED_KINDS) {
        const table = ENTITY_TABLES[kind];
        const unrecorded = await loose
          .selectFrom(table)
          .select('id')
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('auditEvents')
                  .select('auditEvents.id')
                  .where('auditEvents.entityType', '=', kind)
                  .whereRef('auditEvents.entityId', '=', `${table}.id`),
              ),
            ),
          )
          .orderBy('id')
          .execute();
        for (const row of unrecorded) {
          found.push(
            violation(
              table,
              row.id,
              `the audit trail has no entry about this ${kind}: entries have been removed from it`,
            ),
          );
        }
      }
      return found;
    },
  },
  {
    // A caucus row is its party's for good: one that the trail shows in one party's caucus and
    // the rows now show in the other's (an import that rewrote `party`) would hand a party's
    // preparation to the other party's users.
    name: 'auditEvents.caucus-stays-its-party',
    check: async (db) => {
      const loose = looseDb(db);
      const entries = await db
        .selectFrom('auditEvents')
        .select(['entityType', 'entityId', 'audience'])
        .where('audience', 'like', 'caucus:%')
        .distinct()
        .orderBy('entityType')
        .orderBy('entityId')
        .execute();
      const found: Violation[] = [];
      const reported = new Set<string>();
      for (const kind of AUDITED_KINDS) {
        const ofKind = entries.filter((e) => e.entityType === kind);
        if (ofKind.length === 0) continue;
        const table = ENTITY_TABLES[kind];
        const ids = [...new Set(ofKind.map((e) => e.entityId))];
        for (let i = 0; i < ids.length; i += 500) {
          const rows = (await loose
            .selectFrom(table)
            .selectAll()
            .where('id', 'in', ids.slice(i, i + 500))
            .execute()) as { id: string; visibility?: string; party?: string | null }[];
          for (const row of rows) {
            if (row.visibility !== 'caucus') continue;
            const other = ofKind.find(
              (e) => e.entityId === row.id && e.audience !== `caucus:${row.party}`,
            );
            if (!other || reported.has(`${kind}:${row.id}`)) continue;
            reported.add(`${kind}:${row.id}`);
            found.push(
              violation(
                table,
                row.id,
                `is ${row.party ?? 'no party'}'s caucus, but the audit trail has it in ${other.audience}: a caucus row never moves to another party`,
              ),
            );
          }
        }
      }
      return found;
    },
  },
];
