// The way dependencies point, read from the source as a newcomer would: folders import one way
// (no cycle, however long), the pure core and the Slack layer never reach into a feature, our own
// modules are never imported dynamically (a cycle the type checker does not see), and Slack stops
// at each feature's slack/ folder: every file that knows Slack (handlers, Block Kit, posting) is
// in features/<name>/slack/, and the use cases beside it take plain data and an actor.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path).split(sep).join('/')] : [];
  });
}

interface Import {
  from: string;
  /** A file under src/ for a relative import, else the package name. */
  to: string;
  dynamic: boolean;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?\sfrom\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => {
    const spec = (m[1] ?? m[2])!;
    const to = spec.startsWith('.') ? normalize(join(dirname(file), spec)).split(sep).join('/').replace(/\.js$/, '.ts') : spec;
    return { from: file, to, dynamic: m[2] !== undefined };
  });
}

const FILES = sourceFiles(SRC);
const IMPORTS = FILES.flatMap(importsOf);
const OWN = IMPORTS.filter((i) => FILES.includes(i.to));

/** The unit a file belongs to: one feature, one top-level folder, or a top-level file. */
const unitOf = (file: string): string => {
  const parts = file.split('/');
  return parts[0] === 'features' ? `features/${parts[1]}` : parts[0]!;
};

/** Strongly connected groups of more than one node (Tarjan). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        group.push(member);
      } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

function graph(key: (file: string) => string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const { from, to } of OWN) {
    const [a, b] = [key(from), key(to)];
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a)!.add(b);
  }
  return edges;
}

const crossings = (from: (file: string) => boolean, to: (file: string) => boolean) =>
  IMPORTS.filter((i) => from(i.from) && to(i.to)).map((i) => `${i.from} -> ${i.to}`);

describe('dependencies point one way', () => {
  it('reads every source file', () => {
    // A parser that found nothing would pass every rule below.
    expect(FILES.length).toBeGreaterThan(100);
    expect(OWN.length).toBeGreaterThan(500);
  });

  it('has no import cycle between files', () => {
    expect(cycles(graph((f) => f))).toEqual([]);
  });

  it('has no import cycle between folders and features', () => {
    expect(cycles(graph(unitOf))).toEqual([]);
  });

  it('keeps the pure core free of Slack, Prisma, the database and the features', () => {
    const impure = (to: string) => /^(@slack|@prisma|pg$|@electric-sql)/.test(to) || /^(slack|db|features|generated|jobs)\//.test(to);
    expect(crossings((f) => f.startsWith('domain/'), impure)).toEqual([]);
  });

  it('keeps the Slack layer, the database and the catalog out of the features', () => {
    expect(crossings((f) => /^(slack|db|i18n|domain)\//.test(f), (to) => to.startsWith('features/'))).toEqual([]);
  });

  it("stops Slack at each feature's slack/ folder: its use cases take plain data", () => {
    const useCase = (f: string) => /^features\/[^/]+\/[^/]+\.ts$/.test(f) && !f.endsWith('/index.ts');
    const slack = (to: string) => to.startsWith('@slack/') || to.startsWith('slack/') || /^features\/[^/]+\/slack\//.test(to);
    expect(crossings(useCase, slack)).toEqual([]);
  });

  it('imports none of our own modules dynamically outside the entrypoint', () => {
    const dynamic = IMPORTS.filter((i) => i.dynamic && FILES.includes(i.to) && i.from !== 'main.ts');
    expect(dynamic.map((i) => `${i.from} -> ${i.to}`)).toEqual([]);
  });
});
