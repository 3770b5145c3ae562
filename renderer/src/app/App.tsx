import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionUser } from '../../../shared/contract/auth';
import { call, onSessionLost } from '../api/client';
import { Notice } from '../components/fields';
import { errorText, setLanguage, t, useTranslation } from '../i18n';
import { ChangePassword } from '../screens/ChangePassword';
import { Setup } from '../screens/Setup';
import { Shell } from '../screens/Shell';
import { SignIn } from '../screens/SignIn';
import { SessionContext } from './session';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'setup' }
  | { kind: 'signIn'; notice: string | null }
  | { kind: 'signedIn'; user: SessionUser };

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Locks an unattended station: after the facility's idle minutes without a key or pointer,
 * the session is ended here as well as in main (which enforces it on the next call anyway).
 */
function useIdleLock(active: boolean, minutes: number, onIdle: () => void) {
  const last = useRef(0);
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const mark = () => (last.current = Date.now());
    ACTIVITY_EVENTS.forEach((e) => window.addEventListener(e, mark, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - last.current > minutes * 60_000) onIdle();
    }, 15_000);
    return () => {
      ACTIVITY_EVENTS.forEach((e) => window.removeEventListener(e, mark));
      window.clearInterval(timer);
    };
  }, [active, minutes, onIdle]);
}

export function App() {
  useTranslation(); // re-render on language change
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [facilityName, setFacilityName] = useState<string | null>(null);
  const [idleMinutes, setIdleMinutes] = useState(10);

  const refresh = useCallback(async (notice: string | null = null) => {
    const status = await call('setup.status', {});
    if (!status.ok) return setState({ kind: 'failed', message: errorText(status.error) });
    setFacilityName(status.value.facilityName);
    if (status.value.needsSetup) return setState({ kind: 'setup' });
    const session = await call('auth.session', {});
    if (!session.ok) return setState({ kind: 'failed', message: errorText(session.error) });
    setIdleMinutes(session.value.idleLockMinutes);
    const user = session.value.user;
    if (user) {
      if (user.language) setLanguage(user.language);
      setState({ kind: 'signedIn', user });
    } else setState({ kind: 'signIn', notice });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => onSessionLost(() => setState({ kind: 'signIn', notice: t('auth.locked') })), []);

  const signOut = useCallback(async () => {
    await call('auth.signOut', {});
    setState({ kind: 'signIn', notice: t('auth.signedOut') });
  }, []);
  const lock = useCallback(async () => {
    await call('auth.signOut', {});
    setState({ kind: 'signIn', notice: t('auth.locked') });
  }, []);
  useIdleLock(state.kind === 'signedIn', idleMinutes, lock);

  switch (state.kind) {
    case 'loading':
      return <p className="loading">{t('app.loading')}</p>;
    case 'failed':
      return (
        <main id="main" className="centered-card">
          <Notice tone="error">{state.message}</Notice>
        </main>
      );
    case 'setup':
      return <Setup onDone={() => void refresh(t('setup.done'))} />;
    case 'signIn':
      return (
        <SignIn
          facilityName={facilityName}
          notice={state.notice}
          onSignedIn={(user) => {
            if (user.language) setLanguage(user.language);
            setState({ kind: 'signedIn', user });
          }}
        />
      );
    case 'signedIn':
      if (state.user.mustChangePassword) {
        return <ChangePassword intro onDone={() => void refresh(t('auth.passwordChanged'))} onCancel={() => void signOut()} />;
      }
      return (
        <SessionContext.Provider value={{ user: state.user, facilityName: facilityName ?? '', signOut: () => void signOut() }}>
          <Shell />
        </SessionContext.Provider>
      );
  }
}
