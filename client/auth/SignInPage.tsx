import type { SetupStatus } from '../../shared/api.ts';
import { useApiQuery } from '../api/useApiQuery.ts';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Loading } from '../ui/Loading.tsx';
import { SetupForm } from './SetupForm.tsx';
import { SignInForm } from './SignInForm.tsx';

/** Sign-in, or on a server with no account yet, the first-run form that creates the first administrator. */
export function SignInPage({ next }: { next: string }) {
  const setup = useApiQuery<SetupStatus>('/api/setup');
  return (
    <main className="centered">
      <div className="card auth-card">
        {setup.loading && !setup.data && <Loading />}
        <ErrorText error={setup.error} />
        {setup.data?.needsSetup === true && <SetupForm />}
        {setup.data?.needsSetup === false && <SignInForm next={next} />}
      </div>
    </main>
  );
}
