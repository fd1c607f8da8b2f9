import { DelegatePage } from "./DelegatePage";
import { DirectoryPage } from "./DirectoryPage";

/** #/delegates: the directory; #/delegates/<address>: one delegate. */
export default function DelegatesPage({ route }: { route: string[] }) {
  return route[0] ? <DelegatePage key={route[0]} address={route[0]} /> : <DirectoryPage />;
}
