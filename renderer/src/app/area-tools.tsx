import { createContext, useContext, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * The place on the area's heading line (beside "Residents") where an area puts its sub-navigation
 * and main action, so heading, views and "Admit resident" take one line of a 768-pixel screen
 * instead of three. Tab order follows: heading, then these, then the screen.
 */
export const AreaToolsContext = createContext<HTMLElement | null>(null);

export function AreaTools({ children }: { children: ReactNode }) {
  const slot = useContext(AreaToolsContext);
  return slot ? createPortal(children, slot) : null;
}
