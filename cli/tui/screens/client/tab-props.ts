/** What every client tab receives from the client screen. */
import type * as Y from 'yjs';
import type { ClientId } from '../../../../core/ids.js';
import type { CommandId } from '../../keys/commands.js';

export interface TabProps {
  readonly clientId: ClientId;
  readonly doc: Y.Doc;
  /** Changes with every update of the document (re-read on change). */
  readonly version: number;
  readonly name: string;
  /** Tab switching, merged into each tab's binding. */
  readonly tabHandlers: Partial<Record<CommandId, () => void>>;
  readonly active: boolean;
}
