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

A form's field that names an error message in aria-describedby (an id
e-...) is marked aria-invalid="true" under the same conditional sections
as that reference, so it is invalid exactly when its error is shown; an
aria-invalid="true" needs such a reference beside it, and a <fieldset>
never has one (ARIA does not allow it on a group: its fields carry it).

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
# A field's or a group's opening tag, whose attributes may hold {{...}}.
FIELD = re.compile(r'<(input|select|textarea|fieldset)\b(?:[^>{]|\{\{.*?\}\}|\{(?!\{))*>', re.S)
SECTION = re.compile(r'\{\{([#/])([^}]*)\}\}')
DESCRIBEDBY = re.compile(r'\baria-describedby="([^"]*)"')
ERROR_REF = re.compile(r'(?:^|(?<=[\s}]))e-')
INVALID = re.compile(r'\baria-invalid="true"')


def sections_at(tag, pos):
    """The sections of tag still open at pos, outermost first."""
    open_ = []
    for m in SECTION.finditer(tag, 0, pos):
        if m.group(1) == '#':
            open_.append(m.group(2))
        elif open_ and open_[-1] == m.group(2):
            open_.pop()
    return tuple(open_)


def shown(sections):
    return ''.join('{{#%s}}' % s for s in sections) or 'always'


def invalid_marks(path, text):
    """aria-invalid="true" exactly where an error is referred to."""
    for m in FIELD.finditer(text):
        tag, name = m.group(0), m.group(1)
        line = text.count('\n', 0, m.start()) + 1
        refs = {sections_at(tag, d.start(1) + r.start())
                for d in DESCRIBEDBY.finditer(tag) for r in ERROR_REF.finditer(d.group(1))}
        marks = {sections_at(tag, i.start()) for i in INVALID.finditer(tag)}
        if name == 'fieldset':
            if 'aria-invalid' in tag:
                yield f'{path}:{line}: <fieldset> with aria-invalid (only on its fields)'
            continue
        for s in sorted(refs - marks):
            yield (f'{path}:{line}: <{name}> refers to an error (e-) without '
                   f'aria-invalid="true" under the same sections ({shown(s)})')
        for s in sorted(marks - refs):
            yield (f'{path}:{line}: <{name}> has aria-invalid="true" ({shown(s)}) '
                   f'without an error (e-) in aria-describedby under the same sections')


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
    yield from invalid_marks(path, text)


def main(directory):
    files = sorted(pathlib.Path(directory).glob('*.tpl'))
    found = [p for f in files for p in problems(f)]
    print('\n'.join(found + [f'templates: {len(files)} files, {len(found)} problems']))
    return 1 if found or not files else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
