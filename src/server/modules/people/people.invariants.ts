import { isNarrowerThan } from '../access/visibility.policy.ts';
import {
  audienceWords,
  type Invariant,
  type Violation,
  violation,
} from '../integrity/invariant.ts';

async function delegationsById(db: Parameters<Invariant['check']>[0]) {
  const rows = await db.selectFrom('delegations').select(['id', 'party', 'visibility']).execute();
  return new Map(rows.map((d) => [d.id, d]));
}

/**
 * A person belongs to a party and sits only in that party's delegations, never wider than the
 * delegation (createPerson, updatePerson: referencedDelegation); a post is its person's,
 * never wider than the person or its delegation, and names only the person's party's
 * delegations (addPost, updatePost).
 */
export const PEOPLE_INVARIANTS: readonly Invariant[] = [
  {
    name: 'people.delegation',
    check: async (db) => {
      const delegations = await delegationsById(db);
      const people = await db
        .selectFrom('people')
        .select(['id', 'delegationId', 'visibility', 'party'])
        .where('delegationId', 'is not', null)
        .orderBy('id')
        .execute();
      const found: Violation[] = [];
      for (const person of people) {
        const delegation = delegations.get(person.delegationId ?? '');
        if (!delegation) continue; // a missing delegation is a broken reference, reported as such
        if (person.party !== null && delegation.party !== person.party) {
          found.push(
            violation(
              'people',
              person.id,
              `a ${person.party ?? 'partyless'} person sits in ${delegation.id}, a delegation of ${delegation.party ?? 'no party'}`,
            ),
          );
        }
        if (isNarrowerThan(delegation, person)) {
          found.push(
            violation(
              'people',
              person.id,
              `is ${audienceWords(person)}, wider than its delegation ${delegation.id} (${audienceWords(delegation)})`,
            ),
          );
        }
      }
      return found;
    },
  },
  {
    name: 'posts.person',
    check: async (db) => {
      const delegations = await delegationsById(db);
      const posts = await db
        .selectFrom('posts')
        .innerJoin('people', 'people.id', 'posts.personId')
        .select([
          'posts.id',
          'posts.delegationId',
          'posts.visibility',
          'posts.party',
          'people.id as personId',
          'people.visibility as personVisibility',
          'people.party as personParty',
        ])
        .orderBy('posts.id')
        .execute();
      const found: Violation[] = [];
      for (const post of posts) {
        const person = { visibility: post.personVisibility, party: post.personParty };
        if (post.party !== person.party) {
          found.push(
            violation(
              'posts',
              post.id,
              `belongs to ${post.party ?? 'no party'}, but its person ${post.personId} to ${person.party ?? 'no party'}`,
            ),
          );
        }
        if (isNarrowerThan(person, post)) {
          found.push(
            violation(
              'posts',
              post.id,
              `is ${audienceWords(post)}, wider than its person ${post.personId} (${audienceWords(person)})`,
            ),
          );
        }
        const delegation =
          post.delegationId === null ? undefined : delegations.get(post.delegationId);
        if (!delegation) continue;
        if (person.party !== null && delegation.party !== person.party) {
          found.push(
            violation(
              'posts',
              post.id,
              `names ${delegation.id}, a delegation of ${delegation.party ?? 'no party'}, for a ${person.party ?? 'partyless'} person`,
            ),
          );
        }
        if (isNarrowerThan(delegation, post)) {
          found.push(
            violation(
              'posts',
              post.id,
              `is ${audienceWords(post)}, wider than its delegation ${delegation.id} (${audienceWords(delegation)})`,
            ),
          );
        }
      }
      return found;
    },
  },
];
