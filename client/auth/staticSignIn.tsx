import { renderToStaticMarkup } from 'react-dom/server';
import { LANGS, t, type Lang } from '../../shared/i18n.ts';
import { I18nProvider } from '../i18n.tsx';
import { SessionProvider } from '../session/SessionProvider.tsx';
import { AppHeader } from '../shell/AppHeader.tsx';
import { SignInForm } from './SignInForm.tsx';
import { SignInCard } from './SignInPage.tsx';

/**
 * The sign-in page as the app renders it for someone signed out, in each language, rendered to HTML when the client
 * is built and put into index.html (vite.config.ts, bootSignIn). On a phone the form is then on screen and takes
 * input before the app's JavaScript has arrived and started; the app takes it over with what was typed
 * (client/auth/boot.ts, SPEC CD6). The same components, so the two never drift apart.
 */
export function renderBootSignIn(bootScript: string, chunks: { room: string[]; document: string[] }): string {
  const templates = LANGS.map((lang) => {
    const title = `${t(lang, 'signIn.title')} · ${t(lang, 'app.name')}`;
    return `<template data-boot-lang="${lang}" data-title="${title}">${renderPage(lang)}</template>`;
  });
  // The meeting room's code and the open document's, for the boot script to ask for early on a reload (boot-script.js).
  const data = `data-room="${attribute(chunks.room)}" data-document="${attribute(chunks.document)}"`;
  return `<div id="boot" hidden ${data}></div>${templates.join('')}<script>${bootScript}</script>`;
}

function renderPage(lang: Lang): string {
  const page = (
    <I18nProvider lang={lang}>
      <SessionProvider>
        <div className="app">
          <AppHeader />
          <SignInCard>
            <SignInForm />
          </SignInCard>
        </div>
      </SessionProvider>
    </I18nProvider>
  );
  // The header's buttons are the boot script's until the app starts; their test ids belong to the app's header.
  const html = renderToStaticMarkup(page);
  const header = html.slice(0, html.indexOf('</header>'));
  return header.replace(/ data-testid="[^"]*"/g, '') + html.slice(header.length);
}

const attribute = (value: unknown) => JSON.stringify(value).replaceAll('&', '&amp;').replaceAll('"', '&quot;');
