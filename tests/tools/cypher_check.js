// Parse Cypher files with Neo4j's own grammar (npm @neo4j-cypher/antlr4); exit 1 and print the errors if any fails.
// Usage: NODE_PATH=<dir>/node_modules node cypher_check.js FILE...
const antlr4 = require("antlr4").default;
const { CypherLexer, CypherParser } = require("@neo4j-cypher/antlr4");
const fs = require("fs");
let bad = 0;
for (const f of process.argv.slice(2)) {
  const text = fs.readFileSync(f, "utf8");
  const chars = new antlr4.InputStream(text);
  const lexer = new CypherLexer(chars);
  const tokens = new antlr4.CommonTokenStream(lexer);
  const parser = new CypherParser(tokens);
  const errors = [];
  parser.removeErrorListeners();
  parser.addErrorListener({ syntaxError: (r, s, line, col, msg) => errors.push(`${f}:${line}:${col} ${msg}`),
    reportAmbiguity() {}, reportAttemptingFullContext() {}, reportContextSensitivity() {} });
  parser.cypher();
  if (errors.length) { bad++; console.log(errors.join("\n")); }
}
process.exit(bad ? 1 : 0);
