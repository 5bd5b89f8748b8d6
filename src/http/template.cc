// The ctemplate bridge: a jansson model becomes a TemplateDictionary (see
// template.h for the mapping).  Kept thin on purpose: all logic is in C.
//
// Speed: a dictionary key given as a plain string costs ctemplate a hash
// and an insert into its global id-to-name map under a lock, every time.
// So at start-up each template's names are read from its text (the list
// ctemplate's WriteHeaderEntries would give) and interned as
// StaticTemplateStrings whose id is computed once.  A model value whose
// name the template never mentions cannot change its output, so it is not
// put in the dictionary at all.
#include "http/template.h"
#include "core/names.h"
#include "lib/markdown.h"
#include "lib/readfile.h"
#include "lib/uk_time.h"
extern "C" {
#include "lib/util.h" // now(); a C header without its own extern "C"
}

#include <ctemplate/template.h>
#include <ctemplate/template_modifiers.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <dirent.h>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

// Longer keys than this are never looked up (no template name is near it).
constexpr size_t NAME_MAX_BYTES = 256;

class MarkdownModifier : public ctemplate::TemplateModifier {
	void Modify(const char *in, size_t inlen, const ctemplate::PerExpandData *,
		    ctemplate::ExpandEmitter *out, const std::string &) const override
	{
		char *html = markdown_to_html(in, inlen);
		if (html) {
			out->Emit(html);
			free(html);
		}
	}
};

MarkdownModifier markdown_modifier;

// {{x:x-uk-time}}: an ISO time or date as UK time in words; {{x:x-uk-due}}:
// a deadline, also how far off it is.  Their output is escaped after them
// (registered as ordinary modifiers, not XSS-safe ones).
class UkTimeModifier : public ctemplate::TemplateModifier {
	bool due;

    public:
	explicit UkTimeModifier(bool deadline) : due(deadline) {}
	void Modify(const char *in, size_t inlen, const ctemplate::PerExpandData *,
		    ctemplate::ExpandEmitter *out, const std::string &) const override
	{
		std::string iso(in, inlen);
		char words[128];
		if (due)
			uk_deadline_words(iso.c_str(), now(), words, sizeof words);
		else
			uk_time_words(iso.c_str(), words, sizeof words);
		out->Emit(words);
	}
};

UkTimeModifier uk_time_modifier(false), uk_due_modifier(true);

// {{role:x-role}}, {{roles:x-roles}} (a list "dsl, slt"), {{staff_type:x-staff-type}}, …:
// a stored code as its name (core/names.h), escaped after them.
class NameModifier : public ctemplate::TemplateModifier {
	enum name_kind kind;
	bool list;

    public:
	NameModifier(enum name_kind k, bool many) : kind(k), list(many) {}
	void Modify(const char *in, size_t inlen, const ctemplate::PerExpandData *,
		    ctemplate::ExpandEmitter *out, const std::string &) const override
	{
		std::string code(in, inlen);
		char name[512];
		if (list)
			code_names(kind, code.c_str(), name, sizeof name);
		else
			code_name(kind, code.c_str(), name, sizeof name);
		out->Emit(name);
	}
};

const struct {
	const char *modifier;
	NameModifier names;
} name_modifiers[] = {
	{ "x-role", { NAME_ROLE, false } },
	{ "x-roles", { NAME_ROLE, true } },
	{ "x-staff-type", { NAME_STAFF_TYPE, false } },
	{ "x-staff-types", { NAME_STAFF_TYPE, true } },
	{ "x-concern-status", { NAME_CONCERN_STATUS, false } },
	{ "x-application-status", { NAME_APPLICATION_STATUS, false } },
	{ "x-application-step", { NAME_APPLICATION_STEP, false } },
	{ "x-application-decision", { NAME_APPLICATION_DECISION, false } },
	{ "x-account-status", { NAME_ACCOUNT_STATUS, false } },
	{ "x-visibility", { NAME_VISIBILITY, false } },
	{ "x-policy-status", { NAME_POLICY_STATUS, false } },
	{ "x-audit-action", { NAME_AUDIT_ACTION, false } },
	{ "x-record-type", { NAME_RECORD_TYPE, false } },
};

// One StaticTemplateString per distinct name in any template, never freed.
std::deque<std::string> name_text;
std::deque<ctemplate::StaticTemplateString> name_pool;
std::unordered_map<std::string_view, const ctemplate::StaticTemplateString *> interned;

struct Name {
	const ctemplate::StaticTemplateString *sts;
	bool section; // opened somewhere as {{#NAME}}
	// Where {{#NAME}} is opened: outside every section (open_at_top), or
	// inside these sections opened outside every section (the outermost
	// of each place): when none of those is shown, its rows are never read.
	bool open_at_top;
	std::vector<const ctemplate::StaticTemplateString *> inside;
};

// Text to T, for the few hundred names of a template: filling a page looks
// up every member of every row, and std::unordered_map's lookup (its
// hash, then the walk of a bucket) was a quarter of filling a case page.
// Open addressing with linear probing, FNV-1a, a table at most half full.
template <typename T> class NameMap {
	struct Slot {
		uint64_t hash = 0;
		std::string_view key;
		T value{};
		bool used = false;
	};
	std::vector<Slot> slots = std::vector<Slot>(64);
	size_t count = 0;

	static uint64_t hash_of(std::string_view s)
	{
		uint64_t h = 14695981039346656037ULL;
		for (unsigned char c : s)
			h = (h ^ c) * 1099511628211ULL;
		return h;
	}

	Slot *slot(std::string_view key, uint64_t h)
	{
		size_t mask = slots.size() - 1;
		for (size_t i = (size_t)h & mask;; i = (i + 1) & mask)
			if (!slots[i].used || (slots[i].hash == h && slots[i].key == key))
				return &slots[i];
	}

    public:
	T *find(std::string_view key)
	{
		Slot *s = slot(key, hash_of(key));
		return s->used ? &s->value : nullptr;
	}
	const T *find(std::string_view key) const { return const_cast<NameMap *>(this)->find(key); }

	// KEY must outlive the map; its value when it was there already.
	T *insert(std::string_view key, const T &value)
	{
		if (2 * (count + 1) > slots.size()) {
			std::vector<Slot> old(slots.size() * 2);
			old.swap(slots);
			for (const Slot &o : old)
				if (o.used)
					*slot(o.key, o.hash) = o;
		}
		uint64_t h = hash_of(key);
		Slot *s = slot(key, h);
		if (!s->used) {
			*s = Slot{ h, key, value, true };
			count++;
		}
		return &s->value;
	}
};

// The names one template mentions (variables, sections, includes).
struct Vocabulary {
	NameMap<Name> names;
	// Every "A_" that begins a name: an object A's members are flattened
	// as A_MEMBER only when some name could be one of them.
	NameMap<bool> prefixes;
	size_t longest = 0;
};

// Filled at start-up, read-only while serving: no lock needed.
std::map<std::string, Vocabulary, std::less<>> vocabularies;

const ctemplate::StaticTemplateString *intern(const std::string &name)
{
	auto found = interned.find(name);
	if (found != interned.end())
		return found->second;
	const std::string &text = name_text.emplace_back(name);
	ctemplate::StaticTemplateString &sts = name_pool.emplace_back();
	sts.do_not_use_directly_.ptr_ = text.data();
	sts.do_not_use_directly_.length_ = text.size();
	sts.do_not_use_directly_.id_ = ctemplate::kIllegalTemplateId;
	ctemplate::StaticTemplateStringInitializer computes_id(&sts);
	interned.emplace(std::string_view(text), &sts);
	return &sts;
}

bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

// A member's name may also be asked for as not_NAME or has_NAME.
void add_prefixes(Vocabulary &v, std::string_view name)
{
	if (name.substr(0, 4) == "not_" || name.substr(0, 4) == "has_")
		add_prefixes(v, name.substr(4));
	for (size_t i = 1; i < name.size(); i++)
		if (name[i] == '_')
			v.prefixes.insert(name.substr(0, i + 1), true);
}

// The names a template mentions, read from its text: {{NAME}},
// {{NAME:modifiers}}, {{#NAME}} (a section), {{/NAME}} and {{>NAME}} (an
// include); {{%...}} pragmas and {{!...}} comments name nothing.  The same
// list ctemplate's WriteHeaderEntries gives, without writing a C++ header
// for every template at start-up, which cost a tenth of it.  Only a
// section gets a sub-dictionary: showing one costs that.
void learn_names_in(const char *file, const char *text)
{
	Vocabulary &v = vocabularies[file];
	std::vector<const ctemplate::StaticTemplateString *> open; // the sections around p
	for (const char *p = text; (p = strstr(p, "{{")) != nullptr;) {
		p += 2;
		bool section = *p == '#', closing = *p == '/';
		if (*p == '#' || *p == '/' || *p == '>')
			p++;
		const char *name = p;
		while (is_name_char(*p))
			p++;
		if (p == name)
			continue;
		std::string_view found(name, (size_t)(p - name));
		Name *known = v.names.find(found);
		if (!known) {
			const ctemplate::StaticTemplateString *sts = intern(std::string(found));
			std::string_view kept(sts->do_not_use_directly_.ptr_, found.size());
			known = v.names.insert(kept, Name{ sts, false, false, {} });
			add_prefixes(v, kept);
			v.longest = std::max(v.longest, found.size());
		}
		known->section |= section;
		if (section) {
			if (open.empty())
				known->open_at_top = true;
			else
				known->inside.push_back(open.front());
			open.push_back(known->sts);
		} else if (closing && !open.empty() && open.back() == known->sts) {
			open.pop_back();
		}
	}
}

// A template's text, malloc'd, or NULL.
char *template_text(const char *dir, const char *file, size_t *len)
{
	return read_whole_file((std::string(dir) + "/" + file).c_str(), len, 1 << 20);
}

bool learn_names(const char *dir, const char *file)
{
	size_t len;
	char *text = template_text(dir, file, &len);
	if (!text)
		return false;
	learn_names_in(file, text);
	free(text);
	return true;
}

// Builds the dictionary for one template from a model, naming only what
// that template mentions.
class Filler {
	const Vocabulary &vocab;

	const Name *find(std::string_view name) const
	{
		if (name.size() > vocab.longest)
			return nullptr;
		return vocab.names.find(name);
	}

	// The page's own dictionary, and the sections shown in it so far.
	ctemplate::TemplateDictionary *top = nullptr;
	mutable std::vector<const ctemplate::StaticTemplateString *> shown;
	// The sections (NAME or not_NAME, opened inside another) that some row
	// of the page did not show: ctemplate looks such a section up in the
	// page's dictionary, so a row's false NAME shows the page's true one.
	mutable std::vector<const Name *> left_out;

	void note_left_out(const Name *n) const
	{
		if (!top || !n || !n->section || n->inside.empty())
			return;
		for (const Name *k : left_out)
			if (k == n)
				return;
		left_out.push_back(n);
	}

	void show_section(ctemplate::TemplateDictionary *d, const Name *n) const
	{
		if (n && n->section) {
			d->ShowSection(*n->sts);
			if (d == top)
				shown.push_back(n->sts);
		}
	}

	ctemplate::TemplateDictionary *add_section(ctemplate::TemplateDictionary *d,
						   const Name *n) const
	{
		if (d == top)
			shown.push_back(n->sts);
		return d->AddSectionDictionary(*n->sts);
	}

	// A followed by B in BUF, without allocating; false when the result is
	// longer than any name of this template, so could name nothing.
	bool join(char (&buf)[NAME_MAX_BYTES], std::string_view a, std::string_view b,
		  std::string_view *out) const
	{
		size_t n = a.size() + b.size();
		if (n > vocab.longest || n > sizeof buf)
			return false;
		memcpy(buf, a.data(), a.size());
		memcpy(buf + a.size(), b.data(), b.size());
		*out = std::string_view(buf, n);
		return true;
	}

	// NAME with a prefix or suffix.
	const Name *find2(std::string_view a, std::string_view b) const
	{
		char buf[NAME_MAX_BYTES];
		std::string_view name;
		return join(buf, a, b, &name) ? find(name) : nullptr;
	}

	// NAME's section, or not_NAME's when its value is empty or false.
	void show(ctemplate::TemplateDictionary *d, std::string_view name, bool on) const
	{
		show_section(d, on ? find(name) : find2("not_", name));
	}

	// SetIntValue formats with snprintf, a tenth of a rendered case page.
	static void set_int(ctemplate::TemplateDictionary *d, const Name *n, json_int_t i)
	{
		char text[24], *p = text + sizeof text;
		unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i : (unsigned long long)i;
		do
			*--p = (char)('0' + u % 10);
		while (u /= 10);
		if (i < 0)
			*--p = '-';
		size_t len = (size_t)(text + sizeof text - p);
		d->SetValue(*n->sts, ctemplate::TemplateString(p, len));
	}

	static bool truthy(const json_t *v)
	{
		switch (json_typeof(v)) {
		case JSON_STRING: return json_string_length(v) != 0;
		case JSON_INTEGER: return json_integer_value(v) != 0;
		case JSON_REAL: return json_real_value(v) != 0;
		case JSON_TRUE: return true;
		default: return false;
		}
	}

	// A scalar under the names N (NAME) and NOT_N (not_NAME), either null
	// when the template does not mention it.
	void put_scalar(ctemplate::TemplateDictionary *d, const Name *n, const Name *not_n,
			const json_t *v) const
	{
		char num[64];
		if (n) {
			switch (json_typeof(v)) {
			case JSON_STRING:
				// set even when empty: an unset name would show a parent's value;
				// not copied: the model outlives the dictionary (template_fill)
				d->SetValueWithoutCopy(
					*n->sts, ctemplate::TemplateString(json_string_value(v),
									   json_string_length(v)));
				break;
			case JSON_INTEGER:
				set_int(d, n, json_integer_value(v));
				break;
			case JSON_REAL:
				snprintf(num, sizeof num, "%.1f", json_real_value(v));
				d->SetValue(*n->sts, num);
				break;
			case JSON_TRUE:
				d->SetValueWithoutCopy(*n->sts,
						       ctemplate::TemplateString("yes", 3));
				break;
			default:
				break;
			}
		}
		show_section(d, truthy(v) ? n : not_n);
	}

	void set_scalar(ctemplate::TemplateDictionary *d, std::string_view name,
			const json_t *v) const
	{
		put_scalar(d, find(name), truthy(v) ? nullptr : find2("not_", name), v);
	}

	// The names of a row's members, looked up for the first row and kept for
	// the next while their keys come in the same order (rows of one query):
	// a list of 50 rows looked each name up 50 times.
	struct Member {
		const char *key;
		const Name *n, *not_n;
	};

	// An empty list leaves out NAME and has_NAME, a full one not_NAME; an
	// empty object NAME, a full one not_NAME.
	void note_container_left_out(const char *key, const json_t *v) const
	{
		size_t n = json_is_array(v) ? json_array_size(v) : json_object_size(v);
		if (n) {
			note_left_out(find2("not_", key));
			return;
		}
		note_left_out(find(key));
		if (json_is_array(v))
			note_left_out(find2("has_", key));
	}

	void fill_row(ctemplate::TemplateDictionary *d, const json_t *row,
		      std::vector<Member> &names) const
	{
		const char *key;
		const json_t *v;
		size_t i = 0;
		json_object_foreach(const_cast<json_t *>(row), key, v) {
			if (json_is_object(v) || json_is_array(v)) {
				if (top)
					note_container_left_out(key, v);
				fill_value(d, key, v);
				continue;
			}
			if (i == names.size())
				names.push_back(Member{ nullptr, nullptr, nullptr });
			Member &m = names[i++];
			if (!m.key || strcmp(m.key, key) != 0)
				m = Member{ key, find(key), find2("not_", key) };
			note_left_out(truthy(v) ? m.not_n : m.n);
			put_scalar(d, m.n, m.not_n, v);
		}
	}

	// NAME_count, has_NAME and not_NAME of a list.
	void array_head(ctemplate::TemplateDictionary *d, std::string_view name,
			const json_t *v) const
	{
		size_t n = json_array_size(v);
		const Name *count = find2(name, "_count");
		if (count)
			set_int(d, count, (json_int_t)n);
		show_section(d, find2(n ? "has_" : "not_", name));
	}

	// A sub-dictionary of section S per row.
	void array_rows(ctemplate::TemplateDictionary *d, const Name *s, const json_t *v) const
	{
		size_t i;
		const json_t *el;
		std::vector<Member> names;
		json_array_foreach(v, i, el) {
			ctemplate::TemplateDictionary *sub = add_section(d, s);
			if (json_is_object(el))
				fill_row(sub, el, names);
			else
				set_scalar(sub, "item", el);
		}
	}

	void fill_array(ctemplate::TemplateDictionary *d, std::string_view name,
			const json_t *v) const
	{
		array_head(d, name, v);
		const Name *s = find(name);
		if (s && s->section)
			array_rows(d, s, v);
	}

	void fill_value(ctemplate::TemplateDictionary *d, std::string_view name,
			const json_t *v) const
	{
		if (json_is_object(v)) {
			if (json_object_size(v) == 0) {
				show(d, name, false);
				return;
			}
			const Name *s = find(name);
			if (s && s->section)
				fill(add_section(d, s), v, "");
			// flattened members are NAME_MEMBER, when the template has any
			char buf[NAME_MAX_BYTES];
			std::string_view prefix;
			if (join(buf, name, "_", &prefix) && vocab.prefixes.find(prefix))
				fill(d, v, prefix);
		} else if (json_is_array(v)) {
			fill_array(d, name, v);
		} else {
			set_scalar(d, name, v);
		}
	}

	// The names the layout mentions: a section by one of these names might
	// be shown by the layout's dictionary too.
	const Vocabulary *layout = nullptr;

	// The sections a list NAME of the page's model is opened in, when it is
	// opened only inside sections opened outside every section, none of them
	// a name of the layout: then its rows are read only if one of those is
	// shown in the page's dictionary.
	const Name *guarded(std::string_view name) const
	{
		const Name *s = find(name);
		if (!s || !s->section || s->open_at_top || s->inside.empty())
			return nullptr;
		for (const ctemplate::StaticTemplateString *g : s->inside)
			if (!layout || layout->names.find(std::string_view(
					       g->do_not_use_directly_.ptr_,
					       g->do_not_use_directly_.length_)))
				return nullptr;
		return s;
	}

	bool any_shown(const Name *s) const
	{
		for (const ctemplate::StaticTemplateString *g : s->inside)
			for (const ctemplate::StaticTemplateString *t : shown)
				if (g == t)
					return true;
		return false;
	}

	// A section a row left out and the page shows is a mistake in the model
	// (the page's flag needs a name of its own): said on stderr, where the
	// tests look for it (tests/http/lib.mjs), a few times a process.
	void report_left_out() const
	{
		static std::atomic<int> reports{ 0 };
		for (const Name *n : left_out)
			for (const ctemplate::StaticTemplateString *t : shown)
				if (n->sts == t && reports++ < 20)
					fprintf(stderr,
						"staffroom: template %s: a row leaves out section "
						"%.*s, which the page shows: the row shows the "
						"page's\n",
						page_file,
						(int)t->do_not_use_directly_.length_,
						t->do_not_use_directly_.ptr_);
	}

	const char *page_file = "";

public:
	explicit Filler(const Vocabulary &v) : vocab(v) {}

	// The page's model into its dictionary D (the layout's include).  The
	// rows of a guarded list (a closed case's forms: the people it may be
	// assigned to, the bodies, the outcomes) are filled last, and only when
	// one of the sections around them is shown: else ctemplate never reads
	// them, and a sub-dictionary per row is most of filling a list.
	void fill_page(ctemplate::TemplateDictionary *d, const json_t *obj, const Vocabulary &outer,
		       const char *file)
	{
		top = d;
		page_file = file;
		layout = &outer;
		std::vector<std::pair<std::string_view, const json_t *>> later;
		const char *key;
		const json_t *v;
		json_object_foreach(const_cast<json_t *>(obj), key, v) {
			std::string_view name(key);
			if (name.size() > vocab.longest)
				continue;
			if (json_is_array(v) && guarded(name)) {
				array_head(d, name, v);
				later.emplace_back(name, v);
			} else {
				fill_value(d, name, v);
			}
		}
		// until none is left whose section is shown (one list's rows may show
		// the section around another's)
		for (bool more = true; more;) {
			more = false;
			for (auto &[name, rows] : later) {
				const Name *s = rows ? guarded(name) : nullptr;
				if (s && any_shown(s)) {
					array_rows(d, s, rows);
					rows = nullptr;
					more = true;
				}
			}
		}
		report_left_out();
		top = nullptr;
	}

	void fill(ctemplate::TemplateDictionary *d, const json_t *obj,
		  std::string_view prefix) const
	{
		const char *key;
		const json_t *v;
		char buf[NAME_MAX_BYTES];
		std::string_view name;
		json_object_foreach(const_cast<json_t *>(obj), key, v)
			if (join(buf, prefix, key, &name))
				fill_value(d, name, v);
	}
};

// Set by template_prepare: templates are read when first rendered.
const char *lazy_dir;

const Vocabulary *vocabulary(const std::string &file)
{
	auto found = vocabularies.find(file);
	if (found == vocabularies.end() && lazy_dir) {
		if (!ctemplate::LoadTemplate(file, ctemplate::STRIP_BLANK_LINES) ||
		    !learn_names(lazy_dir, file.c_str()))
			return nullptr;
		found = vocabularies.find(file);
	}
	return found == vocabularies.end() ? nullptr : &found->second;
}

bool add_modifiers(const char *dir)
{
	if (!ctemplate::AddXssSafeModifier("x-markdown", &markdown_modifier) ||
	    !ctemplate::AddModifier("x-uk-time", &uk_time_modifier) ||
	    !ctemplate::AddModifier("x-uk-due", &uk_due_modifier))
		return false;
	for (const auto &m : name_modifiers)
		if (!ctemplate::AddModifier(m.modifier, &m.names))
			return false;
	return ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir);
}

// The templates template_read found, parsed by whichever threads call
// template_parse_share, each taking the next no other has taken
// (ctemplate parses a template given as text outside its cache's lock).
struct Source {
	std::string name, text;
};
std::vector<Source> sources;
std::atomic<size_t> next_source{ 0 };
std::atomic<bool> parse_failed{ false };
// Set once template_read has ended, well or not: a thread come to parse
// while another still reads waits for it.
std::mutex read_mu;
std::condition_variable read_cv;
bool read_over = false;

int read_sources(const char *dir)
{
	if (!add_modifiers(dir))
		return -1;
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int rc = 0;
	while (struct dirent *e = readdir(d)) {
		size_t n = strlen(e->d_name), len;
		if (n < 5 || strcmp(e->d_name + n - 4, ".tpl") != 0)
			continue;
		char *text = template_text(dir, e->d_name, &len);
		if (!text) {
			rc = -1;
			continue;
		}
		sources.push_back(Source{ e->d_name, std::string(text, len) });
		free(text);
	}
	closedir(d);
	return rc == 0 && !sources.empty() ? 0 : -1;
}

} // namespace

/* Every template is read and parsed at start-up, while the server may still
 * read its install directory: after start-up it runs as another user, under
 * a system-call filter, and never opens a template file again.  The names
 * are learned after (template_learn), so that a thread waiting to parse
 * can start as soon as the texts are read. */
extern "C" int template_read(const char *dir)
{
	int rc = read_sources(dir);
	std::lock_guard<std::mutex> hold(read_mu);
	read_over = true;
	read_cv.notify_all();
	return rc;
}

extern "C" void template_learn(void)
{
	for (const Source &src : sources)
		learn_names_in(src.name.c_str(), src.text.c_str());
}

extern "C" void template_parse_share(void)
{
	{
		std::unique_lock<std::mutex> hold(read_mu);
		read_cv.wait(hold, [] { return read_over; });
	}
	for (size_t i; (i = next_source.fetch_add(1)) < sources.size();) {
		const Source &src = sources[i];
		if (!ctemplate::StringToTemplateCache(src.name, src.text,
						      ctemplate::STRIP_BLANK_LINES))
			parse_failed = true;
	}
}

extern "C" int template_ready(void)
{
	bool ok = !parse_failed && next_source >= sources.size() && vocabulary("layout.tpl");
	std::vector<Source>().swap(sources);
	return ok ? 0 : -1;
}

extern "C" int template_init(const char *dir)
{
	if (template_read(dir) != 0)
		return -1;
	template_learn();
	template_parse_share();
	return template_ready();
}

/* A CGI process answers one page: it reads layout.tpl and that page's
 * template only, when rendering, instead of all of them at start-up. */
extern "C" int template_prepare(const char *dir)
{
	static std::string kept;
	kept = dir;
	lazy_dir = kept.c_str();
	return add_modifiers(dir) ? 0 : -1;
}

namespace {

// The navigation links, included as NAV: the fragment kept under the name
// in nav_template when there is one, else nav.tpl filled from "nav".
void include_nav(ctemplate::TemplateDictionary *layout_dict, const json_t *layout)
{
	const json_t *links = json_object_get(layout, "nav");
	if (!links)
		return;
	ctemplate::TemplateDictionary *nav = layout_dict->AddIncludeDictionary("NAV");
	const char *kept = json_string_value(json_object_get(layout, "nav_template"));
	if (kept) {
		nav->SetFilename(kept);
		return;
	}
	nav->SetFilename("nav.tpl");
	if (const Vocabulary *v = vocabulary("nav.tpl"))
		Filler(*v).fill(nav, layout, "");
}

} // namespace

/* Renders NAME.tpl from the model, auto-escaped as every template is, and
 * keeps the result as a template of plain text named KEY (see template.h). */
extern "C" int template_keep_fragment(const char *key, const char *name, const json_t *model)
{
	try {
		std::string file = std::string(name) + ".tpl";
		const Vocabulary *v = vocabulary(file);
		if (!v)
			return -1;
		ctemplate::TemplateDictionary dict("fragment");
		Filler(*v).fill(&dict, model, "");
		static const char pragma[] = "{{%AUTOESCAPE context=\"HTML\"}}";
		std::string out = pragma;
		if (!ctemplate::ExpandTemplate(file, ctemplate::STRIP_BLANK_LINES, &dict, &out))
			return -1;
		// Text that ctemplate would read as a marker is not kept as plain text.
		if (out.find("{{", sizeof pragma - 1) != std::string::npos)
			return -1;
		using ctemplate::StringToTemplateCache;
		return StringToTemplateCache(key, out, ctemplate::STRIP_BLANK_LINES) ? 0 : -1;
	} catch (...) {
		return -1;
	}
}

// The layout's dictionary with the page's included as CONTENT.
struct template_dict {
	ctemplate::TemplateDictionary dict{ "layout" };
};

extern "C" struct template_dict *template_fill(const char *name, const json_t *page,
					       const json_t *layout)
{
	try {
		std::string file = std::string(name) + ".tpl";
		const Vocabulary *outer = vocabulary("layout.tpl"), *inner = vocabulary(file);
		if (!outer || !inner)
			return NULL;
		auto *t = new template_dict;
		Filler(*outer).fill(&t->dict, layout, "");
		include_nav(&t->dict, layout);
		ctemplate::TemplateDictionary *content = t->dict.AddIncludeDictionary("CONTENT");
		content->SetFilename(file);
		Filler(*inner).fill_page(content, page, *outer, file.c_str());
		const json_t *csrf = json_object_get(layout, "csrf");
		if (csrf)
			t->dict.SetTemplateGlobalValue("csrf", json_string_value(csrf));
		return t;
	} catch (...) {
		return NULL;
	}
}

extern "C" char *template_expand(const struct template_dict *t, size_t *len)
{
	try {
		std::string out;
		out.reserve(16384);
		if (!ctemplate::ExpandTemplate("layout.tpl", ctemplate::STRIP_BLANK_LINES, &t->dict,
					       &out))
			return NULL;
		char *buf = static_cast<char *>(malloc(out.size() + 1));
		if (!buf)
			return NULL;
		memcpy(buf, out.data(), out.size());
		buf[out.size()] = 0;
		*len = out.size();
		return buf;
	} catch (...) {
		return NULL;
	}
}

extern "C" void template_dict_free(struct template_dict *t)
{
	delete t;
}

extern "C" char *template_render(const char *name, const json_t *page, const json_t *layout,
				 size_t *len)
{
	struct template_dict *t = template_fill(name, page, layout);
	char *out = t ? template_expand(t, len) : NULL;
	template_dict_free(t);
	return out;
}
