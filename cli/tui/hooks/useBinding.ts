/** Registers the active screen's keys with the shell (after every render, so handlers are fresh). */
import { useLayoutEffect } from 'react';
import type { Binding } from '../app/context.js';
import { useBindingSetter } from '../app/context.js';

/** Makes `binding` the one the shell dispatches keys to while `isActive`. */
export function useBinding(binding: Binding, isActive = true): void {
  const set = useBindingSetter();
  useLayoutEffect(() => {
    if (isActive) set(binding);
  });
}
