import { useLayoutEffect, type ReactNode } from 'react';
import type { SetupStatus } from '../../shared/api.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { ErrorText } from '../ui/ErrorText.tsx';
import { useI18n } from '../i18n.tsx';
import { Loading } from '../ui/Loading.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { dropBoot } from './boot.ts';
import { SetupForm } from './SetupForm.tsx';
import { SignInForm } from './SignInForm.tsx';

/**
 * Sign-in, or on a server with no account yet, the first-run form that creates the first administrator. Once
 * signed in, the app goes on to the page the person was sent here from (the `next` of the address).
 */
export function SignInPage() {
  const { t } = useI18n();
  const setup = useApiQuery<SetupStatus>('/api/setup');
  useDocumentTitle(setup.data?.needsSetup ? t('setup.title') : t('signIn.title'));
  // Not the sign-in form after all: the form index.html showed goes (the sign-in form takes it over instead).
  const notSignIn = setup.error !== null || setup.data?.needsSetup === true;
  useLayoutEffect(() => {
    if (notSignIn) dropBoot();
  }, [notSignIn]);
  return (
    <SignInCard>
      {setup.loading && !setup.data && <Loading />}
      <ErrorText error={setup.error} />
      {setup.data?.needsSetup === true && <SetupForm />}
      {setup.data?.needsSetup === false && <SignInForm />}
    </SignInCard>
  );
}

/** The page around the form; also rendered at build time around the form index.html shows (staticSignIn.tsx). */
export function SignInCard({ children }: { children: ReactNode }) {
  return (
    <main className="centered">
      <div className="card auth-card">{children}</div>
    </main>
  );
}
