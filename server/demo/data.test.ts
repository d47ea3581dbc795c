import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { createMeetingRequest, fullNameSchema, usernameSchema } from '../../shared/api.ts';
import { editorSchema } from '../../shared/editor/extensions.ts';
import { ROLES } from '../../shared/meeting.ts';
import { documentUpdateFromJSON } from '../documents/initial-state.ts';
import { DEMO, DEMO_PASSWORD } from './data.ts';

describe('demo conference', () => {
  it('is a meeting the API would accept', () => {
    expect(() => createMeetingRequest.parse(DEMO.meeting)).not.toThrow();
    expect(DEMO.meeting.startsAt).toBe('2023-12-19T08:00');
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(8);
  });

  it('has people with valid, distinct usernames, one chair, a secretary and the three guests as observers', () => {
    for (const p of DEMO.people) {
      expect(usernameSchema.parse(p.username)).toBe(p.username);
      expect(fullNameSchema.parse(p.fullName)).toBe(p.fullName);
      expect(ROLES).toContain(p.role);
    }
    expect(new Set(DEMO.people.map((p) => p.username)).size).toBe(DEMO.people.length);
    const named = (role: string) => DEMO.people.filter((p) => p.role === role).map((p) => p.fullName);
    expect(named('chair')).toEqual(['Cung Hồng Kiên']);
    expect(named('secretary')).toHaveLength(1);
    expect(named('observer').sort()).toEqual(['Giang Mạnh Khôi', 'Nguyễn Minh Nam', 'Nguyễn Thị Thanh Mai'].sort());
    expect(named('delegate').length).toBeGreaterThanOrEqual(8);
  });

  it('has a draft resolution and draft minutes that the editor can hold', () => {
    expect(DEMO.documents.map((d) => d.kind)).toEqual(['NQ', 'BB']);
    for (const d of DEMO.documents) {
      const node = Node.fromJSON(editorSchema(), d.content);
      expect(() => node.check()).not.toThrow();
      expect(documentUpdateFromJSON(d.content).byteLength).toBeGreaterThan(0);
      expect(d.title.length).toBeLessThanOrEqual(300);
    }
  });

  it('writes the article’s facts into the resolution', () => {
    const text = Node.fromJSON(editorSchema(), DEMO.documents[0]!.content).textContent;
    for (const fact of ['02 nhiệm vụ KH&CN cấp Quốc gia', '08 nhiệm vụ KH&CN', '09 báo cáo khoa học', 'Kế hoạch năm 2024']) {
      expect(text).toContain(fact);
    }
    expect(text).toContain('Đẩy mạnh tìm kiếm, phát triển thị trường');
    expect(text).toContain('Cung Hồng Kiên');
  });

  it('follows the agenda in the minutes, with the guests and the chair named', () => {
    const text = Node.fromJSON(editorSchema(), DEMO.documents[1]!.content).textContent;
    let at = -1;
    for (const [i, item] of DEMO.meeting.agenda.entries()) {
      const next = text.indexOf(`${i + 1}. ${item}`);
      expect(next).toBeGreaterThan(at);
      at = next;
    }
    expect(text).toContain('khách mời: đồng chí Giang Mạnh Khôi');
    expect(text).toContain('Chủ trì: Cung Hồng Kiên.');
  });
});
