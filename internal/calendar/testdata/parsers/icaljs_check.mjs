#!/usr/bin/env node
// Parse iCalendar files with ical.js (the npm package, a devDependency of
// frontend/, installed there by `npm ci`).
//
// Usage: node icaljs_check.mjs FILE...
//        node icaljs_check.mjs --version
//
// Prints one line per problem as "FILE: ical.js: message" and exits 1 if
// there were any, 0 if there were none, and 3 (with a line saying what to
// install) when ical.js is not in frontend/node_modules.
//
// A problem is: any exception from ICAL.parse, new ICAL.Component, new
// ICAL.Event or from reading an event's startDate, endDate, summary, uid and
// sequence, or any property's values; a VEVENT without UID or DTSTART, or
// whose dates do not give a real time; an ATTENDEE or ORGANIZER that ical.js
// does not read as a URI; a TZID that no VTIMEZONE in the file defines
// (ical.js then silently reads the time as floating local time).
//
// ical.js is found from this file's location, not the working directory:
// internal/calendar/testdata/parsers -> ../../../../frontend/node_modules.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MISSING = 3;
const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(here, '../../../../frontend/node_modules/ical.js');

async function loadICAL() {
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  } catch (e) {
    console.log(`ical.js: missing: ${pkgDir} (${e.code || e.message}): run \`npm ci\` in frontend/ ` +
      '(ical.js is a devDependency there)');
    process.exit(MISSING);
  }
  // The ES module build, the one a browser bundle of the frontend would use.
  const exp = pkg.exports;
  const entry = (exp && (exp.import || (exp['.'] && exp['.'].import))) || pkg.module || pkg.main;
  const mod = await import(pathToFileURL(path.join(pkgDir, entry)).href);
  return { ICAL: mod.default || mod, version: pkg.version };
}

const { ICAL, version } = await loadICAL();

function describe(comp) {
  const uid = comp.getFirstPropertyValue('uid');
  return uid ? `${comp.name.toUpperCase()} ${uid}` : comp.name.toUpperCase();
}

function message(e) {
  return e && e.message ? `${e.name || 'Error'}: ${e.message}` : String(e);
}

function checkTime(problems, where, name, t) {
  if (!t) return;
  if (!(t instanceof ICAL.Time)) {
    problems.push(`${where}: ${name} is not a date or date-time: ${JSON.stringify(t)}`);
    return;
  }
  const unix = t.toUnixTime();
  if (!Number.isFinite(unix)) problems.push(`${where}: ${name} is not a real time: ${t.toString()}`);
}

function checkCalendar(problems, vcal) {
  // Register this file's VTIMEZONEs (and only these) so TZID times resolve
  // as a client would.
  ICAL.TimezoneService.reset();
  const zones = new Set();
  for (const vtz of vcal.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    zones.add(tz.tzid);
    ICAL.TimezoneService.register(tz);
  }

  const walk = (comp, trail) => {
    const where = [...trail, describe(comp)].join(' > ');
    for (const prop of comp.getAllProperties()) {
      try {
        const values = prop.getValues();
        if (prop.name === 'attendee' || prop.name === 'organizer') {
          // A CAL-ADDRESS is a URI. ical.js ends the parameters at the first
          // ':' or ';' outside double quotes, so CN=Convene\: Events (a
          // backslash-escaped parameter value, which RFC 5545 does not have)
          // leaves " Events:mailto:..." as the address.
          for (const v of values) {
            if (typeof v !== 'string' || !/^[a-z][a-z0-9+.-]*:[^\s"]+$/i.test(v)) {
              problems.push(`${where}: ${prop.name.toUpperCase()}: address is not a URI: ${JSON.stringify(v)}`);
            }
          }
        }
        const tzid = prop.getParameter('tzid');
        if (tzid && !zones.has(tzid)) {
          problems.push(`${where}: ${prop.name.toUpperCase()}: TZID=${tzid} has no VTIMEZONE in the file`);
        }
      } catch (e) {
        problems.push(`${where}: ${prop.name.toUpperCase()}: ${message(e)}`);
      }
    }
    for (const sub of comp.getAllSubcomponents()) walk(sub, [...trail, describe(comp)]);
  };
  walk(vcal, []);

  for (const vevent of vcal.getAllSubcomponents('vevent')) {
    const where = `VCALENDAR > ${describe(vevent)}`;
    let ev;
    try {
      ev = new ICAL.Event(vevent);
    } catch (e) {
      problems.push(`${where}: new ICAL.Event: ${message(e)}`);
      continue;
    }
    const read = (name) => {
      try {
        return ev[name];
      } catch (e) {
        problems.push(`${where}: event.${name}: ${message(e)}`);
        return undefined;
      }
    };
    const uid = read('uid');
    const start = read('startDate');
    const end = read('endDate');
    const summary = read('summary');
    const sequence = read('sequence');
    if (uid === null || uid === '') problems.push(`${where}: VEVENT has no UID`);
    if (start === null) problems.push(`${where}: VEVENT has no DTSTART`);
    checkTime(problems, where, 'DTSTART', start);
    checkTime(problems, where, 'DTEND', end);
    if (start && end && start instanceof ICAL.Time && end instanceof ICAL.Time && end.compare(start) < 0) {
      problems.push(`${where}: ends (${end}) before it starts (${start})`);
    }
    if (summary != null && typeof summary !== 'string') {
      problems.push(`${where}: SUMMARY is not text: ${JSON.stringify(summary)}`);
    }
    if (sequence != null && !Number.isInteger(sequence)) {
      problems.push(`${where}: SEQUENCE is not an integer: ${JSON.stringify(sequence)}`);
    }
  }
}

function check(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return [`cannot read: ${e.message}`];
  }
  const problems = [];
  let jcal;
  try {
    jcal = ICAL.parse(text);
  } catch (e) {
    return [`ICAL.parse: ${message(e)}`];
  }
  // One VCALENDAR gives one jCal array; several give an array of them.
  const roots = typeof jcal[0] === 'string' ? [jcal] : jcal;
  if (roots.length === 0) return ['no component found'];
  for (const root of roots) {
    let comp;
    try {
      comp = new ICAL.Component(root);
    } catch (e) {
      problems.push(`new ICAL.Component: ${message(e)}`);
      continue;
    }
    if (comp.name !== 'vcalendar') {
      problems.push(`top level: ${comp.name.toUpperCase()} is not a VCALENDAR`);
      continue;
    }
    checkCalendar(problems, comp);
  }
  return problems;
}

const args = process.argv.slice(2);
if (args.length === 1 && args[0] === '--version') {
  console.log(`ical.js: ical.js ${version} from ${pkgDir}`);
  process.exit(0);
}
if (args.length === 0) {
  console.error('Usage: node icaljs_check.mjs FILE...');
  process.exit(2);
}
let bad = 0;
for (const file of args) {
  for (const p of check(file)) {
    console.log(`${file}: ical.js: ${p}`);
    bad++;
  }
}
process.exitCode = bad ? 1 : 0;
