#!/usr/bin/python3
"""Writes the .ics files beside it and in broken/, the inputs of
crossparse_test.go: /usr/bin/python3 make_samples.py

Unfolded logical lines in; CRLF, 75-octet folded files out (a fold never
splits a UTF-8 sequence). broken/ holds files each checker must reject.
"""
import os

out = os.path.dirname(os.path.abspath(__file__))


def fold(line):
    b = line.encode("utf-8")
    parts, limit = [], 75
    while len(b) > limit:
        cut = limit
        while (b[cut] & 0xC0) == 0x80:  # don't split a multi-octet character
            cut -= 1
        parts.append(b[:cut]); b = b[cut:]; limit = 74
    parts.append(b)
    return b"\r\n ".join(parts) + b"\r\n"

def write(name, lines):
    path = os.path.join(out, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        for l in lines:
            f.write(fold(l))

VTZ = """BEGIN:VTIMEZONE
TZID:Europe/Copenhagen
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE""".split("\n")

HEAD = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene//Convene Calendar//EN", "CALSCALE:GREGORIAN"]

write("publish-feed.ics", HEAD + [
    "METHOD:PUBLISH",
    "X-WR-CALNAME:Convene: public events",
    "X-WR-TIMEZONE:Europe/Copenhagen",
] + VTZ + [
    "BEGIN:VEVENT",
    "UID:event-41@convene.example",
    "DTSTAMP:20250301T090000Z",
    "DTSTART;TZID=Europe/Copenhagen:20250410T090000",
    "DTEND;TZID=Europe/Copenhagen:20250410T160000",
    "SEQUENCE:2",
    "STATUS:CONFIRMED",
    "SUMMARY:Supplier day 2025",
    "LOCATION:Main hall\\, Vesterbrogade 6\\, 1620 Copenhagen V",
    "DESCRIPTION:Meet the suppliers.\\nLunch is served at noon.",
    "URL:https://convene.example/events/41",
    "LAST-MODIFIED:20250301T085500Z",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:event-42@convene.example",
    "DTSTAMP:20250301T090000Z",
    "DTSTART:20250515T070000Z",
    "DTEND:20250515T110000Z",
    "SEQUENCE:0",
    "STATUS:TENTATIVE",
    "SUMMARY:Breakfast seminar: energy prices",
    "LOCATION:Online",
    "CATEGORIES:Seminar,Energy",
    "END:VEVENT",
    "END:VCALENDAR",
])

REQ_EVENT_COMMON = [
    "UID:event-43-reg-1207@convene.example",
    "DTSTART;TZID=Europe/Copenhagen:20250612T130000",
    "DTEND;TZID=Europe/Copenhagen:20250612T170000",
    "SUMMARY:Members' meeting",
    "LOCATION:Room 2\\, Industriens Hus\\, H.C. Andersens Boulevard 18\\, København",
    "ORGANIZER;CN=Convene events:mailto:events@convene.example",
    "ATTENDEE;CN=\"Jensen, Ane\";ROLE=REQ-PARTICIPANT;CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:ane.jensen@example.com",
]
write("request.ics", HEAD + ["METHOD:REQUEST"] + VTZ + [
    "BEGIN:VEVENT"] + REQ_EVENT_COMMON + [
    "DTSTAMP:20250520T101500Z",
    "SEQUENCE:0",
    "STATUS:CONFIRMED",
    "TRANSP:OPAQUE",
    "DESCRIPTION:You are registered. Show your ticket code 7QK-29X at the door.",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:Members' meeting",
    "TRIGGER:-PT1H",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
])

write("cancel.ics", HEAD + ["METHOD:CANCEL"] + VTZ + [
    "BEGIN:VEVENT"] + REQ_EVENT_COMMON + [
    "DTSTAMP:20250601T080000Z",
    "SEQUENCE:1",
    "STATUS:CANCELLED",
    "DESCRIPTION:Your registration has been cancelled.",
    "END:VEVENT",
    "END:VCALENDAR",
])

write("danish.ics", HEAD + ["METHOD:PUBLISH"] + [
    "BEGIN:VEVENT",
    "UID:event-44@convene.example",
    "DTSTAMP:20250301T090000Z",
    "DTSTART;VALUE=DATE:20250820",
    "DTEND;VALUE=DATE:20250822",
    "SEQUENCE:0",
    "SUMMARY:Årsmøde på Ærø: æøå ÆØÅ\\, komma\\; semikolon",
    "LOCATION:Ærøskøbing Rådhus\\, Torvet 7\\, 5970 Ærøskøbing",
    "DESCRIPTION:Velkommen til årsmødet! Vi mødes på færgelejet i Svendborg "
    "kl. 8:15\\; færgen sejler 8:30. Programmet: åbning ved formanden\\, "
    "beretning\\, regnskab og valg\\; derefter frokost på kroen (smørrebrød\\, "
    "øl og vand). Husk: tilmelding er bindende\\, og afbud skal ske senest "
    "14 dage før. Spørgsmål? Skriv til sekretariatet på events@convene.example."
    "\\nMed venlig hilsen\\nBestyrelsen",
    "CATEGORIES:Årsmøde,Generalforsamling",
    "ATTACH;FMTTYPE=text/html:https://convene.example/events/44?lang=da&ref=ics",
    "END:VEVENT",
    "END:VCALENDAR",
])

# --- broken files: each checker must reject the ones the test names ---
B = "broken/"
EV_HEAD = ["BEGIN:VEVENT", "UID:broken-1@convene.example", "DTSTAMP:20250301T090000Z"]
write(B + "garbage-lines.ics", HEAD + ["METHOD:PUBLISH"] + EV_HEAD + [
    "DTSTART:20250410T090000Z",
    "this line has neither colon nor semicolon",
    "DTEND;NOEQUALS:20250410T160000Z",
    "SUMMARY:Garbage inside",
    "END:VEVENT", "END:VCALENDAR"])
write(B + "vevent-without-uid-dtstart.ics", HEAD + ["METHOD:PUBLISH",
    "BEGIN:VEVENT",
    "DTSTAMP:20250301T090000Z",
    "SUMMARY:No UID and no DTSTART",
    "END:VEVENT", "END:VCALENDAR"])
write(B + "request-without-organizer.ics", HEAD + ["METHOD:REQUEST"] + EV_HEAD + [
    "DTSTART:20250612T110000Z",
    "DTEND:20250612T150000Z",
    "SEQUENCE:0",
    "SUMMARY:Invitation nobody sent",
    "ATTENDEE;CN=Ane Jensen;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ane.jensen@example.com",
    "END:VEVENT", "END:VCALENDAR"])
write(B + "cancel-without-sequence.ics", HEAD + ["METHOD:CANCEL"] + EV_HEAD + [
    "DTSTART:20250612T110000Z",
    "ORGANIZER:mailto:events@convene.example",
    "STATUS:CANCELLED",
    "SUMMARY:Cancelled",
    "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:x", "TRIGGER:-PT1H", "END:VALARM",
    "END:VEVENT", "END:VCALENDAR"])
write(B + "bad-values.ics", HEAD + ["METHOD:PUBLISH"] + EV_HEAD + [
    "DTSTART:20251340T250000Z",
    "DTEND:tomorrow",
    "SEQUENCE:two",
    "SUMMARY:Values that are not what they say",
    "END:VEVENT", "END:VCALENDAR"])
write(B + "tzid-without-vtimezone.ics", HEAD + ["METHOD:PUBLISH"] + EV_HEAD + [
    "DTSTART;TZID=Europe/Copenhagen:20250410T090000",
    "DTEND;TZID=Europe/Copenhagen:20250410T160000",
    "SUMMARY:Where is the VTIMEZONE",
    "END:VEVENT", "END:VCALENDAR"])
write(B + "unterminated.ics", HEAD + ["METHOD:PUBLISH"] + EV_HEAD + [
    "DTSTART:20250410T090000Z",
    "SUMMARY:Never ends"])
write(B + "not-a-calendar.ics", ["BEGIN:VCARD", "VERSION:3.0", "FN:Ane Jensen", "END:VCARD"])
# What golang-ical v0.3.4 writes for a CN with ':' ',' ';' or "'": it
# backslash-escapes parameter values instead of quoting them.
write(B + "escaped-parameters.ics", HEAD + ["METHOD:REQUEST"] + EV_HEAD + [
    "DTSTART:20250612T110000Z",
    "SEQUENCE:0",
    "SUMMARY:Escaped parameters",
    "ORGANIZER;CN=Convene\\: Events:mailto:events@convene.example",
    "ATTENDEE;CN=Jensen\\, Ane;PARTSTAT=NEEDS-ACTION:mailto:ane.jensen@example.com",
    "END:VEVENT", "END:VCALENDAR"])

# Line-level faults no parser here minds: LF line ends, an 85-octet line, a
# fold that splits the two octets of 'ø'.
with open(os.path.join(out, B + "bad-lines.ics"), "wb") as f:
    ø = "ø".encode()
    f.write(b"\n".join([
        b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:-//Convene//Convene Calendar//EN",
        b"METHOD:PUBLISH", b"BEGIN:VEVENT", b"UID:broken-1@convene.example",
        b"DTSTAMP:20250301T090000Z", b"DTSTART:20250410T090000Z",
        b"SUMMARY:" + b"x" * 77,
        b"DESCRIPTION:Split in the middle of " + ø[:1] + b"\r\n " + ø[1:] + b"re",
        b"END:VEVENT", b"END:VCALENDAR", b""]))
