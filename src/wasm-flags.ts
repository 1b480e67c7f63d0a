// PGlite (PostgreSQL itself) and Prisma's query compiler are WebAssembly. V8 compiles WebAssembly
// twice: quickly when it loads (Liftoff), then again, optimised (TurboFan), for the functions it
// finds hot, in background threads. For this bot's many short queries the second compilation
// costs more than it gives: on the 2-core reference machine about 1.5 s of CPU at start and
// 25–90 MB of memory that never comes back, for no gain in CPU per request (measured with
// bench/latency.ts and the demo sub-district, issue 15). Imported first by main.ts: the flag
// must be set before any WebAssembly is compiled.
import v8 from 'node:v8';

v8.setFlagsFromString('--liftoff-only');
