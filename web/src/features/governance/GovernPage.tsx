import { CreateProposal } from "./CreateProposal";
import { ProposalList } from "./ProposalList";
import { ProposalPage } from "./ProposalPage";
import { DelegatePanel } from "./DelegatePanel";
import { href } from "../../lib/router";

export default function GovernPage({ route }: { route: string[] }) {
  if (route[0] === "new") return <CreateProposal />;
  if (route[0] && /^\d+$/.test(route[0])) return <ProposalPage id={BigInt(route[0])} />;
  return (
    <>
      <h1>Govern</h1>
      <p className="lead">
        Your Staking Score is your voting power. Vote on proposals, delegate your score, or{" "}
        <a href={href("govern", "new")}>create a proposal</a>.
      </p>
      <DelegatePanel />
      <ProposalList />
    </>
  );
}
