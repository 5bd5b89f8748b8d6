#!/usr/bin/env python3
"""Every template escapes: it starts with the AUTOESCAPE pragma, never prints
a value raw (:none), and uses no modifier but x-markdown (cmark, raw HTML
off), pre_escape (HTML escaping that keeps line breaks), x-uk-time and
x-uk-due (an ISO time as UK time in words, then escaped), and the names of
stored codes (x-role, x-roles, x-staff-type, x-staff-types, x-concern-status,
x-application-status, x-application-step, x-application-decision,
x-account-status, x-visibility, x-policy-status, x-audit-action, x-record-type:
core/names.h, then escaped), and u (ctemplate's escaping of a value inside
a URL's query string, HTML-escaped too by the pragma).

    tools/check_templates.py DIR    (exit status 1 on any problem)
"""
import pathlib
import re
import sys

PRAGMA = '{{%AUTOESCAPE context="HTML"}}'
ALLOWED = {'x-markdown', 'pre_escape', 'x-uk-time', 'x-uk-due', 'x-role', 'x-roles',
           'x-staff-type', 'x-staff-types', 'x-concern-status', 'x-application-status',
           'x-application-step', 'x-application-decision', 'x-account-status',
           'x-visibility', 'x-policy-status', 'x-audit-action', 'x-record-type', 'u'}
MODIFIER = re.compile(r'\{\{[^}#/>!%]*:([a-z_-]+(?:=[^}:]*)?)')
RAW = re.compile(r':none\b')


def problems(path):
    text = path.read_text(encoding='utf-8')
    if not text.startswith(PRAGMA):
        yield f'{path}: must start with {PRAGMA}'
    for m in RAW.finditer(text):
        yield f'{path}:{text.count(chr(10), 0, m.start()) + 1}: prints a value raw (:none)'
    for m in MODIFIER.finditer(text):
        if m.group(1) not in ALLOWED:
            line = text.count('\n', 0, m.start()) + 1
            yield f'{path}:{line}: modifier {m.group(1)} (only {", ".join(sorted(ALLOWED))})'


def main(directory):
    files = sorted(pathlib.Path(directory).glob('*.tpl'))
    found = [p for f in files for p in problems(f)]
    print('\n'.join(found + [f'templates: {len(files)} files, {len(found)} problems']))
    return 1 if found or not files else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
