import { useEffect, useState } from 'react';

/**
 * The value once its key has stayed the same for `ms` (the first value at once): a live check
 * asks the server when staff pause typing, not on every key.
 */
export function useSettled<T>(value: T, key: string, ms: number): { value: T; key: string } {
  const [settled, setSettled] = useState({ value, key });
  useEffect(() => {
    if (settled.key === key) return;
    const timer = setTimeout(() => {
      setSettled({ value, key });
    }, ms);
    return () => {
      clearTimeout(timer);
    };
  }, [key, value, ms, settled.key]);
  return settled;
}
