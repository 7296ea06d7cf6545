import { builtinModules } from "node:module";
import path from "node:path";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

// The layers (../shared/CONVENTIONS.md "Layers"): imports only point down, and the folder a file sits in says what it may
// import. Each file gets one `no-restricted-imports` list (a later block replaces an earlier one), so every block below
// names all of its folder's restrictions. Specifiers are matched as written: `@/…` aliases and relative paths alike.

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** An import is refused when the regex matches its specifier (case-sensitive); `message` says which rule it breaks. */
const refuse = (regex, message) => ({ regex, message, caseSensitive: true });
/** Imports of the top folders (`app`, `components`, `prisma`) or `lib/<layer>` folders, by alias or by relative path. */
const layers = (names, message) =>
  refuse(`^(@/(${names.join("|")})|\\.{1,2}/(.*/)?(${names.map((n) => n.replace(/^lib\//, "(lib/)?")).join("|")}))(/|$)`, message);

const NODE = refuse(`^(node:.+|(${builtinModules.map(escape).join("|")})(/.*)?)$`, "lib/core is pure: no Node built-ins (take bytes, return plain data).");
const FRAMEWORK = refuse("^(next|react|react-dom|server-only)(/|$)", "lib/core is pure: no Next, React or server-only.");
const PRISMA = refuse(
  "^(@prisma/|@/lib/server/db/generated(/|$)|\\.{1,2}/(.*/)?generated(/|$))",
  "Only lib/server/db (and prisma/) import the Prisma client: call a function of lib/server/db.",
);
const SERVER_EXCEPT_ACTIONS = refuse(
  "^(@/lib/server/(?!actions/)|\\.{1,2}/(.*/)?lib/server/(?!actions/)|server-only$)",
  "Client code and components import from lib/server only its server actions (lib/server/actions/*); read data through a route handler and a lib/contracts DTO.",
);
const restrict = (files, patterns, ignores = []) => ({ files, ignores, rules: { "no-restricted-imports": ["error", { patterns }] } });

const CORE_LAYERS = layers(
  ["lib/contracts", "lib/server", "lib/tools", "app", "components", "prisma"],
  "lib/core is the bottom of lib/: it imports nothing from contracts, server, tools, app, components or prisma.",
);
const CORE_TESTS = ["lib/core/**/*.test.ts", "lib/core/**/testdata/**", "lib/core/**/golden/**"];
const ONLY_ZOD_AND_CORE = "lib/contracts holds zod schemas shared by server and client: it imports only zod, lib/core and other contracts.";

/** Client code (a file starting with "use client", wherever it sits) imports no server module but the server actions. */
const useClientBoundary = {
  meta: { type: "problem", schema: [], messages: { refused: "{{source}}: {{why}}" } },
  create(context) {
    const program = context.sourceCode.ast;
    if (!program.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client")) return {};
    const fromRoot = (source) =>
      source.startsWith(".") ? `@/${path.relative(context.cwd, path.resolve(path.dirname(context.filename), source)).split(path.sep).join("/")}` : source;
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== "string") return;
      const target = fromRoot(source);
      const why = /^(@\/lib\/server\/(?!actions\/)|server-only$)/.test(target)
        ? SERVER_EXCEPT_ACTIONS.message
        : /^(@\/lib\/tools\/|@prisma\/|node:)/.test(target)
          ? "client code runs in the browser: no tools, Prisma or Node built-ins."
          : null;
      if (why) context.report({ node: node.source, messageId: "refused", data: { source, why } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

/** Every lib/server module says so: `import "server-only"` makes Next refuse it in a client bundle (tools run with --conditions=react-server). */
const serverOnlyMarker = {
  meta: { type: "problem", schema: [], messages: { missing: 'lib/server modules start with import "server-only" (Next then refuses them in client bundles).' } },
  create(context) {
    return {
      Program(program) {
        const marked = program.body.some((s) => s.type === "ImportDeclaration" && s.source.value === "server-only");
        if (!marked) context.report({ node: program, loc: { line: 1, column: 0 }, messageId: "missing" });
      },
    };
  },
};

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "lib/server/db/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "lib/core/wasm/assembly/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, layers: { rules: { "use-client-boundary": useClientBoundary, "server-only-marker": serverOnlyMarker } } },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "layers/use-client-boundary": "error",
    },
  },

  { files: ["lib/server/**/*.ts"], ignores: ["lib/server/**/*.test.ts"], rules: { "layers/server-only-marker": "error" } },

  // 1. Pure core: no framework, no Node, no Prisma, no environment, no other layer. Its tests and test data may read files.
  restrict(["lib/core/**/*.{ts,tsx}"], [FRAMEWORK, NODE, PRISMA, CORE_LAYERS], CORE_TESTS),
  {
    files: ["lib/core/**/*.{ts,tsx}"],
    ignores: CORE_TESTS,
    rules: {
      "no-restricted-globals": ["error", { name: "process", message: "lib/core is pure: no process or process.env; take settings as arguments." }],
      "no-restricted-properties": ["error", { object: "globalThis", property: "process", message: "lib/core is pure: no process.env." }],
    },
  },
  restrict(CORE_TESTS, [FRAMEWORK, PRISMA, CORE_LAYERS]),

  // 2. Contracts: zod, lib/core and each other (their tests: vitest too).
  restrict(["lib/contracts/**/*.{ts,tsx}"], [refuse("^(?!zod(/|$)|@/lib/(core|contracts)/|\\./)", ONLY_ZOD_AND_CORE)], ["lib/contracts/**/*.test.ts"]),
  restrict(["lib/contracts/**/*.test.ts"], [refuse("^(?!zod(/|$)|vitest$|@/lib/(core|contracts)/|\\./)", ONLY_ZOD_AND_CORE)]),

  // 3. Server domain: never tools, app or components; only lib/server/db imports the Prisma client.
  restrict(
    ["lib/server/**/*.{ts,tsx}"],
    [layers(["lib/tools", "app", "components"], "lib/server is called by app, components (actions) and tools, never the other way round."), PRISMA],
    ["lib/server/db/**"],
  ),
  restrict(["lib/server/db/**/*.{ts,tsx}"], [layers(["lib/tools", "app", "components"], "lib/server/db is the data-access layer: no tools, app or components.")]),

  // 4. Tools call the domain; nothing of the web app's UI; Prisma through lib/server/db.
  restrict(["lib/tools/**/*.{ts,tsx}"], [layers(["app", "components"], "lib/tools call lib/server; they import nothing from app or components."), PRISMA]),

  // 5. prisma/ is the bottom layer: schema, migrations and the migration runner import nothing from lib.
  restrict(["prisma/**/*.{ts,tsx}"], [layers(["lib", "app", "components"], "prisma/ is the bottom layer: it imports nothing from lib, app or components.")]),

  // 6. Components: server actions only from lib/server; no tools, no app, no Prisma.
  restrict(["components/**/*.{ts,tsx}"], [SERVER_EXCEPT_ACTIONS, layers(["lib/tools", "app"], "components import no tools and nothing from app."), PRISMA]),

  // 7. app/: routes and pages call the domain; no tools, no Prisma client (call lib/server/db). Client files: see layers/use-client-boundary.
  restrict(["app/**/*.{ts,tsx}"], [layers(["lib/tools"], "app/ calls lib/server; tools call the domain, not the other way round."), PRISMA]),
);
