#!/usr/bin/env python3
"""The include rules of src/ (docs/HACKING.md, "Layout"): the layers are
lib -> db -> core -> http -> features/NAME -> main.c; a file includes only
from its own layer and those before it; a feature includes of another
feature only its public header features/NAME/NAME.h; includes are written
from src/ ("core/audit.h"); main.c (or any file directly in src/) may include
anything.  System and library headers (<...>) are not looked at.

    tools/check_includes.py SRC_DIR    (exit status 1 on any problem)
"""
import pathlib
import re
import sys

LAYERS = ['lib', 'db', 'core', 'http', 'features']
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.MULTILINE)
SOURCES = ('*.c', '*.h', '*.cc')


def layer(rel):
    """(rank, feature) of a path relative to src/; rank None: not in a layer."""
    parts = rel.parts
    if len(parts) == 1:
        return len(LAYERS), None
    if parts[0] not in LAYERS:
        return None, None
    # features/registry.c, the list of features, is in the layer but in no feature.
    in_feature = parts[0] == 'features' and len(parts) >= 3
    return LAYERS.index(parts[0]), parts[1] if in_feature else None


def problem(src, rel, name):
    """What is wrong with `rel` including "name", or None."""
    target = pathlib.PurePosixPath(name)
    if '..' in target.parts or not (src / target).is_file():
        return 'not a path from src/'
    rank, feature = layer(rel)
    to_rank, to_feature = layer(target)
    if rank is None:
        return 'the including file is in no layer'
    if rank == len(LAYERS):
        return None
    if to_rank is None or to_rank > rank:
        return 'a later layer'
    if to_feature and to_feature != feature:
        public = f'features/{to_feature}/{to_feature}.h'
        return None if name == public else f'private to features/{to_feature} (only {public})'
    return None


def main(directory):
    src = pathlib.Path(directory)
    files = sorted(f for pattern in SOURCES for f in src.rglob(pattern))
    found = []
    for f in files:
        rel = pathlib.PurePosixPath(f.relative_to(src).as_posix())
        text = f.read_text(encoding='utf-8')
        for m in INCLUDE.finditer(text):
            why = problem(src, rel, m.group(1))
            if why:
                line = text.count('\n', 0, m.start()) + 1
                found.append(f'{f}:{line}: #include "{m.group(1)}": {why}')
    print('\n'.join(found + [f'includes: {len(files)} files, {len(found)} problems']))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
