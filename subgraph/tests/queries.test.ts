// Validates every GraphQL document the web app sends (web/src/data/subgraph/) and the operator queries in
// subgraph/queries/ against the API schema graph-node derives from subgraph/schema.graphql.
import { expect } from "chai";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  type DocumentNode,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  parse,
  print,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { ROOT } from "../../scripts/lib/paths.ts";
import { apiSchema, apiSchemaSDL, documentsInSource, queryFieldNames } from "./query-schema.ts";

const SUBGRAPH = join(ROOT, "subgraph");
const SCHEMA = readFileSync(join(SUBGRAPH, "schema.graphql"), "utf8");
const DOCUMENT_DIRS = [join(ROOT, "web", "src", "data", "subgraph"), join(SUBGRAPH, "queries")];

interface Source {
  file: string;
  document: DocumentNode;
}

function loadDocuments(): Source[] {
  const sources: Source[] = [];
  for (const dir of DOCUMENT_DIRS) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name);
      const text = readFileSync(file, "utf8");
      if (name.endsWith(".graphql")) sources.push({ file, document: parse(text) });
      if (/\.tsx?$/.test(name)) {
        for (const doc of documentsInSource(text)) sources.push({ file, document: parse(doc) });
      }
    }
  }
  return sources;
}

function errorsOf(schema: GraphQLSchema, sources: Source[]): string[] {
  return sources.flatMap(({ file, document }) =>
    validate(schema, document).map((e) => `${relative(ROOT, file)}: ${e.message}`),
  );
}

/** The (entity type, field) pairs the documents select, found with the schema's type information. */
function selectedEntityFields(schema: GraphQLSchema, sources: Source[]): Set<string> {
  const used = new Set<string>();
  for (const { document } of sources) {
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          if (parent === null || !isObjectType(parent) || parent.name.startsWith("_") || parent.name === "Query")
            return;
          used.add(`${parent.name}.${node.name.value}`);
        },
      }),
    );
  }
  return used;
}

/** schema.graphql with `field` of `typeName` renamed to `field_renamed`. */
function renameField(typeName: string, field: string): string {
  const document = parse(SCHEMA);
  const renamed = visit(document, {
    ObjectTypeDefinition(node) {
      if (node.name.value !== typeName) return undefined;
      return {
        ...node,
        fields: node.fields?.map((f) =>
          f.name.value === field ? { ...f, name: { kind: Kind.NAME, value: `${field}_renamed` } } : f,
        ),
      };
    },
  });
  return print(renamed);
}

describe("Subgraph queries (web app and operator documents against the API schema)", function () {
  const sources = loadDocuments();
  const schema = apiSchema(SCHEMA);

  it("test_FindsTheWebAppDocuments", function () {
    const web = sources.filter((s) => s.file.includes(join("web", "src", "data", "subgraph")));
    expect(web.length, "web/src/data/subgraph holds the app's queries").to.be.greaterThan(0);
    expect(sources.length).to.be.greaterThan(web.length);
  });

  it("test_EveryDocumentIsValid", function () {
    expect(errorsOf(schema, sources)).to.deep.equal([]);
  });

  it("test_ApiSchemaFollowsTheGraphConventions", function () {
    const sdl = apiSchemaSDL(SCHEMA);
    expect(sdl).to.include("accountTokenClaims_collection(");
    expect(queryFieldNames("VotesExpiry")).to.deep.equal(["votesExpiry", "votesExpiries"]);
    expect(queryFieldNames("DailySnapshot")).to.deep.equal(["dailySnapshot", "dailySnapshots"]);
    const probe = parse(`{
      accounts(first: 5, skip: 5, orderBy: delegate__lockAmount, orderDirection: desc,
               where: { lockAmount_gte: "1", delegate_: { autoMax: true }, or: [{ level_in: [1, 2] }, { votes_lt: "9" }] },
               block: { number_gte: 10 }, subgraphError: allow) { id delegators(first: 2, where: { autoMax: false }) { id } }
      proposals(where: { status_in: [Queued, Executed], description_contains_nocase: "usdc", targets_contains: ["0x01"] }) { id status }
      lockEvents(where: { id_gt: "0x00", kind_not: Withdraw, _change_block: { number_gte: 1 } }) { id }
      _meta(block: { hash: "0x00" }) { deployment }
    }`);
    expect(validate(schema, probe).map((e) => e.message)).to.deep.equal([]);
    const wrong = parse(
      `{ accounts(where: { lockAmount_like: "1" }, orderBy: nope) { id } proposals(where: { status: Pending }) { id } }`,
    );
    expect(validate(schema, wrong)).to.have.length(3);
  });

  it("test_RenamingAnySelectedFieldBreaksADocument", function () {
    // One API schema per selected field, each from the whole schema: about 40 s on a busy 2-core machine.
    this.timeout(180_000);
    const used = [...selectedEntityFields(schema, sources)];
    expect(used.length).to.be.greaterThan(40);
    for (const pair of used) {
      const [typeName, field] = pair.split(".");
      if (field === "id") continue;
      const renamedSchema = apiSchema(renameField(typeName, field));
      expect(errorsOf(renamedSchema, sources), `renaming ${pair}`).to.not.deep.equal([]);
    }
  });

  it("test_ExposesEveryEntityType", function () {
    const entityTypes = new Set(
      Object.values(schema.getQueryType()!.getFields())
        .map((f) => getNamedType(f.type).name)
        .filter((name) => !name.startsWith("_")),
    );
    // 16 for the escrow, distributor and governor; 6 for early access (Round, Commitment and four event entities);
    // 2 for delegate statements (DelegateStatement, StatementEvent).
    expect(entityTypes.size).to.equal(24);
  });
});
