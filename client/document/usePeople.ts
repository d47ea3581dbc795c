import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { compareVietnameseNames } from '../../shared/names.ts';

export interface Person {
  clientId: number;
  name: string;
  color: string;
  isSelf: boolean;
}

type Awareness = WebsocketProvider['awareness'];

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const FALLBACK_COLOR = '#64748b';

function readPeople(awareness: Awareness): Person[] {
  const people: Person[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    // Awareness state comes from other browsers: trust nothing about its shape.
    const user: unknown = state['user'];
    if (typeof user !== 'object' || user === null) continue;
    const { name, color } = user as { name?: unknown; color?: unknown };
    if (typeof name !== 'string' || name.trim() === '') continue;
    people.push({
      clientId,
      name: name.slice(0, 60),
      color: typeof color === 'string' && HEX_COLOR.test(color) ? color : FALLBACK_COLOR,
      isSelf: clientId === awareness.clientID,
    });
  }
  return people.sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || compareVietnameseNames(a.name, b.name) || a.clientId - b.clientId,
  );
}

export function usePeople(awareness: Awareness): Person[] {
  const [people, setPeople] = useState(() => readPeople(awareness));
  useEffect(() => {
    const update = () => setPeople(readPeople(awareness));
    update();
    // 'change' and not 'update': the 15-second keep-alive renewals would re-render for nothing.
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness]);
  return people;
}
