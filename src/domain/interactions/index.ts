export {
  InteractionService,
  type InteractionDto,
  type InteractionTypeValue,
  type LogInteractionInput,
  type LogInteractionResult,
  type TimelineEntry,
} from './interaction.service.ts';
export { crudeSentiment } from './sentiment.ts';
