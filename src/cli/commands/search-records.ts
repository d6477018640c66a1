import { type Command, InvalidArgumentError } from 'commander';
import { type Actor, OPERATOR } from '../../server/modules/access/actor.ts';
import { searchDocuments } from '../../server/modules/search/search-index.ts';
import { ACTING_USER_HELP, actingUser } from '../acting-user.ts';
import { type CliIo, print, withCouncil } from '../io.ts';

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 200) {
    throw new InvalidArgumentError('must be a whole number from 1 to 200');
  }
  return parsed;
}

export function registerSearchRecords(program: Command, io: CliIo): void {
  program
    .command('search')
    .description('full-text search over every record, as the operator or as a given user')
    .argument('<text...>', 'the words to look for')
    .option('--as <user>', `show only what this user may see: ${ACTING_USER_HELP}`)
    .option('--limit <n>', 'at most this many results (default 20)', positiveInteger, 20)
    .action(async (words: string[], options: { as?: string; limit: number }) => {
      await withCouncil(
        io,
        async ({ deps }) => {
          let actor: Actor = OPERATOR;
          if (options.as === undefined) {
            print(
              io,
              'Searching as the operator: everything, both parties’ caucus records included.',
            );
          } else {
            const user = await actingUser(deps.db, options.as);
            actor = user;
            print(io, `Searching as ${user.username} (${user.party}): what that user may see.`);
          }
          const hits = await searchDocuments(deps.db, actor, words.join(' '), {
            limit: options.limit,
            offset: 0,
          });
          for (const hit of hits) {
            print(io, `${hit.entityType}\t${hit.entityId}\t${hit.title}`);
            print(io, `\t${hit.snippet.replace(/\s+/g, ' ')}`);
          }
          print(io, hits.length === 0 ? 'No results.' : `${hits.length} result(s).`);
        },
        { mustExist: true },
      );
    });
}
