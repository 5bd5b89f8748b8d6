// The ctemplate bridge: a jansson model becomes a TemplateDictionary (see
// template.h for the mapping).  Kept thin on purpose: all logic is in C.
#include "template.h"
#include "markdown.h"

#include <ctemplate/template.h>
#include <ctemplate/template_modifiers.h>

#include <cstdio>
#include <dirent.h>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

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

void fill(ctemplate::TemplateDictionary *d, const json_t *obj, const std::string &prefix);

void set_scalar(ctemplate::TemplateDictionary *d, const std::string &key, const json_t *v)
{
	char num[64];
	switch (json_typeof(v)) {
	case JSON_STRING:
		d->SetValue(key, ctemplate::TemplateString(json_string_value(v), json_string_length(v)));
		d->ShowSection(json_string_length(v) ? key : "not_" + key);
		break;
	case JSON_INTEGER:
		d->SetIntValue(key, (long)json_integer_value(v));
		d->ShowSection(json_integer_value(v) ? key : "not_" + key);
		break;
	case JSON_REAL:
		snprintf(num, sizeof num, "%.1f", json_real_value(v));
		d->SetValue(key, num);
		d->ShowSection(json_real_value(v) != 0 ? key : "not_" + key);
		break;
	case JSON_TRUE:
		d->SetValue(key, "yes");
		d->ShowSection(key);
		break;
	default:
		d->ShowSection("not_" + key);
	}
}

void fill_value(ctemplate::TemplateDictionary *d, const std::string &key, const json_t *v)
{
	if (json_is_object(v)) {
		if (json_object_size(v) == 0) {
			d->ShowSection("not_" + key);
			return;
		}
		fill(d->AddSectionDictionary(key), v, "");
		fill(d, v, key + "_");
	} else if (json_is_array(v)) {
		size_t i;
		const json_t *el;
		d->SetIntValue(key + "_count", (long)json_array_size(v));
		d->ShowSection(json_array_size(v) ? "has_" + key : "not_" + key);
		json_array_foreach(v, i, el) {
			ctemplate::TemplateDictionary *sub = d->AddSectionDictionary(key);
			if (json_is_object(el))
				fill(sub, el, "");
			else
				set_scalar(sub, "item", el);
		}
	} else {
		set_scalar(d, key, v);
	}
}

void fill(ctemplate::TemplateDictionary *d, const json_t *obj, const std::string &prefix)
{
	const char *key;
	const json_t *v;
	json_object_foreach(const_cast<json_t *>(obj), key, v)
		fill_value(d, prefix + key, v);
}

} // namespace

/* Every template is read and parsed now, while the server may still read
 * its install directory: after start-up it runs as another user, under a
 * system-call filter, and never opens a template file again. */
extern "C" int template_init(const char *dir)
{
	if (!ctemplate::AddXssSafeModifier("x-markdown", &markdown_modifier))
		return -1;
	if (!ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir))
		return -1;
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int rc = 0, loaded = 0;
	while (struct dirent *e = readdir(d)) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".tpl") != 0)
			continue;
		if (!ctemplate::LoadTemplate(e->d_name, ctemplate::STRIP_BLANK_LINES))
			rc = -1;
		loaded++;
	}
	closedir(d);
	return rc == 0 && loaded > 0 ? 0 : -1;
}

extern "C" char *template_render(const char *name, const json_t *page, const json_t *layout, size_t *len)
{
	try {
		ctemplate::TemplateDictionary dict("layout");
		fill(&dict, layout, "");
		ctemplate::TemplateDictionary *content = dict.AddIncludeDictionary("CONTENT");
		content->SetFilename(std::string(name) + ".tpl");
		fill(content, page, "");
		const json_t *csrf = json_object_get(layout, "csrf");
		if (csrf)
			dict.SetTemplateGlobalValue("csrf", json_string_value(csrf));
		std::string out;
		if (!ctemplate::ExpandTemplate("layout.tpl", ctemplate::STRIP_BLANK_LINES, &dict, &out))
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
