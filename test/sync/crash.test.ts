import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveSync } from '../../cli/sync/live-sync.js';
import { syncDocsOnce } from '../../cli/sync/sync-once.js';
import { canonical, startRelay, token, waitFor } from './relay-process.js';

describe('relay crash', () => {
  it('SIGKILL while peers push: everything acknowledged survives a restart on the same data dir; all converge', async () => {
    const r1 = await startRelay({ env: { APSIS_RELAY_MSGS_PER_SECOND: '5000' } });
    const tok = token('coordinator');
    const a = new Y.Doc();
    const b = new Y.Doc();
    const observer = new Y.Doc();
    const la = new LiveSync({ url: r1.url, token: tok, namespace: 'acme' });
    const lb = new LiveSync({ url: r1.url, token: tok, namespace: 'acme' });
    const lo = new LiveSync({ url: r1.url, token: tok, namespace: 'acme' });
    la.add('client/c-1', a);
    lb.add('client/c-1', b);
    lo.add('client/c-1', observer);
    let seen: Record<string, unknown> = {};
    try {
      await waitFor(() => la.status().online && lb.status().online && lo.status().online);
      let i = 0;
      const pump = setInterval(() => {
        for (let k = 0; k < 5; k++, i++) {
          a.getMap('records').set(`a-${i}`, i);
          b.getMap('records').set(`b-${i}`, i);
        }
      }, 2);
      // Kill mid-stream, once the observer has received some (a fixed wait saw too few on a loaded machine).
      await waitFor(() => observer.getMap('records').size > 20, 20_000);
      await new Promise((res) => setTimeout(res, 100));
      await r1.kill();
      clearInterval(pump);
      // What the observer received was stored before it was fanned out: acknowledged.
      seen = observer.getMap('records').toJSON();
      expect(Object.keys(seen).length).toBeGreaterThan(20);
    } finally {
      la.destroy();
      lb.destroy();
      lo.destroy();
    }
    const r2 = await startRelay({ dataDir: r1.dataDir });
    try {
      const fresh = new Y.Doc();
      expect((await syncDocsOnce({ url: r2.url, token: tok, namespace: 'acme', docs: new Map([['client/c-1', fresh]]) })).ok).toBe(true);
      const recovered = fresh.getMap('records').toJSON();
      for (const [k, v] of Object.entries(seen)) expect(recovered[k], k).toBe(v);
      for (const d of [a, b, observer, fresh, a]) {
        expect((await syncDocsOnce({ url: r2.url, token: tok, namespace: 'acme', docs: new Map([['client/c-1', d]]) })).ok).toBe(true);
      }
      expect(canonical(b, ['records'])).toBe(canonical(a, ['records']));
      expect(canonical(observer, ['records'])).toBe(canonical(a, ['records']));
      expect(canonical(fresh, ['records'])).toBe(canonical(a, ['records']));
    } finally {
      await r2.stop();
    }
  });
});
