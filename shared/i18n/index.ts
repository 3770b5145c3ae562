import { en, type Messages } from './en';
import { es } from './es';

export const catalogs: Record<'en' | 'es', Messages> = { en, es };
export type { Messages };
export { en, es };
