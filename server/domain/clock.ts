/** Time is passed in, never read from a global, so tests can fix it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
