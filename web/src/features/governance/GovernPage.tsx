export default function GovernPage({ route }: { route: string[] }) {
  return <h1>Govern {route.join("/")}</h1>;
}
