/**
 * A delegate's record, as pure functions over votes and proposals: participation (how often it voted when it
 * could) and agreement with the connected account. Proposal ids are bigints; support is the governor's
 * 0 = Against, 1 = For, 2 = Abstain.
 */

export type Ballot = { proposalId: bigint; support: number };
export type Snapshot = { id: bigint; voteStart: bigint };

export type Participation = {
  /** Proposals in the window whose snapshot the delegate held votes at. */
  eligible: number;
  /** Of those, the ones it voted on. */
  voted: number;
};

/** How many recent proposals participation looks at. */
export const PARTICIPATION_WINDOW = 10;

/**
 * The most recent `window` proposals whose snapshot is before `now` (a snapshot still to come can't be read
 * yet), newest first: the proposals participation is measured on.
 */
export function participationWindow<P extends Snapshot>(
  proposals: readonly P[],
  now: bigint,
  window = PARTICIPATION_WINDOW,
): P[] {
  return proposals
    .filter((p) => p.voteStart < now)
    .sort((a, b) => (a.voteStart === b.voteStart ? 0 : a.voteStart > b.voteStart ? -1 : 1))
    .slice(0, window);
}

/**
 * "Voted on `voted` of the last `eligible` proposals whose snapshot it held votes at": of the window's
 * proposals, those where `heldVotesAt(id)` (its votes at the snapshot) is above zero count; a vote on a
 * proposal at whose snapshot it held no votes (a zero-weight vote) does not count, and a proposal from before
 * it held votes is not held against it.
 */
export function participation(
  window: readonly Snapshot[],
  ballots: readonly Ballot[],
  heldVotesAt: (proposalId: bigint) => bigint,
): Participation {
  const votedOn = new Set(ballots.map((b) => b.proposalId));
  let eligible = 0;
  let voted = 0;
  for (const proposal of window) {
    if (heldVotesAt(proposal.id) <= 0n) continue;
    eligible += 1;
    if (votedOn.has(proposal.id)) voted += 1;
  }
  return { eligible, voted };
}

export type Agreement = {
  /** Proposals both accounts voted on. */
  both: number;
  /** Of those, the ones where both made the same choice (Abstain is a choice like For and Against). */
  agreed: number;
};

/** On the proposals both voted on, how often `mine` and `theirs` made the same choice. */
export function agreement(mine: readonly Ballot[], theirs: readonly Ballot[]): Agreement {
  const their = new Map(theirs.map((b) => [b.proposalId, b.support]));
  let both = 0;
  let agreed = 0;
  for (const ballot of mine) {
    const choice = their.get(ballot.proposalId);
    if (choice === undefined) continue;
    both += 1;
    if (choice === ballot.support) agreed += 1;
  }
  return { both, agreed };
}

/**
 * Orders delegates by agreement, best first: the higher share of agreement first; at an equal share, the one
 * with more shared proposals (more evidence); delegates with no shared proposal last; then by votes.
 */
export function compareByAgreement(
  a: { agreement: Agreement; votes: bigint },
  b: { agreement: Agreement; votes: bigint },
): number {
  const hasA = a.agreement.both > 0;
  const hasB = b.agreement.both > 0;
  if (hasA !== hasB) return hasA ? -1 : 1;
  if (hasA) {
    // a.agreed / a.both vs b.agreed / b.both without division.
    const diff = b.agreement.agreed * a.agreement.both - a.agreement.agreed * b.agreement.both;
    if (diff !== 0) return diff;
    if (a.agreement.both !== b.agreement.both) return b.agreement.both - a.agreement.both;
  }
  return compareByVotes(a, b);
}

/** Orders by votes, most first. */
export function compareByVotes(a: { votes: bigint }, b: { votes: bigint }): number {
  return a.votes === b.votes ? 0 : a.votes > b.votes ? -1 : 1;
}

/** "agreed on 7 of 9", or a sentence saying there is nothing to compare yet. */
export function describeAgreement({ agreed, both }: Agreement): string {
  return both === 0 ? "no proposal voted on by both of you yet" : `agreed on ${agreed} of ${both}`;
}

/** "voted on 3 of the last 4 proposals whose snapshot it held votes at", or why there is no figure. */
export function describeParticipation({ voted, eligible }: Participation): string {
  if (eligible === 0) return "held no votes at any recent proposal's snapshot";
  return `voted on ${voted} of the last ${eligible} proposal${eligible === 1 ? "" : "s"} whose snapshot it held votes at`;
}

export const SUPPORT_LABELS = ["Against", "For", "Abstain"] as const;

/** The label of a governor choice. */
export function supportLabel(support: number): string {
  return SUPPORT_LABELS[support] ?? `Choice ${support}`;
}
