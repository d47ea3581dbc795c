import type { CreatedToken, MeetingView, SessionView } from '../../shared/api.ts';
import type { DocumentKind, Role } from '../../shared/meeting.ts';

/** Untyped by default: the tests' expectations are what check a response's shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

export interface ApiResponse<T = Loose> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A person using the HTTP API the way the browser does: a cookie jar for the session and the page's Origin
 * on every request (set `origin` to null to leave it out, or to another site to test the check).
 */
export class ApiClient {
  cookie: string | null = null;
  origin: string | null;
  bearer: string | null = null;
  lang: 'vi' | 'en' = 'en';

  constructor(readonly baseUrl: string) {
    this.origin = new URL(baseUrl).origin;
  }

  async request<T = Loose>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { 'accept-language': this.lang };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.origin) headers.origin = this.origin;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0]!;
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }

  get<T = Loose>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Loose>(path: string, body: unknown = {}) {
    return this.request<T>('POST', path, body);
  }
  patch<T = Loose>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = Loose>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Signs in; throws unless it worked. */
  async signIn(username: string, password: string): Promise<SessionView> {
    const res = await this.post<SessionView>('/api/session', { username, password });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

export const ADMIN = { username: 'admin', fullName: 'Quản Trị Viên', password: 'quan-tri-2023' };

/** The first run: creates the administrator (and the demo, if asked) and returns them signed in. */
export async function setupAdmin(
  baseUrl: string,
  options: { username?: string; fullName?: string; password?: string; loadDemo?: boolean } = {},
): Promise<ApiClient> {
  const admin = new ApiClient(baseUrl);
  const res = await admin.post('/api/setup', {
    username: options.username ?? ADMIN.username,
    fullName: options.fullName ?? ADMIN.fullName,
    password: options.password ?? ADMIN.password,
    loadDemo: options.loadDemo ?? false,
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return admin;
}

export interface SeededPerson {
  username: string;
  fullName: string;
  password: string;
  role: Role;
  userId: string;
}

export const MEETING_FIELDS = {
  title: 'Hội nghị cán bộ viên chức năm 2023',
  kind: 'employee_conference',
  startsAt: '2023-12-19T08:00',
  place: 'Hội trường Trung tâm Công nghệ Laser',
  locality: 'Hà Nội',
  issuingBody: 'Trung tâm Công nghệ Laser',
  parentBody: 'Viện Ứng dụng công nghệ',
  symbol: 'TTCNL',
  agenda: ['Báo cáo tổng kết công tác năm 2023', 'Thảo luận', 'Thông qua Nghị quyết'],
} as const;

/**
 * A meeting created by `admin` (who is not on its roster), with one account per requested person created on
 * the spot, and optionally a document and the meeting put in session.
 */
export async function seedMeeting(
  admin: ApiClient,
  options: {
    people?: { username: string; fullName: string; role: Role }[];
    document?: DocumentKind | null;
    inSession?: boolean;
  } = {},
): Promise<{ meeting: MeetingView; people: Record<string, SeededPerson>; documentId: string | null }> {
  const created = await admin.post<MeetingView>('/api/meetings', { ...MEETING_FIELDS, creatorRole: null });
  if (created.status !== 201) throw new Error(`create meeting: ${created.status} ${JSON.stringify(created.body)}`);
  const meetingId = created.body.id;
  const people: Record<string, SeededPerson> = {};
  const wanted = options.people ?? [
    { username: 'kien', fullName: 'Cung Hồng Kiên', role: 'chair' },
    { username: 'ha', fullName: 'Trần Thu Hà', role: 'secretary' },
    { username: 'dung', fullName: 'Lê Văn Dũng', role: 'delegate' },
    { username: 'khoi', fullName: 'Giang Mạnh Khôi', role: 'observer' },
  ];
  for (const p of wanted) {
    const password = `${p.username}-mat-khau`;
    const res = await admin.post(`/api/meetings/${meetingId}/members`, {
      newUser: { username: p.username, fullName: p.fullName, password },
      role: p.role,
      unit: '',
    });
    if (res.status !== 201) throw new Error(`add member ${p.username}: ${res.status} ${JSON.stringify(res.body)}`);
    people[p.username] = { ...p, password, userId: res.body.member.userId };
  }
  let documentId: string | null = null;
  const kind = options.document === undefined ? 'NQ' : options.document;
  if (kind) {
    const res = await admin.post(`/api/meetings/${meetingId}/documents`, { kind });
    if (res.status !== 201) throw new Error(`create document: ${res.status} ${JSON.stringify(res.body)}`);
    documentId = res.body.id;
  }
  if (options.inSession) {
    const res = await admin.patch(`/api/meetings/${meetingId}`, { status: 'in_session' });
    if (res.status !== 200) throw new Error(`start session: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const meeting = (await admin.get<MeetingView>(`/api/meetings/${meetingId}`)).body;
  return { meeting, people, documentId };
}

/** An API token for `username`, made by an administrator. */
export async function tokenFor(admin: ApiClient, userId: string, name = 'test'): Promise<string> {
  const res = await admin.post<CreatedToken>('/api/tokens', { name, userId });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.secret;
}
