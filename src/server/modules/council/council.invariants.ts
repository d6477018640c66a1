import { type Invariant, type Violation, violation } from '../integrity/invariant.ts';

/**
 * A description waits only as a whole: who proposed it and when, a party of the council
 * (publication.invariants.ts checks the requests to publish it against its version).
 */
export const COUNCIL_INVARIANTS: readonly Invariant[] = [
  {
    name: 'council.descriptionProposal',
    check: async (db) => {
      const parties = new Set(
        (await db.selectFrom('parties').select('id').execute()).map((p) => p.id),
      );
      const rows = await db
        .selectFrom('council')
        .select(['id', 'descriptionProposedBy', 'descriptionProposedAt', 'proposedDescription'])
        .orderBy('id')
        .execute();
      const found: Violation[] = [];
      for (const c of rows) {
        if (c.descriptionProposedBy === null) {
          if (c.descriptionProposedAt !== null || c.proposedDescription !== null) {
            found.push(violation('council', c.id, 'holds a proposed description nobody proposed'));
          }
        } else if (!parties.has(c.descriptionProposedBy)) {
          found.push(
            violation(
              'council',
              c.id,
              `descriptionProposedBy ${c.descriptionProposedBy} is no party of the council`,
            ),
          );
        } else if (c.descriptionProposedAt === null) {
          found.push(
            violation('council', c.id, 'a proposed description says when it was proposed'),
          );
        }
      }
      return found;
    },
  },
];
