/**
 * Child process for the crash test and bench: writes edits in a loop and prints `saved <id>` for
 * each edit only after the workspace said it is durably stored. It compacts now and then so that
 * kills also land in the middle of compactions. Usage: crash-writer <workspace> <clientId> <round>
 */
import { addClientRecord } from '../../core/doc/client-doc.js';
import { act } from '../../core/doc/origin.js';
import type { ClientId } from '../../core/ids.js';
import { clientDocId } from '../../core/doc/doc-id.js';
import { openWorkspace } from '../../cli/workspace/workspace.js';

const [dir, clientId, round] = process.argv.slice(2);
if (!dir || !clientId || !round) {
  process.stderr.write('usage: crash-writer <workspace> <clientId> <round>\n');
  process.exit(2);
}
const opened = await openWorkspace(dir, { now: () => new Date() });
if (!opened.ok) {
  process.stderr.write(`${opened.error.message}\n`);
  process.exit(1);
}
const ws = opened.value;
const doc = await ws.client(clientId as ClientId);
if (!doc.ok) {
  process.stderr.write(`${JSON.stringify(doc.error)}\n`);
  process.exit(1);
}
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const id = `v-${round}-${i}`;
  act(doc.doc, ws.origin('visit.record'), () =>
    addClientRecord(doc.doc, 'visitRecords', { id, date: '2026-11-22', staffId: 's-anna', scheduledVisitId: null, arrivedAt: null, leftAt: null, note: `edit ${i}` }),
  );
  await ws.save();
  process.stdout.write(`saved ${id}\n`);
  if (i % 25 === 24) await ws.repo.compact(clientDocId(clientId as ClientId));
}
