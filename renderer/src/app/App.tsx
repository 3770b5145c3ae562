import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { SessionUser } from '../../../shared/contract/auth';
import { useServerUnavailable } from '../api/changes';
import { call, onSessionLost } from '../api/client';
import { Notice } from '../components/fields';
import { clockTime, errorText, setFacilityTimeZone, setLanguage, t, useTranslation } from '../i18n';
import { ChangePassword } from '../screens/ChangePassword';
import { LockScreen } from '../screens/LockScreen';
import { Recovery } from '../screens/Recovery';
import { Setup } from '../screens/Setup';
import { Shell } from '../screens/Shell';
import { SignIn } from '../screens/SignIn';
import { NO_POLICY, type PolicyView } from '../../../shared/policy/view';
import { PolicyContext } from './policy';
import { adoptDrafts, dropDrafts } from './drafts';
import { SessionContext } from './session';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  /** The database cannot be opened (damaged, or its key is not here): main serves the recovery screen only. */
  | { kind: 'recovery' }
  | { kind: 'setup' }
  | { kind: 'signIn'; notice: string | null }
  | { kind: 'signedIn'; user: SessionUser }
  /** The idle lock: whose session waits behind it, and nothing else. */
  | { kind: 'locked'; locked: { username: string; displayName: string } };

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;
/** Typing and scrolling reach main only through this: at most once a minute while someone is there. */
const KEEPALIVE_MS = 60_000;

/**
 * Locks an unattended station after the facility's idle minutes without a key or pointer. Main
 * enforces the same limit on its side, counted from the last call; so while a person is typing
 * a long note (no calls), a light keep-alive tells main the station is attended, and the note
 * is not lost to a lock when it is saved.
 */
function useIdleLock(active: boolean, onIdle: () => void) {
  const [minutes, setMinutes] = useState(10);
  const last = useRef(0);
  const lastPing = useRef(0);
  useEffect(() => {
    if (!active) return;
    last.current = lastPing.current = Date.now();
    const ping = () => {
      lastPing.current = Date.now();
      void call('auth.session', {}).then((r) => {
        if (!r.ok) return;
        // Locked or ended by main (its own idle count, another station): show the lock or sign-in.
        if (r.value.user === null) onIdle();
        else setMinutes(r.value.idleLockMinutes);
      });
    };
    ping(); // also picks up a limit an administrator changed since sign-in
    const mark = () => {
      last.current = Date.now();
      if (last.current - lastPing.current > KEEPALIVE_MS) ping();
    };
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
  const [policy, setPolicy] = useState<PolicyView>(NO_POLICY);
  // A language the policy fixes wins over the person's own choice.
  const managedLanguage = policy.managed.language;
  const applyUserLanguage = useCallback(
    (user: SessionUser) => {
      if (!managedLanguage && user.language) setLanguage(user.language);
    },
    [managedLanguage],
  );

  const refresh = useCallback(async (notice: string | null = null) => {
    const managed = await call('policy.status', {});
    if (!managed.ok && managed.error.message === 'recovery.required') return setState({ kind: 'recovery' });
    if (!managed.ok) return setState({ kind: 'failed', message: errorText(managed.error) });
    setPolicy(managed.value);
    const fixed = managed.value.managed.language;
    if (fixed) setLanguage(fixed);
    const status = await call('setup.status', {});
    if (!status.ok) return setState({ kind: 'failed', message: errorText(status.error) });
    setFacilityName(status.value.facilityName);
    setFacilityTimeZone(status.value.timeZone ?? undefined);
    if (status.value.needsSetup) return setState({ kind: 'setup' });
    const session = await call('auth.session', {});
    if (!session.ok) return setState({ kind: 'failed', message: errorText(session.error) });
    const user = session.value.user;
    if (session.value.locked) return setState({ kind: 'locked', locked: session.value.locked });
    if (user) {
      if (!fixed && user.language) setLanguage(user.language);
      adoptDrafts(user.id);
      setState({ kind: 'signedIn', user });
    } else setState({ kind: 'signIn', notice });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A call found the session locked or gone: the lock screen when it is this person's locked
  // session (their drafts wait), sign-in otherwise.
  const sessionLost = useCallback(async () => {
    const s = await call('auth.session', {});
    if (!s.ok) return; // out of reach: the banner says so, and the screen stays as it is
    if (s.value.locked) setState({ kind: 'locked', locked: s.value.locked });
    else if (!s.value.user) setState({ kind: 'signIn', notice: t('privacy.lock.ended') });
  }, []);
  useEffect(() => onSessionLost(() => void sessionLost()), [sessionLost]);

  // Signing out is a choice to leave: what was being typed goes too. A lock keeps it (see drafts).
  const signOut = useCallback(async () => {
    dropDrafts();
    await call('auth.signOut', {});
    setState({ kind: 'signIn', notice: t('auth.signedOut') });
  }, []);
  // The idle lock (or the Lock button): the session stays, locked in main; drafts stay in memory.
  const lock = useCallback(async () => {
    await call('auth.lock', {});
    await sessionLost();
  }, [sessionLost]);
  // "Switch user" at the lock: the locked person is signed out and what they typed is discarded.
  const switchUser = useCallback(async () => {
    dropDrafts();
    await call('auth.signOut', {});
    setState({ kind: 'signIn', notice: null });
  }, []);
  useIdleLock(state.kind === 'signedIn', lock);

  function screen(): ReactNode {
    switch (state.kind) {
      case 'loading':
        return <p className="loading">{t('app.loading')}</p>;
      case 'failed':
        return (
          <main id="main" className="centered-card">
            <Notice tone="error">{state.message}</Notice>
          </main>
        );
      case 'recovery':
        return <Recovery />;
      case 'setup':
        return <Setup onDone={() => void refresh(t('setup.done'))} />;
      case 'signIn':
        return (
          <SignIn
            facilityName={facilityName}
            notice={state.notice}
            onSignedIn={(user) => {
              applyUserLanguage(user);
              adoptDrafts(user.id);
              setState({ kind: 'signedIn', user });
            }}
          />
        );
      case 'locked':
        return (
          <LockScreen
            locked={state.locked}
            onUnlocked={(user) => {
              applyUserLanguage(user);
              adoptDrafts(user.id);
              setState({ kind: 'signedIn', user });
            }}
            onSwitchUser={() => void switchUser()}
          />
        );
      case 'signedIn':
        if (state.user.mustChangePassword) {
          return <ChangePassword intro onDone={() => void refresh(t('auth.passwordChanged'))} onCancel={() => void signOut()} />;
        }
        return (
          <SessionContext.Provider value={{ user: state.user, facilityName: facilityName ?? '', signOut: () => void signOut(), lock: () => void lock() }}>
            <Shell />
          </SessionContext.Provider>
        );
    }
  }

  return (
    <PolicyContext.Provider value={policy}>
      <ServerBanner />
      {screen()}
    </PolicyContext.Provider>
  );
}

/**
 * The facility server out of reach: said at the top of every screen, over whatever is open (a
 * half-typed form stays as it is), until the server answers again.
 */
function ServerBanner() {
  const since = useServerUnavailable();
  if (since === null) return null;
  return (
    <div className="server-banner" role="alert">
      {t('server.unavailable', { time: clockTime(since) })}
    </div>
  );
}
