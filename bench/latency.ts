/**
 * What every user feels, measured from outside as Slack meets the bot (issue 15, items 1, 3, 4):
 * the bot started as its systemd unit starts it (`node dist/main.js`) on a new embedded data
 * folder holding the demo sub-district (12 communities, 150 clients, each community's due list
 * posted), the fake Web API of the tests answering in 0 ms, signed requests over HTTP.
 *
 *   npx tsx bench/latency.ts [--rounds N] [--json <file>] [--cpu-prof <dir>]
 *
 * With --cpu-prof the bot writes a V8 CPU profile of its whole run into <dir> when it stops
 * (open it in Chrome DevTools or VS Code): where the time goes, per function.
 *
 * 1. Ack and command → views.open: rounds of 50 concurrent `/visit <case number>` from the demo's caseworkers (each
 *    naming one of their clients, so it is preselected), alternately into the bot and into the bare Bolt app of bench/bare-app.ts
 *    (which acks and opens a fixed modal), two warm-up rounds each, then N rounds each (default
 *    20: 1,000 commands per app). Ack: request sent → HTTP answer; views.open: request sent →
 *    the fake Web API receives views.open with the command's trigger_id.
 * 2. The same command one at a time, alternately into each app (200 each after 10 warm-ups):
 *    what one command costs with no queue. 50 × that cost is the floor of a burst's last modal
 *    when the work runs on one thread.
 * 3. Visit submissions end to end: 20 submitters at once, each submitting the opened modal again
 *    and again (a new view id each time, so each is a new visit), 400 in all: the ack (the visit,
 *    its audit row and the due-list bookkeeping are written before it), the confirmation reaching
 *    Slack, and submissions per second.
 * 4. Memory: the bot's RSS idle after start, after 10,000 more requests and after another
 *    10,000 (a mix at 20 concurrent: 45 % `/visit`, 45 % client searches, 10 % submissions).
 */
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { form, interactionBody } from '../test/support/slack-http.js';
import { stateValues, TEAM } from '../test/support/slack-driver.js';
import type { Json } from '../test/support/fake-slack.js';
import { ADMIN, build, demoFolder, FakeSlack, startBare, startOurs, type Running } from './harness.js';
import { median, quantile, reportRows, type Row } from './report.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROUNDS = arg('--rounds', 20);
const CONCURRENT = 50;
const SINGLE = 200;
const SUBMITTERS = 20;
const SUBMISSIONS = 400;
const MIX = 10_000;

let sequence = 0;
const nextId = () => `${process.pid}-${++sequence}`;

/** A slash command as Slack sends it, with a trigger id of our choosing. */
function slash(target: Running, user: string, command: string, text: string, triggerId: string, channel = 'C0GENERAL') {
  return target.driver.send(
    form({
      token: 'legacy', team_id: TEAM.id, team_domain: TEAM.domain, channel_id: channel, channel_name: 'general', user_id: user,
      user_name: user.toLowerCase(), command, text, api_app_id: 'A0APP', response_url: target.driver.fake.responseUrl(), trigger_id: triggerId,
    }),
  );
}

function interaction(target: Running, user: string, type: string, fields: Json) {
  return target.driver.send(interactionBody({ type, team: TEAM, user: { id: user, name: user.toLowerCase(), team_id: TEAM.id }, api_app_id: 'A0APP', ...fields }));
}

const submittedView = (view: Json, values: Record<string, string>): Json => ({
  ...view, id: `V${nextId()}`, type: 'modal', state: { values: stateValues(view, values) }, hash: 'h1', team_id: TEAM.id, app_id: 'A0APP', bot_id: 'BBOT',
});

interface Timing {
  ack: number;
  opened: number;
}

/** One `/visit` into `target`: ms to the ack and to views.open. */
async function visitCommand(fake: FakeSlack, target: Running, user: string, text: string): Promise<Timing> {
  const triggerId = fake.issueTrigger();
  const start = performance.now();
  const opened = fake.waitFor('views.open', (c) => c.args.trigger_id === triggerId, 30_000).then(() => performance.now() - start);
  const answer = await slash(target, user, '/visit', text, triggerId);
  const ack = performance.now() - start;
  if (answer.status !== 200) throw new Error(`${target.name}: /visit answered ${answer.status}`);
  return { ack, opened: await opened };
}

interface Ask {
  user: string;
  caseNumber: string;
}

/** 50 commands at once, from as many caseworkers as the demo has, each naming one of their clients. */
async function round(fake: FakeSlack, target: Running, asks: Ask[], offset: number): Promise<Timing[]> {
  fake.clear();
  return Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) => {
      const ask = asks[(offset + i) % asks.length]!;
      return visitCommand(fake, target, ask.user, ask.caseNumber);
    }),
  );
}

/** Runs `count` tasks, `width` at a time. */
async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const ms = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  build();
  const fake = await new FakeSlack().start();
  const folder = demoFolder();
  // The bot was invited to #general, where the commands are typed, and to every community's channel.
  fake.join('C0GENERAL', ...Object.values(folder.channels));
  // Interleaved so that consecutive commands come from different caseworkers.
  const asks: Ask[] = [];
  for (let k = 0; asks.length < folder.workers.reduce((n, w) => n + w.caseNumbers.length, 0); k++) {
    for (const w of folder.workers) if (k < w.caseNumbers.length) asks.push({ user: w.userId, caseNumber: w.caseNumbers[k]! });
  }
  const rows: Row[] = [];
  const profile = process.argv.indexOf('--cpu-prof');
  const nodeArgs = profile >= 0 ? ['--cpu-prof', `--cpu-prof-dir=${process.argv[profile + 1]}`] : [];
  const ours = await startOurs(fake, { DATA_DIR: folder.dataDir }, {}, nodeArgs);
  const bare = await startBare(fake);
  try {
    // Idle: after the start-up work (the due lists' catch-up when started after their time).
    await Promise.all([ours.settled(), bare.settled()]);
    const idle = ours.rssMb();
    const bareIdle = bare.rssMb();
    console.log(`load average ${os.loadavg()[0]!.toFixed(1)}; ${os.cpus().length} cores; ${folder.workers.length} caseworkers, ${asks.length} active clients`);

    // The morning's due lists, so that a visit strikes its client through (chat.update).
    const posted = await slash(ours, ADMIN, '/caseload', 'due post all', fake.issueTrigger());
    if (posted.status !== 200) throw new Error('due post all failed');
    await fake.waitFor('response_url', (c) => String(c.args.text ?? '').length > 0, 60_000);

    // 1. Ack and views.open, alternating, the first of each pair switching every round.
    const timings: Record<'ours' | 'bare', Timing[]> = { ours: [], bare: [] };
    const slowest: Record<'ours' | 'bare', number[]> = { ours: [], bare: [] };
    for (let r = -2; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? [ours, bare] : [bare, ours];
      for (const target of order) {
        const result = await round(fake, target, asks, (r + 2) * CONCURRENT);
        if (r >= 0) timings[target === ours ? 'ours' : 'bare'].push(...result);
        if (r >= 0) slowest[target === ours ? 'ours' : 'bare'].push(Math.round(Math.max(...result.map((x) => x.ack))));
      }
    }
    const stat = (xs: Timing[], key: keyof Timing) => ({ p50: median(xs.map((x) => x[key])), p99: quantile(xs.map((x) => x[key]), 0.99) });
    const ackOurs = stat(timings.ours, 'ack');
    const ackBare = stat(timings.bare, 'ack');
    const openOurs = stat(timings.ours, 'opened');
    const openBare = stat(timings.bare, 'opened');
    const n = timings.ours.length;
    const ackRatio = ackOurs.p99 / ackBare.p99;
    const openRatio = openOurs.p99 / openBare.p99;
    rows.push(
      { section: 'ack', figure: `/visit ack, ${CONCURRENT} at once — ours`, db: 'PGlite', median: ms(ackOurs.p50), p99: ms(ackOurs.p99), unit: 'ms', goal: 'p99 ≤ 1.5× bare', met: ackRatio <= 1.5, note: `${n} commands; ${ackRatio.toFixed(2)}× bare at p99` },
      { section: 'ack', figure: `/visit ack, ${CONCURRENT} at once — bare Bolt app`, db: '—', median: ms(ackBare.p50), p99: ms(ackBare.p99), unit: 'ms', note: `${n} commands` },
      { section: 'ack', figure: '/visit → views.open — ours', db: 'PGlite', median: ms(openOurs.p50), p99: ms(openOurs.p99), unit: 'ms', goal: 'p99 ≤ 1.5× bare', met: openRatio <= 1.5, note: `${openRatio.toFixed(2)}× bare at p99` },
      { section: 'ack', figure: '/visit → views.open — bare Bolt app', db: '—', median: ms(openBare.p50), p99: ms(openBare.p99), unit: 'ms' },
    );
    console.log(`ack p50/p99: ours ${ms(ackOurs.p50)}/${ms(ackOurs.p99)} ms, bare ${ms(ackBare.p50)}/${ms(ackBare.p99)} ms (${ackRatio.toFixed(2)}×)`);
    console.log(`slowest ack of each round (ms): ours ${slowest.ours.join(' ')}; bare ${slowest.bare.join(' ')}`);
    console.log(`views.open p50/p99: ours ${ms(openOurs.p50)}/${ms(openOurs.p99)} ms, bare ${ms(openBare.p50)}/${ms(openBare.p99)} ms (${openRatio.toFixed(2)}×)`);

    // 2. The same command one at a time: what one costs with no queue. A burst of 50 on one
    // thread cannot open its modals faster than 50 such costs one after the other.
    const single: Record<'ours' | 'bare', number[]> = { ours: [], bare: [] };
    for (let i = -10; i < SINGLE; i++) {
      for (const target of i % 2 === 0 ? [ours, bare] : [bare, ours]) {
        fake.clear();
        const ask = asks[(i + 10) % asks.length]!;
        const { opened } = await visitCommand(fake, target, ask.user, ask.caseNumber);
        if (i >= 0) single[target === ours ? 'ours' : 'bare'].push(opened);
      }
    }
    const singleOurs = median(single.ours);
    const singleBare = median(single.bare);
    rows.push(
      {
        section: 'ack', figure: '/visit → views.open, one at a time — ours', db: 'PGlite', median: ms(singleOurs), p99: ms(quantile(single.ours, 0.99)), unit: 'ms',
        note: `${SINGLE} commands in turn; ${(singleOurs / singleBare).toFixed(1)}× bare; ${CONCURRENT} × median = ${Math.round(CONCURRENT * singleOurs)} ms, the floor of a burst's last modal (burst p99 ${Math.round(openOurs.p99)} ms)`,
      },
      { section: 'ack', figure: '/visit → views.open, one at a time — bare Bolt app', db: '—', median: ms(singleBare), p99: ms(quantile(single.bare, 0.99)), unit: 'ms', note: `${SINGLE} commands in turn; ${CONCURRENT} × median = ${Math.round(CONCURRENT * singleBare)} ms` },
    );
    console.log(`views.open one at a time, p50: ours ${ms(singleOurs)} ms, bare ${ms(singleBare)} ms`);
    await bare.stop();

    // The modal of each client as the bot opened it (client preselected), for submissions.
    fake.clear();
    const views: { user: string; view: Json }[] = [];
    for (const ask of asks) {
      const triggerId = fake.issueTrigger();
      const opened = fake.waitFor('views.open', (c) => c.args.trigger_id === triggerId, 30_000);
      await slash(ours, ask.user, '/visit', ask.caseNumber, triggerId);
      views.push({ user: ask.user, view: (await opened).args.view as Json });
    }
    const values = { kind: 'home', urine: 'none' };

    /** One visit submitted: ms to the ack. */
    const submit = async ({ user, view }: { user: string; view: Json }): Promise<number> => {
      const submitted = submittedView(view, values);
      const start = performance.now();
      const answer = await interaction(ours, user, 'view_submission', { trigger_id: fake.issueTrigger(), view: submitted, response_urls: [] });
      if (answer.status !== 200 || answer.text !== '') throw new Error(`submission refused: ${answer.status} ${answer.text}`);
      return performance.now() - start;
    };
    const confirmations = () => fake.calls.filter((c) => c.method === 'chat.postEphemeral').length;

    // 3. Submissions: 20 submitters, 400 visits.
    fake.clear();
    const acks: number[] = [];
    const started = performance.now();
    await pool(SUBMISSIONS, SUBMITTERS, async (i) => {
      acks.push(await submit(views[i % views.length]!));
    });
    const ackedIn = (performance.now() - started) / 1000;
    // End to end: every confirmation (sent after the ack, with the due-list redraw) has reached Slack.
    while (confirmations() < SUBMISSIONS && performance.now() - started < 120_000) await new Promise((resolve) => setTimeout(resolve, 5));
    const seconds = (performance.now() - started) / 1000;
    const redraws = fake.calls.filter((c) => c.method === 'chat.update').length;
    const perSecond = SUBMISSIONS / seconds;
    rows.push(
      { section: 'submit', figure: `visit submission ack (saved, audited), ${SUBMITTERS} at once`, db: 'PGlite', median: ms(median(acks)), p99: ms(quantile(acks, 0.99)), unit: 'ms', note: `${SUBMISSIONS} visits` },
      { section: 'submit', figure: `visits per second end to end, ${SUBMITTERS} at once`, db: 'PGlite', median: Math.round(perSecond * 10) / 10, unit: '/s', note: `${SUBMISSIONS} acked in ${ackedIn.toFixed(1)} s, all ${confirmations()} confirmations sent in ${seconds.toFixed(1)} s; ${redraws} due-list redraws` },
    );
    console.log(`submissions: ack p50/p99 ${ms(median(acks))}/${ms(quantile(acks, 0.99))} ms, ${perSecond.toFixed(1)}/s end to end (${redraws} redraws)`);

    // 4. Memory under a mix of requests.
    const queries = ['DEMO', '赵', 'zhao', 'zm', '某', 'DEMO-01', 'q', '王某'];
    const mix = async (count: number) => {
      await pool(count, SUBMITTERS, async (i) => {
        const kind = i % 20;
        if (kind < 9) {
          const ask = asks[i % asks.length]!;
          const answer = await slash(ours, ask.user, '/visit', ask.caseNumber, fake.issueTrigger());
          if (answer.status !== 200) throw new Error(`/visit answered ${answer.status}`);
        } else if (kind < 18) {
          const { user, view } = views[i % views.length]!;
          const answer = await interaction(ours, user, 'block_suggestion', { action_id: 'client', block_id: 'client', value: queries[i % queries.length], view: { ...view, id: `V${nextId()}`, type: 'modal' } });
          if (answer.status !== 200) throw new Error(`search answered ${answer.status}`);
        } else {
          await submit(views[i % views.length]!);
        }
        if (i % 500 === 0) fake.clear();
      });
      // Let the work after the acks finish before reading the memory.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      fake.clear();
    };
    await mix(MIX);
    const after10k = ours.rssMb();
    await mix(MIX);
    const after20k = ours.rssMb();
    rows.push(
      { section: 'memory', figure: 'RSS idle after start (demo sub-district)', db: 'PGlite', median: Math.round(idle), unit: 'MB', goal: '≤ 250 MB', met: idle <= 250, note: `bare Bolt app: ${Math.round(bareIdle)} MB` },
      { section: 'memory', figure: 'RSS after 10,000 requests', db: 'PGlite', median: Math.round(after10k), unit: 'MB', goal: '≤ 250 MB', met: after10k <= 250 },
      { section: 'memory', figure: 'RSS after 20,000 requests', db: 'PGlite', median: Math.round(after20k), unit: 'MB', goal: '≤ 250 MB, no growth', met: after20k <= 250 && after20k <= after10k * 1.1, note: `${after20k >= after10k ? '+' : ''}${Math.round(after20k - after10k)} MB over the second 10,000` },
    );
    console.log(`RSS: idle ${idle.toFixed(0)} MB, after 10k ${after10k.toFixed(0)} MB, after 20k ${after20k.toFixed(0)} MB (bare idle ${bareIdle.toFixed(0)} MB)`);
    console.log(`load average ${os.loadavg()[0]!.toFixed(1)}`);
    const code = await ours.stop();
    if (code !== 0) throw new Error(`the bot exited ${code} after SIGTERM`);
  } finally {
    await fake.stop();
  }
  reportRows(rows);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
