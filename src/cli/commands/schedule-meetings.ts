import type { Command } from 'commander';
import { scheduleSeries } from '../../server/modules/meetings/schedule-series.ts';
import { LEVELS } from '../../shared/common.schemas.ts';
import { CADENCES, ScheduleSeriesSchema } from '../../shared/meetings.schemas.ts';
import { ACTING_USER_HELP, actingUser } from '../acting-user.ts';
import { CliError, type CliIo, print, withCouncil } from '../io.ts';

interface ScheduleOptions {
  as: string;
  title: string;
  level: string;
  format: string;
  party?: string;
  startsAt: string;
  until: string;
  cadence?: string;
  rrule?: string;
  skipWeekends?: boolean;
  duration?: string;
  venue?: string;
  visibility?: string;
  timeZone?: string;
}

/**
 * `council schedule`: the command-line twin of POST /api/meetings/series. It acts as a named
 * secretary, so the same rules, the same audit trail and the same duplicate check apply.
 */
export function registerScheduleMeetings(program: Command, io: CliIo): void {
  program
    .command('schedule')
    .description(
      'create a cadence of meetings (e.g. ambassadors monthly through a year); days that already have one are skipped',
    )
    .requiredOption(
      '--as <user>',
      `the secretary scheduling them (their party and rights apply): ${ACTING_USER_HELP}`,
    )
    .requiredOption('--title <title>', 'the title of each meeting')
    .requiredOption('--level <level>', LEVELS.join(', '))
    .option('--cadence <cadence>', `${CADENCES.join(', ')}; or give --rrule`)
    .option(
      '--rrule <rule>',
      'an RFC 5545 recurrence rule instead, e.g. FREQ=MONTHLY;BYDAY=WE;BYSETPOS=3 (the third Wednesday)',
    )
    .option('--skip-weekends', 'move a meeting that falls on a weekend to the Monday after')
    .option('--duration <minutes>', 'how long each meeting lasts, in minutes')
    .requiredOption('--starts-at <instant>', 'the first meeting, ISO 8601 with an offset')
    .requiredOption('--until <date>', 'the last day a meeting may fall on (YYYY-MM-DD)')
    .option('--format <format>', 'joint or caucus', 'joint')
    .option('--party <party>', "caucus meetings: the secretary's own party")
    .option('--venue <venue>', 'where the meetings are held')
    .option('--visibility <visibility>', 'joint meetings: joint (default) or public')
    .option('--time-zone <zone>', 'IANA time zone that keeps the local time across DST')
    .action(async (options: ScheduleOptions) => {
      const parsed = ScheduleSeriesSchema.safeParse({
        title: options.title,
        level: options.level,
        format: options.format,
        party: options.party,
        startsAt: options.startsAt,
        until: options.until,
        cadence: options.cadence,
        rrule: options.rrule,
        skipWeekends: options.skipWeekends,
        durationMinutes: options.duration === undefined ? undefined : Number(options.duration),
        venue: options.venue,
        visibility: options.visibility,
        timeZone: options.timeZone,
      });
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (i) => `--${kebab(String(i.path[0]))}: ${i.message}`,
        );
        throw new CliError(problems.join('\n'));
      }
      await withCouncil(
        io,
        async ({ deps }) => {
          const actor = await actingUser(deps.db, options.as);
          const result = await scheduleSeries(deps, actor, parsed.data);
          for (const meeting of result.created)
            print(io, `created\t${meeting.date}\t${meeting.id}`);
          for (const meeting of result.skipped) {
            print(io, `skipped\t${meeting.date}\talready held by ${meeting.existingMeetingId}`);
          }
          print(io, `${result.created.length} created, ${result.skipped.length} skipped.`);
        },
        { mustExist: true },
      );
    });
}

// The fields whose option is not the field's own name in kebab case.
const OPTION_OF: Record<string, string> = { durationMinutes: 'duration' };

function kebab(field: string): string {
  const option = OPTION_OF[field];
  if (option !== undefined) return option;
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
