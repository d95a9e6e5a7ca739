// Parse .ics files with Mozilla ical.js (Thunderbird's parser) and print their events as JSON.
// Usage: node tests/icaljs_dump.js FILE...  → {"FILE": {"calendar": {...}, "events": [...]}, ...}
"use strict";
const fs = require("fs");
const ICAL = require("ical.js"); // resolved from the repository's node_modules

const result = {};
for (const file of process.argv.slice(2)) {
  // TimezoneService is global: each file brings its own VTIMEZONE, so start clean.
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const events = root.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const status = component.getFirstPropertyValue("status");
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location,
      status: status === null ? null : String(status),
      sequence: event.sequence,
      allDay: event.startDate.isDate,
      tzid: event.startDate.isDate ? null : event.startDate.zone ? event.startDate.zone.tzid : null,
      // An all-day event is a day in every zone: its date as written, never an instant.
      start: event.startDate.isDate ? event.startDate.toString() : event.startDate.toJSDate().toISOString(),
      end: event.endDate.isDate ? event.endDate.toString() : event.endDate.toJSDate().toISOString(),
    };
  });
  const calendar = {};
  for (const name of ["x-wr-calname", "name", "method", "prodid", "x-wr-timezone"]) {
    const value = root.getFirstPropertyValue(name);
    calendar[name] = value === null ? null : String(value);
  }
  result[file] = { calendar, events };
}
process.stdout.write(JSON.stringify(result));
