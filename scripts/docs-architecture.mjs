// Regenerates the module graph in docs/architecture.md (between the `module-graph` markers) from
// the code, with dependency-cruiser: `npm run docs:architecture`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const file = 'docs/architecture.md';
const graph = execFileSync(
  'npx',
  [
    'depcruise',
    'apps',
    'libs',
    '--include-only',
    '^(apps|libs)/',
    '--exclude',
    '(\\.spec\\.ts$|^apps/web/|^libs/core/src/index\\.ts$)',
    '--collapse',
    '^libs/core/src/[^/]+|^libs/[^/]+|^apps/[^/]+',
    '--output-type',
    'mermaid',
  ],
  { encoding: 'utf8' },
).trim();
const begin = '<!-- module-graph:begin (npm run docs:architecture) -->';
const end = '<!-- module-graph:end -->';
const text = readFileSync(file, 'utf8');
const from = text.indexOf(begin);
const to = text.indexOf(end);
if (from < 0 || to < from) throw new Error(`${file} has no ${begin} … ${end} block`);
writeFileSync(
  file,
  `${text.slice(0, from + begin.length)}\n\n\`\`\`mermaid\n${graph}\n\`\`\`\n\n${text.slice(to)}`,
);
console.log(`${file}: module graph regenerated`);
