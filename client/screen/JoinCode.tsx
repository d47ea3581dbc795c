import { useMemo } from 'react';
import { useI18n } from '../i18n.tsx';
import { qrSquares } from './qr.ts';

/** Modules of white around the code, as the standard asks, so a phone finds its edges against a dark screen. */
const QUIET = 4;

/** An address a phone in the hall cannot reach: this machine's own name for itself. */
function isLoopback(link: string): boolean {
  const host = new URL(link).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

/** The QR code of the meeting's address and the address in text, for people joining from their phones. */
export function JoinCode({ link }: { link: string }) {
  const { t } = useI18n();
  const { size, path } = useMemo(() => qrSquares(link), [link]);
  const side = size + 2 * QUIET;
  return (
    <figure className="screen-join" data-testid="screen-join">
      <svg
        className="screen-qr"
        data-testid="screen-qr"
        viewBox={`${-QUIET} ${-QUIET} ${side} ${side}`}
        role="img"
        aria-label={t('screen.qrLabel', { link })}
        shapeRendering="crispEdges"
      >
        <rect x={-QUIET} y={-QUIET} width={side} height={side} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <figcaption>
        <span className="screen-join-label">{t('screen.join')}</span>{' '}
        <span className="screen-link" data-testid="screen-link">
          {link}
        </span>
        {isLoopback(link) && (
          <span className="screen-join-warning" data-testid="screen-link-loopback">
            {t('screen.loopback')}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
