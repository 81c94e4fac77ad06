import type { ReactNode } from 'react';
import { createContext, useContext } from 'react';
import { createPortal } from 'react-dom';

/**
 * Where edge labels go: React Flow's `.react-flow__edgelabel-renderer` layer, found once by the
 * canvas. React Flow's own `<EdgeLabelRenderer>` looks it up with a store selector that runs a
 * `querySelector` in every label on every store update (each pan or zoom frame): with a few
 * hundred labels mounted that was a good part of a zoom step.
 */
export const EdgeLabelTarget = createContext<HTMLElement | null>(null);

/** Renders `children` into the edge label layer (nothing until the canvas has found it). */
export const EdgeLabelPortal = ({ children }: { children: ReactNode }) => {
  const target = useContext(EdgeLabelTarget);
  return target ? createPortal(children, target) : null;
};
