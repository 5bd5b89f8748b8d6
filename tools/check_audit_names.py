#!/usr/bin/env python3
"""Every audit action the sources write has words in core/audit_actions.h.

    tools/check_audit_names.py ACTIONS_HEADER SOURCE_DIR

The action is the argument audit() takes second, audit_as() and audit_outcome()
fourth and account_credentials.c's audit_alone() third; every string literal in that
argument counts (a ternary gives two), or the format a variable given there
was made with by xasprintf.  An action made with "prefix.%s" is
the prefix with each choice of an "action" form field in the same feature
folder (a concern's event form).  Prints file:line and the action for each one with no words,
and the listed actions nothing writes; exits 1 when there is any.
"""
import pathlib
import re
import sys

ARGUMENT = {'audit': 1, 'audit_as': 3, 'audit_alone': 2, 'audit_outcome': 3}
CALL = re.compile(r'\b(audit|audit_as|audit_alone|audit_outcome)\(')
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
CHOICES = re.compile(r'\{\s*"action",\s*F_CHOICE,[^"]*((?:"[^"]*"\s*)+)')


def call_arguments(text, start):
    """The top-level arguments of the call whose '(' is at start."""
    args, depth, cur, i, quote = [], 0, [], start + 1, False
    while i < len(text):
        c = text[i]
        if quote:
            cur.append(c)
            if c == '\\':
                cur.append(text[i + 1])
                i += 1
            elif c == '"':
                quote = False
        elif c == '"':
            quote = True
            cur.append(c)
        elif c in '([{':
            depth += 1
            cur.append(c)
        elif c in ')]}':
            if depth == 0:
                args.append(''.join(cur))
                return args
            depth -= 1
            cur.append(c)
        elif c == ',' and depth == 0:
            args.append(''.join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    return args


def made_by_format(before, argument):
    """A variable's format when it was last set by xasprintf("...%s", ...)."""
    name = argument.strip()
    if not re.fullmatch(r'[A-Za-z_]\w*', name):
        return []
    made = re.findall(r'\b' + name + r'\s*=\s*xasprintf\(\s*"([^"]*)"', before)
    return made[-1:]


def form_choices(text):
    """The choices of a form's "action" field in this source, if it has one."""
    m = CHOICES.search(text)
    if not m:
        return []
    return ''.join(LITERAL.findall(m.group(1))).split('|')


def written_actions(src):
    """(action, file:line) for every action the sources write."""
    found, formats = [], []
    choices = {}
    for path in sorted(pathlib.Path(src).rglob('*.c')):
        text = path.read_text()
        choices.setdefault(path.parent, []).extend(form_choices(text))
        for m in CALL.finditer(text):
            if text[:m.start()].rstrip().endswith(('void', '*')):
                continue  # the definition, not a call
            args = call_arguments(text, m.end() - 1)
            n = ARGUMENT[m.group(1)]
            if len(args) <= n:
                continue
            where = f'{path}:{text.count(chr(10), 0, m.start()) + 1}'
            for lit in LITERAL.findall(args[n]) or made_by_format(text[:m.start()], args[n]):
                if '%s' in lit:
                    formats.append((lit, where, path.parent))
                else:
                    found.append((lit, where))
    for fmt, where, folder in formats:
        found += [(fmt.replace('%s', c), where) for c in choices[folder]]
    return found


def listed_actions(header):
    text = pathlib.Path(header).read_text()
    return set(re.findall(r'X\("([^"]+)",', text))


def main():
    header, src = sys.argv[1], sys.argv[2]
    listed = listed_actions(header)
    written = written_actions(src)
    bad = 0
    for action, where in written:
        if action not in listed:
            print(f'{where}: audit action "{action}" has no words in {header}')
            bad += 1
    unused = sorted(listed - {a for a, _ in written} - {'audit.keyed'})
    for action in unused:
        print(f'{header}: "{action}" is listed but nothing writes it')
        bad += 1
    if bad:
        return 1
    print(f'{len(listed)} actions, each with words')
    return 0


if __name__ == '__main__':
    sys.exit(main())
