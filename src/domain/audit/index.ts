export { AUDIT, UNDOABLE_ENTITY_TYPES, type UndoableEntityType } from './actions.ts';
export { UndoService, type UndoResult, type UndoneEntity } from './undo.service.ts';
