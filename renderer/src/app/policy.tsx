import { createContext, useContext } from 'react';
import { passwordMinLength } from '../../../shared/domain/password-policy';
import { policyProblemKey, policyProblemParams } from '../../../shared/policy/messages';
import { NO_POLICY, type PolicyView } from '../../../shared/policy/view';
import { Notice } from '../components/fields';
import { useTranslation } from '../i18n';

/**
 * What the administrator's policy fixes, loaded once at start (`policy.status`). Main enforces
 * it on every call; the screens use it to show "Managed by your organization" and to disable
 * the controls a person cannot change.
 */
export const PolicyContext = createContext<PolicyView>(NO_POLICY);

export function usePolicy(): PolicyView {
  return useContext(PolicyContext);
}

/** The minimum password length in force: the policy may raise NIST's 15. */
export function useMinPasswordLength(): number {
  return Math.max(usePolicy().managed.minPasswordLength ?? passwordMinLength, passwordMinLength);
}

/** The problems in the administrator's policy, each naming its setting; defaults apply meanwhile. */
export function PolicyProblems() {
  const { t } = useTranslation();
  const { problems } = usePolicy();
  if (problems.length === 0) return null;
  return (
    <Notice tone="error">
      <p>
        <strong>{t('policy.problemsTitle')}</strong>
      </p>
      <p>{t('policy.problemsIntro')}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            {t(policyProblemKey(p), policyProblemParams(p))} <span className="policy-source">{t('policy.problemSource', { source: p.source })}</span>
          </li>
        ))}
      </ul>
    </Notice>
  );
}
