#!/usr/bin/env python3
"""Every field of a form names itself in its messages by the words its page
shows, so the two must not drift apart: for each route with a form_page
(the form shown again when a POST is refused), and each POST route that a
template's <form> posts to, every field of its field_spec list has a label,
and that label is the text of a <label> or a <legend> of the form's template
(or part of it: "Summary" in "Summary (at most 200 characters)").  The
form's templates are those the form page renders and those with a <form>
posting to the route.  A field a template sends as a hidden input needs a
label but is not shown.

Every message about a field names it by its label (src/http/fields.c:
"Enter the full name.", "Full name must be ..."), so a label that would not
read as English there (an instruction, "Type your full name to sign"; a date
by its preposition, "From", "Completed on"; a lone "Why") needs its words in
src/http/label_words.c ("your full name", "the first day"), and a row there
that no field's label uses is refused as stale.  A box ticked for a
statement, when it is not required, and a question are quoted in their
messages, and are let be.

Reads the sources after the preprocessor (so X-macro tables are expanded),
as tests/check/run makes them:
    check_labels.py TEMPLATE_DIR FILE.i...
Prints each problem as "route: field: what" and fails if there is any."""
import html
import os
import re
import sys


def block(text, start):
    """The text of the brace block opening at text[start] ('{'), and its end."""
    depth, i, in_str = 0, start, False
    while i < len(text):
        c = text[i]
        if in_str:
            if c == '\\':
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == '{':
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0:
                return text[start + 1:i], i
        i += 1
    return text[start + 1:], len(text)


def items(text):
    """Split at the commas outside strings, braces and parentheses."""
    out, depth, cur, in_str, i = [], 0, '', False, 0
    while i < len(text):
        c = text[i]
        if in_str:
            cur += c
            if c == '\\':
                cur += text[i + 1]
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
            cur += c
        elif c in '{(':
            depth += 1
            cur += c
        elif c in '})':
            depth -= 1
            cur += c
        elif c == ',' and depth == 0:
            out.append(cur.strip())
            cur = ''
        else:
            cur += c
        i += 1
    if cur.strip():
        out.append(cur.strip())
    return out


def string(item):
    """The value of a (concatenated) string literal, or None."""
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', item or '')
    if not parts or re.sub(r'"(?:[^"\\]|\\.)*"', '', item).strip():
        return None
    return bytes(''.join(parts), 'utf-8').decode('unicode_escape')


def tables(text, kind):
    """name -> list of entries (lists of items) of each `struct KIND NAME[] = {...}`."""
    found = {}
    for m in re.finditer(r'struct\s+' + kind + r'\s+(\w+)\s*\[\s*\]\s*=\s*\{', text):
        body, _ = block(text, m.end() - 1)
        found[m.group(1)] = [items(e[1:-1]) for e in entries(body)]
    return found


def entries(body):
    i, out = 0, []
    while True:
        i = body.find('{', i)
        if i < 0:
            return out
        inner, end = block(body, i)
        out.append('{' + inner + '}')
        i = end + 1


def functions(text):
    """name -> body of every function defined with (struct request *, struct reply *)."""
    found = {}
    for m in re.finditer(r'\b(\w+)\s*\(\s*struct request \*\s*\w+\s*,\s*struct reply \*\s*\w+'
                         r'\s*\)\s*\{', text):
        found[m.group(1)] = block(text, m.end() - 1)[0]
    for m in re.finditer(r'\b(\w+)\s*\([^;{}()]*\)\s*\{', text):
        found.setdefault(m.group(1), block(text, m.end() - 1)[0])
    return found


def templates_of(name, funcs, depth=0, seen=None):
    """The templates a form page renders: reply_page(rp, "NAME", ...) in it or
    in a function it calls (a few levels down)."""
    seen = seen if seen is not None else set()
    if name in seen or name not in funcs or depth > 4:
        return set()
    seen.add(name)
    body = funcs[name]
    out = set(re.findall(r'reply_page\s*\(\s*\w+\s*,\s*"(\w+)"', body))
    for callee in set(re.findall(r'\b(\w+)\s*\(', body)):
        out |= templates_of(callee, funcs, depth + 1, seen)
    return out


def words(s):
    return re.sub(r'\s+', ' ', s).strip().casefold()


LISTED = object()


def template_labels(path):
    """The texts of the template's <label>s and <legend>s, and its hidden fields."""
    with open(path, encoding='utf-8') as f:
        t = f.read()
    # A form whose fields are named from a list it loops over ("name="{{code}}"")
    # shows that list's labels: a <label> or <legend> whose words come from
    # the list ("Send {{label}} concerns to …") stands for all of them.
    listed = 'name="{{' in t and re.search(r'<(label|legend)\b[^>]*>[^<]*\{\{[\w:-]+\}\}', t)
    t = re.sub(r'\{\{[^}]*\}\}', '', t)
    texts = [LISTED] if listed else []
    # A button is labelled by its own text; one may send a field's value
    # (name="confirm" value="yes").
    for m in re.finditer(r'<(label|legend|button)\b[^>]*>(.*?)</\1>', t, re.S):
        text = words(html.unescape(re.sub(r'<[^>]*>', ' ', m.group(2))))
        if text:
            texts.append(text)
    hidden = set(re.findall(r'<input[^>]*type="hidden"[^>]*name="(\w+)"', t))
    hidden |= set(re.findall(r'<input[^>]*name="(\w+)"[^>]*type="hidden"', t))
    return texts, hidden


def forms_posting(template_dir):
    """Route pattern -> the templates with a form posting to it (the form a
    field comes from may be on another page than the one shown again)."""
    found = {}
    for name in sorted(os.listdir(template_dir)):
        if not name.endswith('.tpl'):
            continue
        with open(os.path.join(template_dir, name), encoding='utf-8') as f:
            t = f.read()
        for action in re.findall(r'<form\b[^>]*\bmethod="post"[^>]*\baction="([^"]*)"', t):
            action = re.sub(r'\{\{[^}]*\}\}', '{id}', action)
            found.setdefault(action, set()).add(name[:-4])
    return found


# The first or last words of a label that make it no noun phrase: "Enter ...",
# "Type ...", "From", "Assign to", "Review by", "Completed on".
NOT_NOUN_FIRST = {
    'type', 'enter', 'choose', 'tick', 'select', 'give', 'say', 'write', 'move', 'approve',
    'raise', 'report', 'forward', 'keep', 'save', 'search', 'assign', 'from', 'to', 'until',
    'by', 'on', 'at', 'after', 'before', 'signed', 'authorised', 'completed', 'done',
    'takes', 'escalated', 'handed', 'confiscated', 'i',
}
NOT_NOUN_LAST = {'by', 'on', 'to', 'from', 'until', 'at'}
WH_WORDS = {'what', 'when', 'where', 'which', 'who', 'whom', 'why', 'how', 'whether'}


def label_words(text):
    """The labels given words in label_words.c: label -> words."""
    m = re.search(r'label_words_list\s*\[\s*\]\s*=\s*\{', text)
    if not m:
        return {}
    body, _ = block(text, m.end() - 1)
    rows = [items(e[1:-1]) for e in entries(body)]
    return {string(r[0]): string(r[1]) for r in rows if len(r) == 2}


def reads_wrongly(label, field):
    """Why the label would not read as English in a message, or None."""
    if label.endswith('?'):
        return None
    if field[1] == 'F_YESNO' and 'F_REQUIRED' not in field[3]:
        return None
    first = label.split()
    plain = [w.strip('(),:').casefold() for w in first]
    if plain and plain[0] in NOT_NOUN_FIRST:
        return 'starts with "%s"' % first[0]
    if plain and plain[-1] in NOT_NOUN_LAST:
        return 'ends with "%s"' % first[-1]
    if len(plain) == 1 and plain[0] in WH_WORDS:
        return 'is only "%s"' % first[0]
    return None


def wording(units):
    """Each label that reads wrongly and has no words, and each stale row of words."""
    words = {}
    for _, text in units:
        words.update(label_words(text))
    problems, used = [], set()
    for path, text in units:
        for name, fields in tables(text, 'field_spec').items():
            for f in fields:
                label = string(f[5]) if len(f) > 5 else None
                if not label or string(f[0]) is None:
                    continue
                used.add(label)
                why = reads_wrongly(label, f)
                if why and label not in words:
                    problems.append('%s %s: field %s: label "%s" %s, so its messages would not '
                                    'read as English ("Enter %s."): give its words in '
                                    'src/http/label_words.c'
                                    % (os.path.basename(path), name, string(f[0]), label, why,
                                       label[0].lower() + label[1:]))
    for label in sorted(set(words) - used):
        problems.append('src/http/label_words.c: "%s" is no field\'s label' % label)
    return sorted(set(problems))


def check(template_dir, sources):
    units = []
    funcs = {}
    for path in sources:
        with open(path, encoding='utf-8', errors='replace') as f:
            # the preprocessor's line markers are not C
            text = re.sub(r'^#.*$', '', f.read(), flags=re.M)
        units.append((path, text))
        funcs.update(functions(text))
    all_specs = {}
    for _, text in units:
        all_specs.update(tables(text, 'field_spec'))
    problems = []
    posting = forms_posting(template_dir)
    for path, text in units:
        specs = {**all_specs, **tables(text, 'field_spec')}
        for route in (r for t in tables(text, 'route').values() for r in t):
            if len(route) < 6:
                continue
            where = '%s %s' % (string(route[0]), string(route[1]))
            fields = specs.get(route[4], [])
            no_page = route[5] in ('NULL', '((void *)0)', '0')
            if no_page and string(route[0]) != 'POST':
                continue
            names = (set() if no_page else templates_of(route[5], funcs)) | \
                posting.get(string(route[1]), set())
            if not names and not no_page:
                problems.append('%s: the form page %s renders no template' % (where, route[5]))
            if not names:
                continue
            texts, hidden = [], set()
            for n in names:
                tx, hd = template_labels(os.path.join(template_dir, n + '.tpl'))
                texts += tx
                hidden |= hd
            for f in fields:
                name = string(f[0])
                if name is None:
                    continue
                label = string(f[5]) if len(f) > 5 else None
                if not label:
                    problems.append('%s: field %s has no label' % (where, name))
                elif name not in hidden and not any(t is LISTED or words(label) in t for t in texts):
                    problems.append('%s: field %s: label "%s" is not a <label> or <legend> of %s'
                                    % (where, name, label, ', '.join(sorted(names))))
    return problems + wording(units)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    problems = check(sys.argv[1], sys.argv[2:])
    for p in problems:
        print(p)
    print('%d problem%s with form labels' % (len(problems), '' if len(problems) == 1 else 's'))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
