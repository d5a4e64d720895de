/**
 * Remembers a pure function's result per key, for hot loops over a few
 * hundred distinct values (dates in the morning run, issue 15). The cache is
 * emptied when it holds `limit` entries, so it cannot grow without bound.
 */
export function boundedMemo<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as V;
    const value = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
