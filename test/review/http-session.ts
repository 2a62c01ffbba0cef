// A minimal browser over fetch for the review server's HTTP tests: a cookie jar, the CSRF
// token read from the last page's forms, an optional X-Forwarded-For (the server trusts a
// loopback proxy in these tests, so each "client" can have its own address).
export class HttpSession {
  readonly jar = new Map<string, string>();
  csrf = '';
  constructor(private readonly base: string, private readonly address?: string) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...(this.address ? { 'x-forwarded-for': this.address } : {}), ...extra };
  }

  private keep(r: Response): void {
    for (const c of r.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const k = pair.slice(0, i).trim();
      const v = pair.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0$/i.test(a.trim())) || v === '') this.jar.delete(k);
      else this.jar.set(k, v);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; res: Response }> {
    const res = await fetch(`${this.base}${path}`, { redirect: 'manual', headers: this.headers(headers) });
    this.keep(res);
    const body = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) this.csrf = m[1];
    return { status: res.status, body, res };
  }

  async post(path: string, form: Record<string, string>, opts: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string; res: Response }> {
    const body = new URLSearchParams({ ...(opts.csrf === false ? {} : { _csrf: this.csrf }), ...form }).toString();
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST', redirect: 'manual', body, headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', ...opts.headers }),
    });
    this.keep(res);
    return { status: res.status, body: await res.text(), res };
  }

  /** GET /login for a CSRF token, then POST the form. */
  async login(username: string, password: string): Promise<{ status: number; body: string; res: Response }> {
    await this.get('/login');
    return this.post('/login', { username, password });
  }
}
