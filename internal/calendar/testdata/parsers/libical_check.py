#!/usr/bin/python3
"""Parse iCalendar files with libical (through GObject introspection).

Usage: libical_check.py FILE...
       libical_check.py --version

Prints one line per problem as "FILE: libical: message" and exits 1 if
there were any, 0 if there were none, and 3 (with a line saying which Debian
package to install) when libical or its introspection bindings are missing.

A problem is:
  - a file that is not UTF-8 or that libical cannot turn into a VCALENDAR;
  - any X-LIC-ERROR property that libical's parser added to any component
    (libical keeps going on bad input and records what it dropped or could
    not read as X-LIC-ERROR properties), and any property that carries an
    X-LIC-ERRORTYPE parameter;
  - a parameter value with a backslash in it (CN=Jensen\\, Ane): valid to
    every parser here but read three different ways, see errors();
  - for a VCALENDAR whose METHOD is REQUEST or CANCEL, a failed RFC 5546
    (iTIP) restriction check: ICalGLib.restriction_check(), the binding of
    icalrestriction_check(), which returns 0 and adds X-LIC-ERROR
    properties of type INVALID-ITIP where a property or component is missing,
    repeated or not allowed for that METHOD.

Run it with Debian's /usr/bin/python3: python3-gi and gir1.2-ical-3.0 install
into its dist-packages, which another python3 on PATH (pyenv, venv) lacks.
"""

import sys
from collections import Counter

MISSING = 3
ITIP_METHODS = ("REQUEST", "CANCEL")


def load():
    try:
        import gi
    except ImportError:
        print("libical: missing: python module gi: install the Debian package python3-gi "
              "and run this with /usr/bin/python3")
        sys.exit(MISSING)
    try:
        gi.require_version("ICalGLib", "3.0")
        from gi.repository import ICalGLib
    except (ImportError, ValueError) as e:
        print(f"libical: missing: ICalGLib 3.0 ({e}): install the Debian package gir1.2-ical-3.0")
        sys.exit(MISSING)
    return ICalGLib


I = load()
ANY_PROPERTY = I.PropertyKind.ANY_PROPERTY
ANY_COMPONENT = I.ComponentKind.ANY_COMPONENT
ANY_PARAMETER = I.ParameterKind.ANY_PARAMETER
XLICERRORTYPE = I.ParameterKind.XLICERRORTYPE_PARAMETER


def properties(comp):
    p = comp.get_first_property(ANY_PROPERTY)
    while p is not None:
        yield p
        p = comp.get_next_property(ANY_PROPERTY)


def children(comp):
    # Collect first: the iterator lives in the component, and walking a child
    # must not be disturbed by the caller's own iteration.
    out = []
    c = comp.get_first_component(ANY_COMPONENT)
    while c is not None:
        out.append(c)
        c = comp.get_next_component(ANY_COMPONENT)
    return out


def kind_name(comp):
    try:
        return I.Component.kind_to_string(comp.isa())
    except ValueError:  # a kind the typelib's enum lacks
        return "component of unknown kind"


def is_kind(comp, kind):
    try:
        return comp.isa() == kind
    except ValueError:
        return False


def is_vcalendar(comp):
    return is_kind(comp, I.ComponentKind.VCALENDAR_COMPONENT)


def where(comp):
    kind = kind_name(comp)
    uid = comp.get_first_property(I.PropertyKind.UID_PROPERTY)
    return f"{kind} {uid.get_uid()}" if uid is not None else kind


def error_type(prop):
    param = prop.get_first_parameter(XLICERRORTYPE)
    if param is None:
        return None
    # "X-LIC-ERRORTYPE=COMPONENT-PARSE-ERROR" -> "COMPONENT-PARSE-ERROR"
    return param.as_ical_string().partition("=")[2] or "X-LIC-ERRORTYPE"


def parameters(prop):
    p = prop.get_first_parameter(ANY_PARAMETER)
    while p is not None:
        yield p
        p = prop.get_next_parameter(ANY_PARAMETER)


def errors(comp, path=()):
    """Every X-LIC-ERROR (and X-LIC-ERRORTYPE parameter) in comp and below,
    and every parameter value that kept a backslash."""
    here = path + (where(comp),)
    out = []
    for p in properties(comp):
        etype = error_type(p)
        # Property.isa() raises for kinds newer than the typelib's enum
        # (libical 3.0.16 knows REFRESH-INTERVAL etc. but the GIR enum does
        # not), so compare names.
        if p.get_property_name() == "X-LIC-ERROR":
            out.append((" > ".join(here), etype or "X-LIC-ERROR", p.get_xlicerror()))
            continue
        if etype is not None:
            out.append((" > ".join(here), etype, p.as_ical_string().strip()))
        for par in parameters(p):
            text = par.as_ical_string()
            if "\\" in text:
                # RFC 5545 has no backslash escapes in parameter values (a
                # value with , ; or : is put in DQUOTEs); libical keeps the
                # backslash as part of the value, python-icalendar drops it
                # before , ; and :, and ical.js splits a value at \: or \;.
                out.append((" > ".join(here), "PARAMETER-ESCAPE",
                            f"{p.get_property_name()};{text}: a backslash in a "
                            "parameter value is kept literally (RFC 5545 parameter values "
                            "are not backslash-escaped: put the value in double quotes)"))
    for c in children(comp):
        out.extend(errors(c, here))
    return out


def method(vcal):
    p = vcal.get_first_property(I.PropertyKind.METHOD_PROPERTY)
    if p is None:
        return None
    return I.Property.method_to_string(p.get_method())


def check(path):
    problems = []
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        return [f"cannot read: {e}"]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"not UTF-8: {e}"]

    try:
        root = I.Component.new_from_string(text)
    except TypeError:  # the binding raises when icalparser returns NULL
        root = None
    if root is None:
        return ["could not parse the file at all (no complete component: "
                "a BEGIN without its END?)"]
    if is_vcalendar(root):
        cals = [root]
    elif is_kind(root, I.ComponentKind.XROOT_COMPONENT):
        # several top-level components: libical wraps them in an XROOT
        cals = children(root)
        problems += [f"top level: {kind_name(c)} is not a VCALENDAR"
                     for c in cals if not is_vcalendar(c)]
        cals = [c for c in cals if is_vcalendar(c)]
    else:
        return [f"top level: {kind_name(root)} is not a VCALENDAR"]
    if not cals:
        return problems + ["no VCALENDAR"]

    for cal in cals:
        before = errors(cal)
        problems += [f"{w}: {t}: {m}" for w, t, m in before]
        m = method(cal)
        if m not in ITIP_METHODS:
            continue
        ok = I.restriction_check(cal)
        after = errors(cal)
        new = list((Counter(after) - Counter(before)).elements())
        problems += [f"{w}: RFC 5546 METHOD:{m} restriction: {msg}" for w, _, msg in new]
        if not ok and not new:
            problems.append(f"VCALENDAR: RFC 5546 METHOD:{m} restriction check failed "
                            "without saying why")
    return problems


def main(argv):
    if argv[1:] == ["--version"]:
        print(f"libical: ICalGLib {I._version} from {I.__path__}")
        return 0
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    bad = 0
    for path in argv[1:]:
        for p in check(path):
            print(f"{path}: libical: {p}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
