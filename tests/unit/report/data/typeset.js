// Typesets every formula of an HTML report with KaTeX as the report's script does, but throwing
// on errors: prints "<formulas> <errors>" and the first errors. Usage: node typeset.js KATEX_JS REPORT_HTML
const fs = require('fs');
const katex = require(process.argv[2]);
const html = fs.readFileSync(process.argv[3], 'utf8');
const unescape = s => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const options = {throwOnError: true, strict: false, macros: {'\\tlchg': '\\htmlClass{tl-chg}{#1}'},
                 trust: c => c.command === '\\htmlClass' || c.command === '\\htmlData'};
let count = 0, errors = 0;
for (const m of html.matchAll(/data-tex="([^"]*)"/g)) {
  count++;
  try { katex.renderToString(unescape(m[1]), options); }
  catch (e) { errors++; if (errors <= 3) console.error(e.message.slice(0, 300)); }
}
console.log(count + ' ' + errors);
process.exit(errors ? 1 : 0);
