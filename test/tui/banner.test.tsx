/** A demo scenario's task shows as a banner under the header, in the UI language. */
import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkspace, renderApp } from './harness.js';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('scenario banner', () => {
  it('shows the task of the scenario in force, and nothing without one', async () => {
    const w = await makeWorkspace();
    cleanup = w.cleanup;
    const plain = await renderApp(w.ws);
    expect(plain.frame()).not.toContain('▶');
    plain.app.unmount();
    await w.ws.setScenario({ name: 'gp-alert', task: { lv: 'Informējiet ārstu', en: 'Inform the GP' }, startedAt: '2026-11-23T08:00:00Z' });
    const en = await renderApp(w.ws, { lang: 'en' });
    expect(en.frame().split('\n')[1]).toContain('▶ Inform the GP');
    en.app.unmount();
    const lv = await renderApp(w.ws, { lang: 'lv' });
    expect(lv.frame()).toContain('▶ Informējiet ārstu');
    lv.app.unmount();
  });
});
