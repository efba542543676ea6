/** The organizers' pages share a gate (signed in, organizer) and a sub-navigation. */
import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { me } from '../../api';
import { TableWrap } from '../../components';
import { type MessageKey, t } from '../../i18n';
import { RequireSignIn } from '../require-sign-in';

const SECTIONS: [string, MessageKey][] = [
  ['/admin', 'adminOverview'],
  ['/admin/participants', 'adminParticipants'],
  ['/admin/requests', 'adminRequests'],
  ['/admin/sessions', 'adminSessions'],
  ['/admin/impact', 'adminImpact'],
  ['/projects', 'navProjects'],
  ['/webinars', 'navWebinars'],
  ['/events', 'navEvents'],
  ['/admin/outbox', 'navOutbox'],
];

export function AdminNav() {
  const { path } = useLocation();
  return (
    <nav class="subnav" aria-label={t('adminNav')}>
      {SECTIONS.map(([href, key]) => (
        <a key={href} href={href} aria-current={path === href ? 'page' : undefined}>
          {t(key)}
        </a>
      ))}
    </nav>
  );
}

export function OrganizersOnly() {
  return (
    <section class="card narrow">
      <h1>{t('organizersOnlyTitle')}</h1>
      <p>{t('organizersOnly')}</p>
      <a href="/">{t('navHome')}</a>
    </section>
  );
}

/** Renders the page for organizers; others get sign-in or a plain refusal. */
export function OrganizerPage(props: { children: () => ComponentChildren }) {
  if (me.value === undefined) return <p class="card">{t('loading')}</p>;
  if (!me.value) return <RequireSignIn />;
  if (me.value.role !== 'organizer') return <OrganizersOnly />;
  return (
    <>
      <AdminNav />
      {props.children()}
    </>
  );
}

/** A list as a table, with how many rows are shown of how many match. */
export function CountedTable(props: {
  /** What the table lists, naming it when it scrolls sideways. */
  label: string;
  shown: number;
  total: number;
  headers: string[];
  children: ComponentChildren;
}) {
  return (
    <>
      <p class="muted" aria-live="polite">
        {t('shownOf', { shown: String(props.shown), total: String(props.total) })}
      </p>
      <TableWrap label={props.label}>
        <table class="listing">
          <thead>
            <tr>
              {props.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{props.children}</tbody>
        </table>
      </TableWrap>
    </>
  );
}
