import type { Page } from 'playwright-core';
import type { ApiError, DocumentDetail, MotionView } from '../../shared/api.ts';
import type { ApiClient } from './api.ts';
import { motion, open, type VotingMeeting } from './votes.ts';

function check<T>(what: string, res: { status: number; body: T }, status = 200): T {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Puts the meeting's resolution to a named vote that adopts it: the five present all vote for. */
export async function adopt(m: VotingMeeting, documentId = m.documentId): Promise<MotionView> {
  const draft = await motion(m, { documentId });
  await open(m, draft.id);
  for (const who of ['kien', 'ha', 'dung', 'lan', 'minh']) {
    check(`ballot of ${who}`, await m.as[who]!.post(`/api/motions/${draft.id}/ballots`, { choice: 'for' }), 201);
  }
  const closed = check('close', await m.as.kien!.post<MotionView>(`/api/motions/${draft.id}/close`));
  if (closed.outcome !== 'adopted') throw new Error(`not adopted: ${closed.outcome}`);
  return closed;
}

/**
 * Asks for finalisation as a secretary who confirms every placeholder the server lists (PH3): the first request
 * is refused with the list, the second names them all. A text without placeholders goes through at once.
 */
export async function requestFinalisation(client: ApiClient, documentId: string) {
  const path = `/api/documents/${documentId}/finalisation`;
  const first = await client.post<DocumentDetail>(path);
  const refusal = first.body as unknown as ApiError;
  if (first.status !== 409 || refusal.code !== 'placeholders_remain') return first;
  return client.post<DocumentDetail>(path, { confirmPlaceholders: (refusal.details?.placeholders ?? []).map((p) => p.id) });
}

/** The secretary asks (confirming every placeholder), the chair confirms. */
export async function finalise(m: VotingMeeting, documentId = m.documentId): Promise<DocumentDetail> {
  check('request', await requestFinalisation(m.as.ha!, documentId));
  return check('confirm', await m.as.kien!.post<DocumentDetail>(`/api/documents/${documentId}/finalisation/confirm`));
}

/** "Đề nghị ban hành" in the browser, then every placeholder listed ticked as blank on purpose, then sent (PH4). */
export async function requestConfirmingAll(page: Page): Promise<void> {
  // The bar is one line until "Chi tiết" opens it (SC2).
  const toggle = page.getByTestId('finalisation-toggle');
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await page.getByTestId('finalise-request').click();
  await page.getByTestId('placeholder-review').waitFor();
  const boxes = page.getByTestId('placeholder-confirm');
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  await page.getByTestId('placeholders-send').click();
}
