/**
 * Reads the keyboard: splits batched input into single keys and hands them to `onKey` in order.
 * A lone key is handled at once (one render per key); the rest of a batch ("jjj") is handled one
 * key per render, so each key sees the state (and bindings) left by the one before.
 */
import { useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { KeyName } from '../keys/key-names.js';
import { splitKeys } from '../keys/key-names.js';

/** Queues keys from Ink and calls `onKey` for each, in order. */
export function useKeyQueue(onKey: (key: KeyName) => void, isActive = true): void {
  const queue = useRef<KeyName[]>([]);
  const handler = useRef(onKey);
  handler.current = onKey;
  const [tick, setTick] = useState(0);
  useInput(
    (input, key) => {
      const keys = splitKeys(input, key);
      if (queue.current.length === 0 && keys.length > 0) {
        // Nothing pending: the handler from the last render is current, so take the first key now.
        handler.current(keys[0]!);
        keys.shift();
      }
      if (keys.length === 0) return;
      queue.current.push(...keys);
      setTick((t) => t + 1);
    },
    { isActive },
  );
  useEffect(() => {
    const next = queue.current.shift();
    if (next === undefined) return;
    handler.current(next);
    if (queue.current.length > 0) setTick((t) => t + 1);
  }, [tick]);
}
