/**
 * libical's RFC 5546 restriction check, through a few lines of C compiled once per run against
 * Debian's libical-dev: each calendar object goes in on stdin; out come libical's complaints (its
 * parser's and icalrestriction_check's X-LIC-ERRORs), one a line. `libicalCheck` is null when no C
 * compiler or libical is installed, and `whyNoLibical` says which.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SOURCE = `
#include <libical/ical.h>
#include <stdio.h>
static void errors(icalcomponent *c, int *n) {
  for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
       p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
    printf("%s: %s\\n", icalcomponent_kind_to_string(icalcomponent_isa(c)), icalproperty_get_xlicerror(p));
    (*n)++;
  }
  for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
       s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) errors(s, n);
}
int main(void) {
  static char buf[1 << 22];
  size_t len = fread(buf, 1, sizeof buf - 1, stdin);
  buf[len] = 0;
  icalcomponent *c = icalparser_parse_string(buf);
  if (!c) { printf("does not parse\\n"); return 1; }
  int ok = icalrestriction_check(c);
  int n = 0;
  errors(c, &n);
  if (!ok && n == 0) printf("restriction check failed\\n");
  return ok && n == 0 ? 0 : 1;
}
`;

function build(): { binary: string } | { why: string } {
  const flags = spawnSync('pkg-config', ['--cflags', '--libs', 'libical'], { encoding: 'utf8' });
  if (flags.status !== 0) return { why: 'libical-dev is not installed (apt-get install libical-dev)' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'libical-check-'));
  fs.writeFileSync(path.join(dir, 'check.c'), SOURCE);
  const binary = path.join(dir, 'check');
  try {
    execFileSync('cc', ['-o', binary, path.join(dir, 'check.c'), ...flags.stdout.trim().split(/\s+/)], {
      stdio: 'pipe',
    });
  } catch (err) {
    return { why: `no C compiler, or libical would not link: ${(err as Error).message.split('\n')[0]}` };
  }
  return { binary };
}

const built = build();

/** libical's complaints about one calendar object; [] when it conforms. */
export const libicalCheck =
  'binary' in built
    ? (ics: string): string[] => {
        const r = spawnSync(built.binary, { input: ics, encoding: 'utf8' });
        const lines = r.stdout.split('\n').filter(Boolean);
        return r.status === 0 ? [] : lines.length ? lines : [`exit ${r.status}`];
      }
    : null;

export const whyNoLibical = 'why' in built ? built.why : null;
