import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "artifacts/",
    "cache/",
    "coverage/",
    "types/",
    "**/dist/",
    "ignition/deployments/",
    "web/src/generated/",
    "subgraph/generated/",
    "subgraph/build/",
    // AssemblyScript: its i32/u64 types and graph-ts globals are not TypeScript; graph-cli's compiler checks it.
    "subgraph/src/",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // A closure declared before the value it reads exists (a callback handed out before instantiation) needs `let`.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      // `_`-prefixed names mark a deliberately unused binding (a skipped tuple element, a required parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["web/src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat["recommended-latest"]],
    languageOptions: { globals: globals.browser },
  },
  {
    // Chai's `expect(x).to.be.true` style assertions are property reads.
    files: ["test/**/*.ts", "subgraph/tests/**/*.ts"],
    languageOptions: { globals: globals.mocha },
    rules: {
      "@typescript-eslint/no-unused-expressions": "off",
      // One naming scheme for TypeScript and Solidity tests (CONTRIBUTING.md, "Test names").
      "no-restricted-syntax": [
        "error",
        {
          selector: 'CallExpression[callee.name="it"] > Literal:first-child[value!=/^test(Fuzz)?_[A-Z]/]',
          message: "Name the test test_<WhatHappens>, test_RevertWhen_<Condition> or testFuzz_<Property>.",
        },
        {
          selector:
            'CallExpression[callee.name="it"] > TemplateLiteral:first-child > TemplateElement:first-child[value.raw!=/^test(Fuzz)?_[A-Z]/]',
          message: "Name the test test_<WhatHappens>, test_RevertWhen_<Condition> or testFuzz_<Property>.",
        },
      ],
      // A test file longer than this mixes concerns: split it by function or by concern.
      "max-lines": ["error", { max: 700, skipBlankLines: false, skipComments: false }],
    },
  },
);
