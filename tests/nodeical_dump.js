// Parse .ics files with node-ical (used by many Node.js calendar integrations) and print their events.
// Usage: node tests/nodeical_dump.js FILE...  → {"FILE": [{"uid", "start", "end", "status", "sequence"}, ...], ...}
"use strict";
const ical = require("node-ical"); // resolved from the repository's node_modules

// An all-day event (VALUE=DATE) is a day at local midnight with dateOnly set: its date, never an instant.
function when(date) {
  if (date.dateOnly !== true) return date.toISOString();
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const result = {};
for (const file of process.argv.slice(2)) {
  const parsed = ical.sync.parseFile(file);
  result[file] = Object.values(parsed)
    .filter((item) => item.type === "VEVENT")
    .map((event) => ({
      uid: event.uid,
      allDay: event.start.dateOnly === true,
      start: when(event.start),
      end: when(event.end),
      status: event.status || null,
      sequence: event.sequence === undefined ? null : Number(event.sequence),
      summary: typeof event.summary === "string" ? event.summary : event.summary.val,
    }));
}
process.stdout.write(JSON.stringify(result));
