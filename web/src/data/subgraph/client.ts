import { PAGE_SIZE } from "./queries";

type Fetch = typeof fetch;
type Meta = { _meta: { block: { number: number } } };

/**
 * One GraphQL endpoint: `query` posts a document and turns every failure into a sentence; `all` reads a whole list
 * in pages of PAGE_SIZE by ascending id (`id_gt` the last id seen, never `skip`, which The Graph caps at 5,000),
 * every page pinned to the block the first was answered at, so a list is one consistent snapshot. A paged
 * document takes `$cursor` and `$block` and asks `_meta { block { number } }`.
 */
export function createSubgraphClient(url: string, fetcher: Fetch = fetch) {
  async function query<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetcher(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: document, variables }),
    });
    if (!response.ok) throw new Error(`The subgraph answered ${response.status}`);
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`Subgraph error: ${body.errors[0].message}`);
    if (!body.data) throw new Error("The subgraph returned no data");
    return body.data;
  }

  async function all<T extends { id: string }>(
    document: string,
    field: string,
    variables: Record<string, unknown> = {},
    firstCursor = "0x",
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor = firstCursor;
    let block: { number: number } | null = null;
    for (;;) {
      const data: Record<string, unknown> = await query(document, { ...variables, cursor, block });
      const page = data[field] as T[];
      items.push(...page);
      block ??= { number: (data as Meta)._meta.block.number };
      if (page.length < PAGE_SIZE) return items;
      cursor = page[page.length - 1].id;
    }
  }

  return { query, all };
}
