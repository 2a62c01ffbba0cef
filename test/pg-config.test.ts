// Unit: which store a --db value names, and the queue settings read from the environment (issue 16).
import { isPostgresUrl, redactUrl } from '../pipeline/pg/url.js';
import { queueSettings } from '../pipeline/pg/queue.js';

describe('PostgreSQL selection and settings', () => {
  it('takes postgres:// and postgresql:// URLs as PostgreSQL and anything else as a SQLite file', () => {
    expect(isPostgresUrl('postgres://u@h:5432/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u@h/db')).toBe(true);
    expect(isPostgresUrl('PostgreSQL://u@h/db')).toBe(true);
    expect(isPostgresUrl('data/tonghop.db')).toBe(false);
    expect(isPostgresUrl('./postgres/tonghop.db')).toBe(false);
    expect(isPostgresUrl(undefined)).toBe(false);
  });

  it('hides the password of a URL in messages', () => {
    expect(redactUrl('postgres://tonghop:bi-mat@db:5432/tonghop')).toBe('postgres://tonghop:***@db:5432/tonghop');
    expect(redactUrl('postgres://tonghop@db/tonghop')).toBe('postgres://tonghop@db/tonghop');
  });

  it('uses a 30-minute lease and 4 retries unless the environment says otherwise', () => {
    expect(queueSettings({})).toEqual({ leaseSeconds: 1800, retryLimit: 4, retryDelaySeconds: 10 });
    expect(queueSettings({ TONGHOP_JOB_LEASE_SECONDS: '8', TONGHOP_JOB_RETRIES: '0', TONGHOP_JOB_RETRY_DELAY_SECONDS: 'x' }))
      .toEqual({ leaseSeconds: 8, retryLimit: 0, retryDelaySeconds: 10 });
    expect(queueSettings({ TONGHOP_JOB_LEASE_SECONDS: '0' }).leaseSeconds).toBe(1);
  });
});
