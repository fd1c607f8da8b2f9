// DelegateRegistry handlers: each delegate's current statement and the history of its statements.
import { store } from "@graphprotocol/graph-ts";
import { StatementCleared, StatementPublished } from "../generated/DelegateRegistry/DelegateRegistry";
import { DelegateStatement, StatementEvent } from "../generated/schema";
import { eventId, getOrCreateAccount, getOrCreateDelegateStatement } from "./entities";

export function handleStatementPublished(event: StatementPublished): void {
  const delegate = event.params.delegate;
  getOrCreateAccount(delegate);
  const current = getOrCreateDelegateStatement(delegate);
  current.name = event.params.name;
  current.statement = event.params.statement;
  current.link = event.params.link;
  current.publishedAt = event.block.timestamp;
  current.blockNumber = event.block.number;
  current.transactionHash = event.transaction.hash;
  current.save();

  const history = new StatementEvent(eventId(event));
  history.kind = "Published";
  history.delegate = delegate;
  history.name = event.params.name;
  history.statement = event.params.statement;
  history.link = event.params.link;
  history.timestamp = event.block.timestamp;
  history.blockNumber = event.block.number;
  history.transactionHash = event.transaction.hash;
  history.save();
}

export function handleStatementCleared(event: StatementCleared): void {
  const delegate = event.params.delegate;
  getOrCreateAccount(delegate);
  // The registry only emits StatementCleared for a delegate with a statement; nothing stale stays current.
  if (DelegateStatement.load(delegate) != null) store.remove("DelegateStatement", delegate.toHexString());

  const history = new StatementEvent(eventId(event));
  history.kind = "Cleared";
  history.delegate = delegate;
  history.timestamp = event.block.timestamp;
  history.blockNumber = event.block.number;
  history.transactionHash = event.transaction.hash;
  history.save();
}
