// Where understanding turns into action. The parser's confidence is a calibrated probability
// (see scripts/train-nlu.ts and BENCHMARKS.md, "Understanding"): below ASK_THRESHOLD a write is not
// made on a guess — the LLM route is asked when configured, otherwise the user is offered the best
// readings as buttons. Reads may go ahead.

/** Below this confidence a write is confirmed (or the LLM asked) before anything is stored. */
export const ASK_THRESHOLD = 0.6;
