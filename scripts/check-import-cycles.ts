/**
 * Fails when TypeScript modules import each other in a circle (type-only imports included: a circle of types
 * is still two modules that cannot be understood apart). Every tracked .ts/.tsx file is a node; each import
 * that resolves to another repository file is an edge. Run by `npm run lint`.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import ts from "typescript";
import { ROOT } from "./lib/paths.ts";

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.tsx"], {
  cwd: ROOT,
  encoding: "utf8",
})
  .split("\n")
  .filter((file) => file !== "" && !file.endsWith(".d.ts"))
  .map((file) => path.join(ROOT, file));
const known = new Set(files);

const options: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  jsx: ts.JsxEmit.ReactJSX,
};

const imports = new Map<string, string[]>();
for (const file of files) {
  const { importedFiles } = ts.preProcessFile(ts.sys.readFile(file) ?? "", true, true);
  const targets = importedFiles
    .map(({ fileName }) => ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName)
    .filter((target): target is string => target !== undefined && known.has(path.resolve(target)))
    .map((target) => path.resolve(target));
  imports.set(file, [...new Set(targets)]);
}

// Tarjan's strongly connected components: any component with more than one file (or a file importing itself)
// is a circle.
let counter = 0;
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const circles: string[][] = [];
function visit(file: string) {
  index.set(file, counter);
  low.set(file, counter++);
  stack.push(file);
  onStack.add(file);
  for (const target of imports.get(file) ?? []) {
    if (!index.has(target)) {
      visit(target);
      low.set(file, Math.min(low.get(file)!, low.get(target)!));
    } else if (onStack.has(target)) {
      low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
  }
  if (low.get(file) === index.get(file)) {
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || imports.get(file)!.includes(file)) circles.push(component);
  }
}
for (const file of files) if (!index.has(file)) visit(file);

if (circles.length > 0) {
  for (const circle of circles) {
    console.error(`Import circle: ${circle.map((file) => path.relative(ROOT, file)).join(" <-> ")}`);
  }
  process.exit(1);
}
console.log(`No import circles among ${files.length} TypeScript files.`);
