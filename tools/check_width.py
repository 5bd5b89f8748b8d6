#!/usr/bin/env python3
"""Lines of code at most 100 columns, a tab counting to the next multiple of 8.

    tools/check_width.py [--list] FILE_OR_DIR...

Lists each longer line (with --list) and ends with a count; the exit status
is 1 when there is any.  A directory stands for its *.c, *.h and *.cc files.
"""
import pathlib
import sys

LIMIT = 100
SOURCES = ('*.c', '*.h', '*.cc')


def files(args):
    for a in map(pathlib.Path, args):
        if a.is_dir():
            yield from sorted(f for pattern in SOURCES for f in a.rglob(pattern))
        else:
            yield a


def main(args):
    listing = args[:1] == ['--list']
    found = []
    for f in files(args[1:] if listing else args):
        for n, line in enumerate(f.read_text(encoding='utf-8').splitlines(), 1):
            width = len(line.expandtabs(8))
            if width > LIMIT:
                found.append(f'{f}:{n}: {width} columns')
    if listing:
        print('\n'.join(found))
    print(f'width: {len(found)} lines over {LIMIT} columns')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
