/**
 * `npm run --silent schedule -- INSTANCE.json [--seed N] [--iterations N] [--time-ms N]`: the
 * schedule as JSON on stdout and nothing else there; a malformed instance gets a message on
 * stderr and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { DomainError } from '../domain/errors';
import { schedule, validateInstance } from '../domain/scheduler';

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run --silent schedule -- INSTANCE.json [--seed N] [--iterations N] [--time-ms N]\n`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
let file: string | undefined;
const opts: { seed?: number; iterations?: number; timeBudgetMs?: number } = {};
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const number = () => {
    const v = Number(args[++i]);
    if (!Number.isInteger(v) || v < 0) usage(`${a} needs a whole number`);
    return v;
  };
  if (a === '--seed') opts.seed = number();
  else if (a === '--iterations') opts.iterations = number();
  else if (a === '--time-ms') opts.timeBudgetMs = number();
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else if (file) usage('one instance file at a time');
  else file = a;
}
if (!file) usage('no instance file given');

let raw: unknown;
try {
  raw = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  usage(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
}
try {
  const result = schedule(validateInstance(raw), opts);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (err) {
  if (err instanceof DomainError) usage(`invalid instance: ${err.message}`);
  throw err;
}
