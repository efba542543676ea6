/**
 * axe-core on a page as it stands: the violations, rule by rule, as "rule: help (targets)".
 * By default its WCAG 2.1 A and AA rules; `all` adds its best-practice rules too.
 *
 * Run the classic way (axe.run in the page): the default runs each frame's part and then opens a
 * blank page to put the parts together, which our pages, with no frames, do not need and which
 * took half the time. Only violations are gathered, not every node that passed.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface AxeScope {
  /** Only this part of the page (a CSS selector), such as an open dialog. */
  include?: string;
  /** Every rule axe has, best practices included, not only those WCAG 2.1 A and AA require. */
  all?: boolean;
}

export async function axeViolations(page: Page, scope: AxeScope = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  if (!scope.all) builder = builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (scope.include) builder = builder.include(scope.include);
  const result = await builder.analyze();
  return result.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}
