// Audit action names: `<entity>.<verb>`, lower-case entity, snake_case verb, e.g.
// `interaction.create`, `task.update`, `contact.update`, `opportunity.update`, `ticket.create`.
// `entityType` is the Prisma model name ('Interaction', 'Task', 'Contact', 'Account',
// 'Opportunity', 'Ticket', ...), `entityId` its id.
//
// `undoLast` is generic over two verbs and needs them written this way:
//   `<entity>.create`  after = the created row (DTO or row); undo deletes it (a Task is deleted
//                      too; a Task created with an interaction goes with that interaction).
//   `<entity>.update`  before/after hold ONLY the changed fields, with the values as stored
//                      (Prisma field names; dates as ISO strings, decimals as strings); undo
//                      restores `before` if the row still holds `after` for those fields.
// Anything else is recorded but not undoable: `<entity>.merge`, `contact.erase`, `*.delete`,
// `*.export` (reads worth recording; skipped by undo), and `undo` itself: entityType/entityId of
// the reverted entity, before = { undoneAuditId, action }, after = { effect, fields, also }.
// The undone row gets `undoneAt`; an undo is not itself undoable.
// Status changes are updates (`task.update` with { status: 'open' } -> { status: 'done' }).
// Every action written anywhere is in this table: `audit()` takes an `AuditAction` only.
export const AUDIT = {
  accountCreate: 'account.create',
  accountUpdate: 'account.update',
  accountMerge: 'account.merge',
  accountImport: 'account.import',
  contactCreate: 'contact.create',
  contactUpdate: 'contact.update',
  contactMerge: 'contact.merge',
  contactErase: 'contact.erase',
  contactExport: 'contact.export',
  contactImport: 'contact.import',
  interactionCreate: 'interaction.create',
  interactionUpdate: 'interaction.update',
  taskCreate: 'task.create',
  taskUpdate: 'task.update',
  opportunityCreate: 'opportunity.create',
  opportunityUpdate: 'opportunity.update',
  orderCreate: 'order.create',
  orderImport: 'order.import',
  ticketCreate: 'ticket.create',
  ticketUpdate: 'ticket.update',
  surveyCreate: 'survey.create',
  surveyUpdate: 'survey.update',
  surveyResponseCreate: 'surveyResponse.create',
  surveyResponseUpdate: 'surveyResponse.update',
  greetingUpdate: 'greeting.update',
  riskSnapshotCreate: 'riskSnapshot.create',
  tenantUpdate: 'tenant.update',
  tenantRecomputeValue: 'tenant.recompute_value',
  undo: 'undo',
} as const;
export type AuditAction = (typeof AUDIT)[keyof typeof AUDIT];

/** Models `undoLast` knows how to revert. */
export const UNDOABLE_ENTITY_TYPES = ['Interaction', 'Task', 'Contact', 'Account', 'Opportunity', 'Ticket'] as const;
export type UndoableEntityType = (typeof UNDOABLE_ENTITY_TYPES)[number];
