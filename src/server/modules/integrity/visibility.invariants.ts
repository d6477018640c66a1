import { VISIBILITIES } from '../../../shared/vocabularies.ts';
import { liveTables } from '../../db/live-schema.ts';
import { EXPORT_ORDER, looseDb, PRIMARY_KEYS } from '../transfer/export-tables.ts';
import type { Invariant, Violation } from './invariant.ts';
import { violation } from './invariant.ts';

/**
 * The rules every stored item keeps, whatever its table: found from the live schema, so a
 * table added later (with its `visibility` and `party` columns) is checked without a line
 * here. A caucus item belongs to a party, since only that party may see it; every party an
 * item names is a party of the council.
 */
export const VISIBILITY_INVARIANTS: readonly Invariant[] = [
  {
    name: '*.visibility',
    check: async (db) => {
      const columns = new Map(
        (await liveTables(db)).map((t) => [t.name, new Set(t.columns.map((c) => c.name))]),
      );
      const loose = looseDb(db);
      const found: Violation[] = [];
      for (const table of EXPORT_ORDER) {
        const has = columns.get(table) ?? new Set<string>();
        if (!has.has('party')) continue;
        const keys = PRIMARY_KEYS[table];
        const visibility = has.has('visibility');
        let query = loose
          .selectFrom(table)
          .select([...keys, 'party', ...(visibility ? ['visibility'] : [])])
          .where((eb) =>
            eb.or([
              eb.and([
                eb('party', 'is not', null),
                eb('party', 'not in', eb.selectFrom('parties').select('id')),
              ]),
              ...(visibility
                ? [
                    eb.and([eb('visibility', '=', 'caucus'), eb('party', 'is', null)]),
                    eb('visibility', 'not in', [...VISIBILITIES]),
                  ]
                : []),
            ]),
          );
        for (const key of keys) query = query.orderBy(key);
        for (const row of await query.execute()) {
          const key = keys.map((k) => row[k]);
          if (visibility && !(VISIBILITIES as readonly unknown[]).includes(row.visibility)) {
            found.push(violation(table, key, `unknown visibility ${String(row.visibility)}`));
          } else if (row.party === null) {
            found.push(violation(table, key, 'a caucus item belongs to a party; party is null'));
          } else {
            found.push(violation(table, key, `party ${String(row.party)} is not a party`));
          }
        }
      }
      return found;
    },
  },
];
