// Loaded into `npm start` by the schedule test (NODE_OPTIONS=--import): the process's clock
// starts at TEST_CLOCK_START and runs at real speed from there. Only `Date` moves; timers are
// real, so node-cron computes its next run from this clock and waits for it in real time —
// the configured schedule fires as it would on that morning.
const start = Date.parse(process.env.TEST_CLOCK_START ?? '');
if (Number.isNaN(start)) throw new Error('TEST_CLOCK_START must be an ISO date-time');
const RealDate = Date;
const offset = start - RealDate.now();

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}
globalThis.Date = ShiftedDate;
