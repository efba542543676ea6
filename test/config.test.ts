import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig, maskUrl } from '../src/config';

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
    expect(c.lobbyChat).toEqual({ burst: 5, perSecond: 1 });
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

  it('derives the reply address from MAIL_FROM, and listens for answers only when asked', () => {
    const c = loadConfig({ MAIL_FROM: 'Twinning Office <No-Reply@Twinning.Example>' });
    expect(c.replyAddress).toEqual({ local: 'rsvp', domain: 'twinning.example' });
    expect(c.inboundSmtp).toBeNull();
    const d = loadConfig({ REPLY_ADDRESS: 'answers@in.twinning.example', INBOUND_SMTP_PORT: '2525' });
    expect(d.replyAddress).toEqual({ local: 'answers', domain: 'in.twinning.example' });
    expect(d.inboundSmtp).toEqual({ host: '127.0.0.1', port: 2525 });
    expect(d.inboundMaxBytes).toBe(1024 * 1024);
  });

  it.each([
    [{ REPLY_ADDRESS: 'rsvp+x@twinning.example' }, 'REPLY_ADDRESS'],
    [{ REPLY_ADDRESS: 'not an address' }, 'REPLY_ADDRESS'],
    [{ INBOUND_SMTP_PORT: 'smtp' }, 'INBOUND_SMTP_PORT'],
    [{ IMAP_URL: 'https://mail.example.org' }, 'IMAP_URL'],
    [{ IMAP_URL: 'imaps://mail.example.org/INBOX' }, 'IMAP_URL'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://cache' }, 'REDIS_URL'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ ORGANIZER_EMAILS: 'nobody' }, 'ORGANIZER_EMAILS'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO'],
    [{ MAIL_RETRY_SECONDS: '-1' }, 'MAIL_RETRY_SECONDS'],
    [{ LOBBY_CHAT_BURST: '0' }, 'LOBBY_CHAT_BURST'],
    [{ LOBBY_CHAT_PER_SECOND: '0.5' }, 'LOBBY_CHAT_PER_SECOND'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
    }
  });
});

describe('describeConfig', () => {
  it('says where data, mail and the listener are, with no secret in it', () => {
    const env = {
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'file:/var/lib/twinning/twinning.db',
      PUBLIC_URL: 'https://twinning.example.org',
      SMTP_URL: 'smtps://mailer:hunter2@smtp.example.org:465?pass=hunter3',
    };
    const described = describeConfig(loadConfig(env, '/srv/app'), env);
    expect(described).toMatchObject({
      nodeEnv: 'production',
      database: { engine: 'sqlite', path: '/var/lib/twinning/twinning.db' },
      mail: { smtp: 'smtps://mailer:***@smtp.example.org:465?pass=***' },
      listener: { host: '0.0.0.0', port: 8080, publicUrl: 'https://twinning.example.org' },
      devTools: false,
    });
    expect(JSON.stringify(described)).not.toMatch(/hunter/);
  });

  it('names the dev mailbox when mail goes nowhere outside production', () => {
    expect(describeConfig(loadConfig({}, '/srv/app'), {}).mail).toMatchObject({
      smtp: null,
      keptIn: 'the dev mailbox, http://localhost:3000/dev/mailbox',
    });
  });

  it('masks what it cannot read as a URL', () => {
    expect(maskUrl('not a url with a secret')).toBe('***');
    expect(maskUrl('smtp://relay.example.org:25')).toBe('smtp://relay.example.org:25');
  });
});
