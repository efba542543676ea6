/** The app: the header with its navigation and language switch, and one route per page. */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { LocationProvider, lazy, Route, Router, useLocation } from 'preact-iso';
import { api, loadMe, me } from './api';
import { locale, setLocale, t } from './i18n';
import { PageTitle } from './page-title';
import { CheckMail, ConfirmBanner, Register, SignIn, Verify } from './pages/auth';
import { EventPage } from './pages/event';
import { Events } from './pages/events';
import { Home } from './pages/home';
import { Lobby } from './pages/lobby';
import { Matches } from './pages/matches';
import { OutcomeAnswer } from './pages/outcome';
import { Privacy } from './pages/privacy';
import { Profile } from './pages/profile';
import { ProjectForm, ProjectPage, Projects } from './pages/projects';
import { Requests } from './pages/requests';
import { Respond } from './pages/respond';
import { Schedule } from './pages/schedule';
import { SessionPage } from './pages/session';
import { Webinars } from './pages/webinars';
import './style.css';

// Organizers' and developers' pages load on first visit: most people never download them.
const AdminOverview = lazy(() => import('./pages/admin/overview').then((m) => m.AdminOverview));
const AdminParticipants = lazy(() => import('./pages/admin/participants').then((m) => m.AdminParticipants));
const AdminRequests = lazy(() => import('./pages/admin/requests').then((m) => m.AdminRequests));
const AdminImpact = lazy(() => import('./pages/admin/impact').then((m) => m.AdminImpact));
const AdminSessions = lazy(() => import('./pages/admin/sessions').then((m) => m.AdminSessions));
const Outbox = lazy(() => import('./pages/outbox').then((m) => m.Outbox));
const Mailbox = lazy(() => import('./pages/mailbox').then((m) => m.Mailbox));

function NotFound() {
  return (
    <section class="card narrow">
      <h1>{t('notFound')}</h1>
      <a href="/">{t('navHome')}</a>
    </section>
  );
}

/** The main links of a signed-in person: on a phone they sit behind the menu button. */
function NavLinks({ path }: { path: string }) {
  const m = me.value!;
  const link = (href: string, label: string) => (
    <a href={href} aria-current={path === href || path.startsWith(`${href}/`) ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <>
      {link('/matches', t('navMatches'))}
      {link('/requests', t('navRequests'))}
      {link('/schedule', t('navSchedule'))}
      {link('/webinars', t('navWebinars'))}
      {link('/events', t('navEvents'))}
      {link('/projects', t('navProjects'))}
      {m.role === 'organizer' && link('/admin', t('navAdmin'))}
      {link('/profile', t('navProfile'))}
    </>
  );
}

function Header() {
  const { route, path } = useLocation();
  const [open, setOpen] = useState(false);
  const header = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  // A new page closes the menu: the link chosen has done its work.
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    // Escape closes the menu and gives the focus back to its button (the disclosure pattern);
    // a click or the focus going anywhere outside the header closes it too.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onOutside = (e: Event) => {
      if (!header.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onOutside);
    document.addEventListener('focusin', onOutside);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onOutside);
      document.removeEventListener('focusin', onOutside);
    };
  }, [open]);
  const signOut = async () => {
    await api('POST', '/api/auth/logout').catch(() => undefined);
    me.value = null;
    route('/');
  };
  const signedIn = !!me.value;
  return (
    <header class={`top${signedIn ? ' has-menu' : ''}${open ? ' open' : ''}`} ref={header}>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <a href="/" class="brand" aria-label={t('appName')}>
        <span class="logo" aria-hidden="true" />
        {t('appName')}
      </a>
      <div class="top-tools">
        <button
          type="button"
          class="lang"
          lang={locale.value === 'en' ? 'zh-CN' : 'en'}
          title={t('language')}
          onClick={() => setLocale(locale.value === 'en' ? 'zh' : 'en')}
        >
          {locale.value === 'en' ? '中文' : 'English'}
        </button>
        {signedIn && (
          // Shown on narrow screens only (style.css): wide ones have room for every link.
          <button
            type="button"
            class="menu-toggle"
            ref={toggle}
            aria-expanded={open}
            aria-controls="main-nav"
            onClick={() => setOpen(!open)}
          >
            <span class="menu-icon" aria-hidden="true" />
            {t('menu')}
          </button>
        )}
      </div>
      <nav aria-label="main" id="main-nav">
        {signedIn ? (
          <>
            <NavLinks path={path} />
            <button type="button" class="link" onClick={signOut}>
              {t('navSignOut')}
            </button>
          </>
        ) : (
          <>
            <a href="/sign-in">{t('navSignIn')}</a>
            <a href="/register">{t('navRegister')}</a>
          </>
        )}
      </nav>
    </header>
  );
}

function App() {
  useEffect(() => {
    void loadMe();
  }, []);
  // Reading the signal here re-renders every page when the language changes.
  const lang = locale.value;
  return (
    <LocationProvider>
      <Header />
      <main id="main" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <ConfirmBanner />
        <Router>
          <Route path="/" component={Home} />
          <Route path="/register" component={Register} />
          <Route path="/sign-in" component={SignIn} />
          <Route path="/check-mail" component={CheckMail} />
          <Route path="/auth/verify" component={Verify} />
          <Route path="/profile" component={Profile} />
          <Route path="/privacy" component={Privacy} />
          <Route path="/matches" component={Matches} />
          <Route path="/requests" component={Requests} />
          <Route path="/schedule" component={Schedule} />
          <Route path="/sessions/:id/lobby" component={Lobby} />
          <Route path="/sessions/:id" component={SessionPage} />
          <Route path="/webinars" component={Webinars} />
          <Route path="/events" component={Events} />
          <Route path="/events/:id" component={EventPage} />
          <Route path="/admin" component={AdminOverview} />
          <Route path="/admin/participants" component={AdminParticipants} />
          <Route path="/admin/requests" component={AdminRequests} />
          <Route path="/admin/sessions" component={AdminSessions} />
          <Route path="/admin/outbox" component={Outbox} />
          <Route path="/admin/impact" component={AdminImpact} />
          <Route path="/projects" component={Projects} />
          <Route path="/projects/new" component={ProjectForm} />
          <Route path="/projects/:id/edit" component={ProjectForm} />
          <Route path="/projects/:id" component={ProjectPage} />
          <Route path="/sessions/:id/respond" component={Respond} />
          <Route path="/sessions/:id/outcome" component={OutcomeAnswer} />
          <Route path="/sessions/:id/follow-up" component={OutcomeAnswer} />
          <Route path="/dev/mailbox" component={Mailbox} />
          <Route default component={NotFound} />
        </Router>
        <PageTitle />
      </main>
      <footer class="bottom">
        <a href="/privacy">{t('footerPrivacy')}</a>
      </footer>
    </LocationProvider>
  );
}

render(<App />, document.getElementById('app')!);
