import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('has the defaults of the contract', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.databasePath).toBe('/srv/app/data/twinning.db');
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.smtpUrl).toBeNull();
    expect(c.mailFrom).toBe('Twinning <no-reply@localhost>');
    expect(c.seedDemo).toBe(true);
    expect(c.mailRetrySeconds).toBe(30);
    expect(c.lobbyOpenMinutes).toBe(15);
    expect(c.devTools).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('turns production mode into no dev tools and no demo seed', () => {
    const c = loadConfig({ NODE_ENV: 'production', SEED_DEMO: '1' });
    expect(c.devTools).toBe(false);
    expect(c.seedDemo).toBe(false);
  });

  it('reads organizers, https cookies and the public origin', () => {
    const c = loadConfig({ ORGANIZER_EMAILS: ' A@x.org, b@y.org ', PUBLIC_URL: 'https://twinning.example/' });
    expect(c.organizerEmails).toEqual(['a@x.org', 'b@y.org']);
    expect(c.secureCookies).toBe(true);
    expect(c.publicOrigin).toBe('https://twinning.example');
    expect(c.publicUrl).toBe('https://twinning.example');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ ORGANIZER_EMAILS: 'nobody' }, 'ORGANIZER_EMAILS'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO'],
    [{ MAIL_RETRY_SECONDS: '-1' }, 'MAIL_RETRY_SECONDS'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
    }
  });
});
