// Print the functions each Cypher file calls, read from Neo4j's own grammar's parse tree (npm
// @neo4j-cypher/antlr4): one line a file, "FILE<TAB>name name ...", namespaced names as "date.truncate".
// count(...) is a keyword in that grammar and is not listed. Exit 1 (printing the errors) if a file does not parse.
// Usage: NODE_PATH=<dir>/node_modules node cypher_functions.js FILE...
const antlr4 = require("antlr4").default;
const { CypherLexer, CypherParser } = require("@neo4j-cypher/antlr4");
const fs = require("fs");
let bad = 0;
function walk(node, out) {
  if (node instanceof CypherParser.FunctionInvocationBodyContext) out.add(node.getText());
  for (let i = 0; i < (node.getChildCount ? node.getChildCount() : 0); i++) walk(node.getChild(i), out);
}
for (const f of process.argv.slice(2)) {
  const parser = new CypherParser(new antlr4.CommonTokenStream(new CypherLexer(new antlr4.InputStream(fs.readFileSync(f, "utf8")))));
  const errors = [];
  parser.removeErrorListeners();
  parser.addErrorListener({ syntaxError: (r, s, line, col, msg) => errors.push(`${f}:${line}:${col} ${msg}`),
    reportAmbiguity() {}, reportAttemptingFullContext() {}, reportContextSensitivity() {} });
  const tree = parser.cypher();
  if (errors.length) { bad++; console.log(errors.join("\n")); continue; }
  const names = new Set();
  walk(tree, names);
  console.log(`${f}\t${[...names].sort().join(" ")}`);
}
process.exit(bad ? 1 : 0);
