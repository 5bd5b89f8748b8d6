#!/usr/bin/env python3
"""A CycloneDX 1.5 software bill of materials (ASVS 15.1.1): every Debian
package whose shared library the binary loads, with its version, and the npm
packages the tests install, with the versions their lock files pin.

    tools/sbom.py BINARY [PACKAGE_LOCK...] > sbom.json
    tools/sbom.py --check BINARY [PACKAGE_LOCK...]

--check writes nothing: it fails unless every library resolves to a Debian
package with a version and the document lists the libraries staffroom is
built on (`make test` runs it).
"""
import json
import os
import re
import subprocess
import sys
import uuid
from datetime import datetime, timezone

# Those staffroom calls directly (the Makefile's PKGS): the document must name each.
DIRECT = ['libmicrohttpd', 'libjansson', 'libsqlite3', 'libctemplate', 'libsodium', 'libcmark',
          'libseccomp', 'liboath', 'libqrencode', 'libcurl', 'libfcgi', 'libcgicc', 'libcjose',
          'libcrack2', 'libclamav', 'libpng', 'libjpeg', 'libexif']


# Those staffroom opens at run time (dlopen) when a setting turns them on: the
# loader's list does not show them, so they and what they load are added.
OPENED_AT_RUN_TIME = ['libclamav']


def ldd(path):
    out = subprocess.run(['ldd', path], capture_output=True, text=True, check=True).stdout
    paths = re.findall(r'=> (/\S+)', out) + re.findall(r'^\s*(/\S+) \(', out, re.M)
    return {os.path.realpath(p) for p in paths}


def opened_at_run_time(name):
    libdir = subprocess.run(['pkg-config', '--variable=libdir', name], capture_output=True,
                            text=True, check=True).stdout.strip()
    lib = os.path.realpath(os.path.join(libdir, name + '.so'))
    return {lib} | ldd(lib)


def loaded_libraries(binary):
    """The real paths of the shared libraries the dynamic loader maps."""
    paths = ldd(binary)
    for name in OPENED_AT_RUN_TIME:
        paths |= opened_at_run_time(name)
    return sorted(paths)


def debian_package(path):
    """(package, version, architecture, source) owning path, or None."""
    for candidate in (path, re.sub(r'^/usr', '', path)):
        r = subprocess.run(['dpkg-query', '-S', candidate], capture_output=True, text=True)
        if r.returncode == 0:
            name = r.stdout.split(':')[0] if ':' in r.stdout.split(': ')[0] else \
                r.stdout.split(': ')[0]
            fmt = '${Package}\t${Version}\t${Architecture}\t${source:Package}'
            q = subprocess.run(['dpkg-query', '-W', '-f', fmt, name], capture_output=True,
                               text=True, check=True).stdout.split('\t')
            return tuple(q)
    return None


def deb_component(pkg, version, arch, source):
    return {
        'type': 'library', 'name': pkg, 'version': version,
        'purl': f'pkg:deb/debian/{pkg}@{version}?arch={arch}&distro=debian-12',
        'supplier': {'name': 'Debian'},
        'properties': [{'name': 'debian:source', 'value': source}],
        'scope': 'required',
    }


def npm_components(lock):
    """The packages a package-lock.json pins, for the tests only."""
    data = json.load(open(lock))
    found = []
    for where, meta in data.get('packages', {}).items():
        if not where.startswith('node_modules/') or 'version' not in meta:
            continue
        name = where.split('node_modules/')[-1]
        comp = {'type': 'library', 'name': name, 'version': meta['version'],
                'purl': f'pkg:npm/{name.replace("@", "%40")}@{meta["version"]}',
                'scope': 'excluded',
                'properties': [{'name': 'staffroom:used-by', 'value': os.path.dirname(lock)}]}
        if meta.get('license'):
            comp['licenses'] = [{'license': {'id': meta['license']}}]
        if meta.get('integrity'):
            algo, _, digest = meta['integrity'].partition('-')
            comp['hashes'] = [{'alg': algo.upper().replace('SHA', 'SHA-'),
                               'content': digest}]
        found.append(comp)
    return found


def bill(binary, locks):
    problems, packages = [], {}
    for lib in loaded_libraries(binary):
        owner = debian_package(lib)
        if not owner or not owner[1]:
            problems.append(f'{lib}: no Debian package owns it')
            continue
        packages[owner[0]] = owner  # several libraries may come from one package
    components = [deb_component(*owner) for owner in packages.values()]
    for lock in locks:
        components += npm_components(lock)
    names = {c['name'] for c in components}
    for want in DIRECT:
        if not any(n.startswith(want) for n in names):
            problems.append(f'{want}: not among the packages the binary loads')
    doc = {
        'bomFormat': 'CycloneDX', 'specVersion': '1.5',
        'serialNumber': f'urn:uuid:{uuid.uuid4()}', 'version': 1,
        'metadata': {
            'timestamp': datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
            'component': {'type': 'application', 'name': 'staffroom',
                          'bom-ref': 'staffroom'},
        },
        'components': sorted(components, key=lambda c: (c['scope'], c['name'])),
    }
    return doc, problems


def main(argv):
    check = argv[:1] == ['--check']
    args = argv[1:] if check else argv
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    doc, problems = bill(args[0], args[1:])
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    if check:
        deb = sum(c['scope'] == 'required' for c in doc['components'])
        print(f'{deb} Debian packages and {len(doc["components"]) - deb} npm packages listed')
    else:
        json.dump(doc, sys.stdout, indent=1)
        print()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
