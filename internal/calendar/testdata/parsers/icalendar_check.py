#!/usr/bin/python3
"""Parse iCalendar files with python-icalendar (Debian's python3-icalendar).

Usage: icalendar_check.py FILE...
       icalendar_check.py --version

Prints one line per problem as "FILE: icalendar: message" and exits 1 if
there were any, 0 if there were none, and 3 (with a line saying which Debian
package to install) when the module is missing.

A problem is: Calendar.from_ical() raising; any component whose .errors list
is not empty (python-icalendar keeps going inside VEVENT, VTODO, VJOURNAL and
VALARM and records the lines and values it could not read there); a top-level
component that is not a VCALENDAR; a VEVENT without UID or DTSTAMP.

Run it with Debian's /usr/bin/python3: python3-icalendar installs into its
dist-packages, which another python3 on PATH (pyenv, venv) lacks.
"""

import sys

MISSING = 3

try:
    import icalendar
    from icalendar import Calendar
except ImportError as e:
    print(f"icalendar: missing: python module icalendar ({e}): install the Debian package "
          "python3-icalendar and run this with /usr/bin/python3")
    sys.exit(MISSING)


def where(comp):
    uid = comp.get("UID")
    return f"{comp.name} {uid}" if uid is not None else comp.name


def walk(comp, path=()):
    here = path + (where(comp),)
    yield here, comp
    for sub in comp.subcomponents:
        yield from walk(sub, here)


def check(path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        return [f"cannot read: {e}"]
    try:
        cals = Calendar.from_ical(raw, multiple=True)
    except Exception as e:  # noqa: BLE001 - any exception is a parse failure
        return [f"from_ical: {type(e).__name__}: {e}"]
    if not cals:
        return ["no component found"]
    problems = []
    for cal in cals:
        if cal.name != "VCALENDAR":
            problems.append(f"top level: {cal.name} is not a VCALENDAR")
        for here, comp in walk(cal):
            w = " > ".join(here)
            for prop, msg in comp.errors:
                problems.append(f"{w}: {prop + ': ' if prop else ''}{msg}")
            if comp.name == "VEVENT":
                for req in ("UID", "DTSTAMP"):
                    if req not in comp:
                        problems.append(f"{w}: VEVENT has no {req}")
    return problems


def main(argv):
    if argv[1:] == ["--version"]:
        print(f"icalendar: python-icalendar {icalendar.__version__} from {icalendar.__file__}")
        return 0
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    bad = 0
    for path in argv[1:]:
        for p in check(path):
            print(f"{path}: icalendar: {p}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
