// Scenario 5: the same anonymous meeting read served by Directus 12.4.0 (support/directus.ts),
// only when BENCH_PEER=directus; ours and Directus take turns in each round.
import { isDeepStrictEqual } from 'node:util';
import {
  directusFolder,
  installDirectus,
  prepareDirectus,
  startDirectus,
} from '../support/directus.ts';
import { measureThroughput, median } from '../support/load.ts';
import type { ScaleContext } from './context.ts';

export type PeerResult =
  | { skipped: string }
  | {
      skipped: null;
      peer: string;
      path: string;
      /** Whether Directus answered the meeting's agenda item titles, in order, as ours did. */
      sameItems: boolean;
      requestsPerSecond: number;
      p50: number;
      p99: number;
      errors: number;
      oursRequestsPerSecond: number;
      oursP99: number;
    };

export async function runPeer(ctx: ScaleContext): Promise<PeerResult> {
  if (ctx.config.peer !== 'directus') {
    const skipped =
      ctx.config.peer === null
        ? 'BENCH_PEER is not set (BENCH_PEER=directus installs Directus 12.4.0 into a scratch folder outside the repository, about 4 minutes, and measures it)'
        : `BENCH_PEER=${ctx.config.peer} is not a peer this benchmark knows (directus)`;
    ctx.log(`peer: skipped (${skipped})`);
    return { skipped };
  }
  const file = ctx.loaded.sqliteFile;
  if (file === undefined) {
    // Directus is prepared from a copy of the SQLite target's file; on PostgreSQL it would
    // need a loader of its own, and the comparison (ours against a peer) is made once.
    const skipped = `Directus runs against the SQLite target only (it copies its meetings from the SQLite file), not ${ctx.target.label}`;
    ctx.log(`peer: skipped (${skipped})`);
    return { skipped };
  }
  ctx.log('peer: Directus 12.4.0');
  const folder = directusFolder();
  try {
    installDirectus(folder, ctx.log);
    prepareDirectus(folder, file);
  } catch (error) {
    const skipped = `Directus could not be installed or prepared here: ${String(error).slice(0, 300)}`;
    ctx.log(`  ${skipped}`);
    return { skipped };
  }
  const directus = await startDirectus(folder);
  try {
    const id = ctx.loaded.publicMeetingId;
    const path = `/items/meetings/${id}?fields=*,agenda_items.*`;
    const answer = await fetch(`${directus.url}${path}`);
    if (answer.status !== 200) {
      const skipped = `Directus answered ${answer.status}: ${(await answer.text()).slice(0, 200)}`;
      ctx.log(`  ${skipped}`);
      return { skipped };
    }
    const theirs = (await answer.json()) as {
      data?: { agenda_items?: { position: number; title: string }[] };
    };
    const ours = (await (await fetch(`${ctx.ours.url}/api/meetings/${id}`)).json()) as {
      agendaItems: { title: string }[];
    };
    const sameItems = isDeepStrictEqual(
      [...(theirs.data?.agenda_items ?? [])]
        .sort((a, b) => a.position - b.position)
        .map((i) => i.title),
      ours.agendaItems.map((i) => i.title),
    );
    const runs: { who: 'peer' | 'ours'; rps: number; p50: number; p99: number; errors: number }[] =
      [];
    for (let round = 0; round < ctx.config.rounds; round++) {
      for (const who of round % 2 === 0
        ? (['peer', 'ours'] as const)
        : (['ours', 'peer'] as const)) {
        const t = await measureThroughput({
          url: who === 'peer' ? `${directus.url}${path}` : `${ctx.ours.url}/api/meetings/${id}`,
          connections: ctx.config.connections,
          seconds: ctx.config.seconds,
        });
        runs.push({ who, rps: t.requestsPerSecond, p50: t.p50, p99: t.p99, errors: t.errors });
      }
    }
    const of = (who: 'peer' | 'ours') => runs.filter((r) => r.who === who);
    const result: PeerResult = {
      skipped: null,
      peer: 'Directus 12.4.0',
      path,
      sameItems,
      requestsPerSecond: median(of('peer').map((r) => r.rps)),
      p50: median(of('peer').map((r) => r.p50)),
      p99: Math.max(...of('peer').map((r) => r.p99)),
      errors: of('peer').reduce((sum, r) => sum + r.errors, 0),
      oursRequestsPerSecond: median(of('ours').map((r) => r.rps)),
      oursP99: Math.max(...of('ours').map((r) => r.p99)),
    };
    ctx.log(
      `  Directus ${Math.round(result.requestsPerSecond)} req/s, ours ${Math.round(result.oursRequestsPerSecond)} req/s` +
        `${sameItems ? '' : ' (warning: its agenda differs from ours)'}`,
    );
    return result;
  } finally {
    await directus.stop();
  }
}
