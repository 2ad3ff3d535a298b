/**
 * The command table: every action of the terminal UI with its default keys, its label and where
 * it applies. Input handling, `?` help and the `:` palette are all generated from this one table.
 */
import type { Role } from '../../../core/doc/schema.js';
import type { MsgKey } from '../i18n/messages.js';
import type { KeyName } from './key-names.js';

/** Where a command applies: everywhere, in any list, or on one screen / tab. */
export type Scope =
  | 'global'
  | 'list'
  | 'clients'
  | 'client'
  | 'profile'
  | 'assessment'
  | 'proposal'
  | 'plan'
  | 'history'
  | 'myday'
  | 'approvals'
  | 'schedule'
  | 'dashboard';

/** What `isActive` may look at. */
export interface CommandState {
  readonly role: Role;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export interface Command {
  readonly id: string;
  readonly keys: readonly KeyName[];
  readonly label: MsgKey;
  readonly scope: Scope;
  /** Hidden from help and the palette and never run while false. */
  readonly isActive?: (s: CommandState) => boolean;
}

const managerish = (s: CommandState) => s.role === 'manager' || s.role === 'coordinator' || s.role === 'trainer';
// Care decisions (proposal review) are made by those who assess and plan, not by field staff or auditors.
const decides = (s: CommandState) => managerish(s) || s.role === 'social_worker';

/** Every command, in the order help shows them. */
export const COMMANDS = [
  { id: 'app.quit', keys: ['q', 'ctrl+c'], label: 'cmd.quit', scope: 'global' },
  { id: 'app.help', keys: ['?'], label: 'cmd.help', scope: 'global' },
  { id: 'app.palette', keys: [':', 'ctrl+k'], label: 'cmd.palette', scope: 'global' },
  { id: 'app.back', keys: ['esc'], label: 'cmd.back', scope: 'global' },
  { id: 'app.undo', keys: ['u'], label: 'cmd.undo', scope: 'global', isActive: (s) => s.canUndo },
  { id: 'app.redo', keys: ['ctrl+r'], label: 'cmd.redo', scope: 'global', isActive: (s) => s.canRedo },
  { id: 'go.clients', keys: ['1'], label: 'cmd.goClients', scope: 'global' },
  { id: 'go.myday', keys: ['2'], label: 'cmd.goMyDay', scope: 'global' },
  { id: 'go.approvals', keys: ['3'], label: 'cmd.goApprovals', scope: 'global' },
  { id: 'go.schedule', keys: ['4'], label: 'cmd.goSchedule', scope: 'global' },
  { id: 'go.dashboard', keys: ['5'], label: 'cmd.goDashboard', scope: 'global' },

  { id: 'list.down', keys: ['j', 'down'], label: 'cmd.down', scope: 'list' },
  { id: 'list.up', keys: ['k', 'up'], label: 'cmd.up', scope: 'list' },
  { id: 'list.pageDown', keys: ['pagedown', 'ctrl+d'], label: 'cmd.pageDown', scope: 'list' },
  { id: 'list.pageUp', keys: ['pageup', 'ctrl+u'], label: 'cmd.pageUp', scope: 'list' },
  { id: 'list.top', keys: ['g', 'home'], label: 'cmd.top', scope: 'list' },
  { id: 'list.bottom', keys: ['G', 'end'], label: 'cmd.bottom', scope: 'list' },

  { id: 'clients.open', keys: ['enter'], label: 'cmd.openClient', scope: 'clients' },
  { id: 'clients.filter', keys: ['/'], label: 'cmd.filter', scope: 'clients' },
  { id: 'clients.sort', keys: ['s'], label: 'cmd.sort', scope: 'clients' },
  { id: 'clients.ended', keys: ['e'], label: 'cmd.showEnded', scope: 'clients' },

  { id: 'client.nextTab', keys: ['tab', 'right', 'l'], label: 'cmd.nextTab', scope: 'client' },
  { id: 'client.prevTab', keys: ['shift+tab', 'left', 'h'], label: 'cmd.prevTab', scope: 'client' },
  { id: 'client.efile', keys: ['E'], label: 'cmd.efile', scope: 'client' },

  { id: 'assessment.submit', keys: ['S'], label: 'cmd.assessmentSubmit', scope: 'assessment' },
  { id: 'assessment.open', keys: ['enter'], label: 'cmd.assessmentOpen', scope: 'assessment' },
  { id: 'assessment.new', keys: ['n'], label: 'cmd.assessmentNew', scope: 'assessment' },
  { id: 'assessment.raise', keys: ['+', '.', ' '], label: 'cmd.assessmentRaise', scope: 'assessment' },
  { id: 'assessment.lower', keys: ['-', ','], label: 'cmd.assessmentLower', scope: 'assessment' },

  { id: 'proposal.accept', keys: ['a', ' '], label: 'cmd.accept', scope: 'proposal', isActive: decides },
  { id: 'proposal.reject', keys: ['r', 'x'], label: 'cmd.reject', scope: 'proposal', isActive: decides },
  { id: 'proposal.plan', keys: ['P'], label: 'cmd.proposalPlan', scope: 'proposal', isActive: decides },

  { id: 'plan.add', keys: ['a'], label: 'cmd.planAdd', scope: 'plan' },
  { id: 'plan.edit', keys: ['e', 'enter'], label: 'cmd.planEdit', scope: 'plan' },
  { id: 'plan.responsible', keys: ['r'], label: 'cmd.planResponsible', scope: 'plan' },
  { id: 'plan.deadline', keys: ['D'], label: 'cmd.planDeadline', scope: 'plan' },
  { id: 'plan.delete', keys: ['x'], label: 'cmd.planDelete', scope: 'plan' },

  { id: 'myday.done', keys: ['d'], label: 'outcome.done', scope: 'myday' },
  { id: 'myday.partly', keys: ['p'], label: 'outcome.partly', scope: 'myday' },
  { id: 'myday.postponed', keys: ['z'], label: 'outcome.postponed', scope: 'myday' },
  { id: 'myday.moved', keys: ['m'], label: 'outcome.moved', scope: 'myday' },
  { id: 'myday.handed', keys: ['H'], label: 'outcome.handed_over', scope: 'myday' },
  { id: 'myday.refused', keys: ['r'], label: 'outcome.refused', scope: 'myday' },
  { id: 'myday.note', keys: ['n'], label: 'cmd.note', scope: 'myday' },
  { id: 'myday.observe', keys: ['o'], label: 'cmd.observe', scope: 'myday' },
  { id: 'myday.openClient', keys: ['enter'], label: 'cmd.openClient', scope: 'myday' },

  { id: 'approvals.approve', keys: ['a'], label: 'cmd.approve', scope: 'approvals', isActive: managerish },
  { id: 'approvals.return', keys: ['r'], label: 'cmd.return', scope: 'approvals', isActive: managerish },
  { id: 'approvals.open', keys: ['enter'], label: 'cmd.openClient', scope: 'approvals' },

  { id: 'schedule.view', keys: ['v'], label: 'cmd.scheduleView', scope: 'schedule' },
  { id: 'schedule.nextDay', keys: ['l', 'right'], label: 'cmd.nextDay', scope: 'schedule' },
  { id: 'schedule.prevDay', keys: ['h', 'left'], label: 'cmd.prevDay', scope: 'schedule' },
  { id: 'schedule.worker', keys: ['w'], label: 'cmd.moveWorker', scope: 'schedule' },
  { id: 'schedule.later', keys: ['+', '='], label: 'cmd.later', scope: 'schedule' },
  { id: 'schedule.earlier', keys: ['-'], label: 'cmd.earlier', scope: 'schedule' },
  { id: 'schedule.pin', keys: ['p'], label: 'cmd.pin', scope: 'schedule' },
  { id: 'schedule.optimise', keys: ['R'], label: 'cmd.optimise', scope: 'schedule' },
  { id: 'schedule.absent', keys: ['A'], label: 'cmd.absent', scope: 'schedule' },

  { id: 'dashboard.refresh', keys: ['r'], label: 'cmd.refresh', scope: 'dashboard' },

  { id: 'history.nextGroup', keys: [']', 'J'], label: 'cmd.nextGroup', scope: 'history' },
  { id: 'history.prevGroup', keys: ['[', 'K'], label: 'cmd.prevGroup', scope: 'history' },
  { id: 'history.filter', keys: ['/'], label: 'cmd.historyFilter', scope: 'history' },
] as const satisfies readonly Command[];

/** Id of a command in the table. */
export type CommandId = (typeof COMMANDS)[number]['id'];

/** Whether a command may run now. */
export function isCommandActive(c: Command, s: CommandState): boolean {
  return c.isActive ? c.isActive(s) : true;
}

/** The commands that apply in the given scopes (most specific scope first, global last), active ones only. */
export function commandsFor(scopes: readonly Scope[], s: CommandState, table: readonly Command[] = COMMANDS): Command[] {
  const order = [...scopes, 'global'];
  return table.filter((c) => order.includes(c.scope) && isCommandActive(c, s)).sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope));
}

/** The command a key runs in the given scopes: the most specific scope wins; null when none. */
export function resolveKey(key: KeyName, scopes: readonly Scope[], s: CommandState, table: readonly Command[] = COMMANDS): Command | null {
  return commandsFor(scopes, s, table).find((c) => c.keys.includes(key)) ?? null;
}
