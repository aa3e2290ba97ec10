export {
  ResolutionService,
  type MatchedBy,
  type ResolveCandidate,
  type ResolveKind,
  type ResolveResult,
} from './resolution.service.ts';
export { editDistance, pinyinOf, stripTitles } from './name-forms.ts';
