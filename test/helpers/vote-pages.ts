/**
 * What the browser tests of votes (test/browser/motions*.test.ts) read off a page and how they seed a room to vote
 * in: the open vote's card, the result banner, and a meeting in session with everyone checked in over HTTP.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { MotionView } from '../../shared/api.ts';
import type { Role } from '../../shared/meeting.ts';
import { ApiClient, seedMeeting, type SeededPerson } from './api.ts';
import type { BrowserSuite } from './browser.ts';

/** The card of the vote now open, above every tab. */
export const openVote = (page: Page) => page.getByTestId('open-vote');

/** The open vote's "voted/of" figure (or, for a show of hands not yet counted, the line saying so). */
export const turnout = (page: Page) => openVote(page).getByTestId('vote-turnout').textContent();

/** The result banner's outcome and each figure as "count (percent)", with what the percentages are of. */
export const resultOf = async (page: Page) => {
  const banner = page.getByTestId('result-banner');
  const figure = async (choice: string) =>
    `${await banner.getByTestId(`result-${choice}`).locator('.result-count').textContent()} ${await banner
      .getByTestId(`result-${choice}`)
      .locator('.result-percent')
      .textContent()}`;
  return {
    outcome: await banner.getByTestId('result-outcome').textContent(),
    for: await figure('for'),
    against: await figure('against'),
    abstain: await figure('abstain'),
    base: await banner.getByTestId('result-base').textContent(),
  };
};

/** Set on the page's window; still there later only if the page was never reloaded. */
export const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { quorumTestMark: true }));
export const pageWasKept = (page: Page) =>
  page.evaluate(() => (window as unknown as { quorumTestMark?: boolean }).quorumTestMark === true);

export async function signedIn(url: string, username: string, password: string): Promise<ApiClient> {
  const client = new ApiClient(url);
  await client.signIn(username, password);
  return client;
}

export async function checkIn(client: ApiClient, meetingId: string): Promise<void> {
  const res = await client.post(`/api/meetings/${meetingId}/attendance`, { status: 'present' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A POST that must answer `status` (200 by default); returns its body. */
export async function command<T = MotionView>(client: ApiClient, path: string, body: unknown = {}, status = 200): Promise<T> {
  const res = await client.post<T>(path, body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

export interface VotingRoom {
  meetingId: string;
  documentId: string;
  /** In the order asked for. */
  accounts: SeededPerson[];
  /** Each account signed in over HTTP, in the same order. */
  clients: ApiClient[];
}

let seeded = 0;

/** A meeting in session with a draft resolution, these people on it (all checked in) and signed in over HTTP. */
export async function votingRoom(
  suite: BrowserSuite,
  people: { fullName: string; role: Role }[],
  document: 'NQ' | 'blank' = 'NQ',
): Promise<VotingRoom> {
  seeded += 1;
  const wanted = people.map((person, index) => ({ ...person, username: `v${index}-${process.pid.toString(36)}${seeded}` }));
  const result = await seedMeeting(suite.admin, { people: wanted, document, inSession: true });
  const meetingId = result.meeting.id;
  const accounts = wanted.map((person) => result.people[person.username]!);
  const clients = await Promise.all(accounts.map((a) => signedIn(suite.server.url, a.username, a.password)));
  for (const client of clients) await checkIn(client, meetingId);
  return { meetingId, documentId: result.documentId!, accounts, clients };
}
