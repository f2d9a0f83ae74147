#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Expected CSV fields and JSON strings for test_report_stream.c, made
with Python's csv and json modules as an implementation independent of
ctrend's (ct_report_csv_field, ct_report_json_string).

Output (stdout, committed as quoting.tsv): a comment line, then one line
per input: hex(input bytes) TAB hex(CSV field) TAB hex(JSON string).

CSV: csv.writer with the default dialect (QUOTE_MINIMAL, quote doubled,
line terminator CRLF, so a field holding a comma, a quote, CR or LF is
quoted). Each input is written as the first of two fields so that an
empty field is not quoted as a lone one would be. ctrend also quotes a
field that begins or ends with a space or tab (RFC 4180 keeps them as
part of a field, but many readers, libcsv among them, trim unquoted
ones): for those the expected field is csv.writer's with QUOTE_ALL. Bytes that are not UTF-8 pass
through (surrogateescape).

JSON: json.dumps(ensure_ascii=False), RFC 8259: quote, backslash and the
control characters U+0000-U+001F escaped, everything else as is.
Python writes \\u escapes in lower-case hex and ctrend, like Jansson
which wrote the series JSON before, in upper case; both are the same JSON
text, so the expected escapes are upper-cased. Bytes that are not UTF-8:
one U+FFFD per maximal ill-formed subsequence, as Python's UTF-8 decoder
(errors="replace") finds them, written as the escape \\uFFFD.

Run: python3 make_quoting.py > quoting.tsv
"""
import codecs
import csv
import io
import json
import re

INPUTS = [
    b"plain", b"", b"Afghanistan", b"a,b", b'say "hi"', b'"', b'""',
    b"two\nlines", b"cr\rx", b"crlf\r\nx", b" lead", b"trail ", b" ",
    b"in side", b"tab\there", b"\tlead tab", b"trail tab\t", b"semi;colon", b"back\\slash", b"sl/ash",
    b"aaa", b'b"bb', b"b\r\nbb",  # RFC 4180 section 2, examples 6 and 7
    b"C\xc3\xb4te d'Ivoire", b"\xe4\xb8\xad\xe5\x9b\xbd",
    b"\xf0\x9d\x84\x9e clef",  # RFC 8259 section 7: U+1D11E
    b"\x01\x1f\x7f", b"\x08\x0c", b"nul-free \x1b[0m",
    b"\xe2\x80\xa8 line separator", b"\xef\xbf\xbd kept",
    # not UTF-8
    b"\x80", b"x\xffy", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82A",
    b"\xf4\x90\x80\x80", b"\xf0\x9f\x98", b"\xe0\x80\x80", b"\xc3",
    b"ok\xc3\xa9\xc3",
]


def mark(exc):
    return ("\ue000", exc.end)


codecs.register_error("ctmark", mark)


def csv_field(b):
    s = b.decode("utf-8", "surrogateescape")
    blank = (" ", "\t")
    quoting = csv.QUOTE_ALL if s[:1] in blank or s[-1:] in blank else csv.QUOTE_MINIMAL
    buf = io.StringIO()
    csv.writer(buf, quoting=quoting).writerow([s, "x"])
    out = buf.getvalue()
    suffix = ',"x"\r\n' if quoting == csv.QUOTE_ALL else ",x\r\n"
    assert out.endswith(suffix)
    return out[: -len(suffix)].encode("utf-8", "surrogateescape")


def json_string(b):
    s = b.decode("utf-8", "ctmark")
    out = json.dumps(s, ensure_ascii=False)
    out = re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), out)
    return out.replace("\ue000", "\\uFFFD").encode("utf-8")


print("# made by make_quoting.py: hex(input) hex(CSV field) hex(JSON string)")
for b in INPUTS:
    print(b.hex(), csv_field(b).hex(), json_string(b).hex(), sep="\t")
