// How the dialog layer treats answers to its own questions. (When a write is confirmed before it
// is made is ASK_THRESHOLD in ./thresholds.ts.)

/**
 * While a question is pending, a message read as a different intent with at least this confidence
 * is taken as the user moving on (the question is dropped); below it, the message is an answer.
 */
export const MOVE_ON_THRESHOLD = 0.8;

/** Answers that could not be read before a question is given up (saying so, never silently). */
export const MAX_ANSWER_ATTEMPTS = 3;
