import type { Handlers } from '../context';
import { appointmentsHandlers } from './appointments';
import { authHandlers } from './auth';
import { backupHandlers } from './backup';
import { facilityHandlers } from './facility';
import { handoffHandlers } from './handoff';
import { moveHandlers } from './move';
import { policyHandlers } from './policy';
import { printHandlers } from './print';
import { privacyHandlers } from './privacy';
import { trainingHandlers } from './training';
import { transportHandlers } from './transport';
import { standingHandlers } from './transport-standing';
import { residentsHandlers } from './residents';
import { usersHandlers } from './users';

/** Every contract method has exactly one handler; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...authHandlers,
  ...facilityHandlers,
  ...moveHandlers,
  ...policyHandlers,
  ...usersHandlers,
  ...printHandlers,
  ...trainingHandlers,
  ...residentsHandlers,
  ...handoffHandlers,
  ...privacyHandlers,
  ...appointmentsHandlers,
  ...backupHandlers,
  ...transportHandlers,
  // Standing rides wrap transport.book and the series edits they follow (transport-standing.ts).
  ...standingHandlers,
};
