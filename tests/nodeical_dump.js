// Parse .ics files with node-ical (used by many Node.js calendar integrations) and print their events.
// Usage: node tests/nodeical_dump.js FILE...  → {"FILE": [{"uid", "start", "end", "status", "sequence"}, ...], ...}
"use strict";
const ical = require("node-ical"); // resolved from the repository's node_modules

const result = {};
for (const file of process.argv.slice(2)) {
  const parsed = ical.sync.parseFile(file);
  result[file] = Object.values(parsed)
    .filter((item) => item.type === "VEVENT")
    .map((event) => ({
      uid: event.uid,
      start: event.start.toISOString(),
      end: event.end.toISOString(),
      status: event.status || null,
      sequence: event.sequence === undefined ? null : Number(event.sequence),
      summary: typeof event.summary === "string" ? event.summary : event.summary.val,
    }));
}
process.stdout.write(JSON.stringify(result));
