// The stack ceiling of each page: only what a page cannot avoid, from the
// same libraries.  Its input is staffroom's own record of the pages
// (STAFFROOM_BENCH_CAPTURE, src/http/bench_capture.h): per page, the read
// statements it ran with their values written in, and the template with
// the two models it rendered (HTML) or the JSON it sent.  Per request the
// ceiling steps the same statements on the same database (prepared once at
// start-up, as staffroom caches its own; every column of every row read),
// expands the same template from a dictionary filled once at start-up
// (staffroom's template.cc, so the same modifiers), or json_dumps an object
// built once, and sends the bytes with libmicrohttpd under the server's
// options.  GET /static/marker calls bench_marker(), which the benchmark
// gives callgrind as --dump-before, to cut the count between requests.
//   ceiling PORT CAPTURE.jsonl DATABASE TEMPLATES_DIR
#include "http/template.h"
#include "lib/uk_time.h"

#include "serve.h"
#include <jansson.h>
#include <microhttpd.h>
#include <sqlite3.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace {

struct Page {
	std::vector<sqlite3_stmt *> sql;
	template_dict *dict = nullptr; // HTML
	json_t *model = nullptr;       // JSON
};

sqlite3 *db;
std::mutex db_lock; // one connection: the benchmark's requests come one at a time
std::map<std::string, Page> pages; // "H /path" or "J /path"
volatile long sink;

extern "C" __attribute__((noinline)) void bench_marker(void)
{
	__asm__ volatile("" ::: "memory");
}

void read_rows(const Page &p)
{
	std::lock_guard<std::mutex> hold(db_lock);
	long seen = 0;
	for (sqlite3_stmt *st : p.sql) {
		sqlite3_reset(st);
		while (sqlite3_step(st) == SQLITE_ROW)
			for (int i = 0, n = sqlite3_column_count(st); i < n; i++)
				switch (sqlite3_column_type(st, i)) {
				case SQLITE_INTEGER: seen += sqlite3_column_int64(st, i); break;
				case SQLITE_FLOAT: seen += (long)sqlite3_column_double(st, i); break;
				case SQLITE_TEXT:
					seen += sqlite3_column_text(st, i)[0];
					seen += sqlite3_column_bytes(st, i);
					break;
				case SQLITE_BLOB:
					seen += (long)(size_t)sqlite3_column_blob(st, i);
					seen += sqlite3_column_bytes(st, i);
					break;
				default: break;
				}
	}
	sink = seen;
}

MHD_Result answer(void *, MHD_Connection *conn, const char *url, const char *, const char *,
		  const char *, size_t *size, void **state)
{
	if (!*state) { // like the server: nothing queued on the first call
		*state = (void *)1;
		return MHD_YES;
	}
	if (*size) {
		*size = 0;
		return MHD_YES;
	}
	if (strcmp(url, "/static/marker") == 0) {
		bench_marker();
		MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_OK, r);
		MHD_destroy_response(r);
		return ok;
	}
	const char *accept = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept");
	bool json = accept && strstr(accept, "application/json");
	auto found = pages.find(std::string(json ? "J " : "H ") + url);
	if (found == pages.end())
		return MHD_NO;
	const Page &p = found->second;
	read_rows(p);
	char *body;
	size_t len = 0;
	if (json) {
		body = json_dumps(p.model, JSON_COMPACT | JSON_ENSURE_ASCII);
		len = body ? strlen(body) : 0;
	} else {
		body = template_expand(p.dict, &len);
	}
	if (!body)
		return MHD_NO;
	MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
				json ? "application/json" : "text/html; charset=utf-8");
	MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ok;
}

// One captured page: its statements prepared, its dictionary or object made.
bool load_page(const json_t *line)
{
	Page p;
	const char *path = json_string_value(json_object_get(line, "path"));
	bool json = json_is_true(json_object_get(line, "json"));
	const char *body = json_string_value(json_object_get(line, "body"));
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(line, "sql"), i, s) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v3(db, json_string_value(s), -1, SQLITE_PREPARE_PERSISTENT, &st,
				       nullptr) != SQLITE_OK) {
			fprintf(stderr, "ceiling: %s: %s\n", sqlite3_errmsg(db), json_string_value(s));
			return false;
		}
		p.sql.push_back(st);
	}
	size_t len = 0;
	char *out;
	if (json) {
		p.model = json_loads(body, 0, nullptr);
		out = p.model ? json_dumps(p.model, JSON_COMPACT | JSON_ENSURE_ASCII) : nullptr;
		len = out ? strlen(out) : 0;
	} else {
		// The navigation staffroom renders once per set of roles, kept as
		// staffroom keeps it (a second page with the same links finds it kept).
		const json_t *layout = json_object_get(line, "layout");
		const char *nav = json_string_value(json_object_get(layout, "nav_template"));
		if (nav)
			template_keep_fragment(nav, "nav", layout);
		p.dict = template_fill(json_string_value(json_object_get(line, "template")),
				       json_object_get(line, "page"), json_object_get(line, "layout"));
		out = p.dict ? template_expand(p.dict, &len) : nullptr;
	}
	if (!out)
		return false;
	// The ceiling must send what staffroom sent, or it prices another page.
	printf("ceiling: %s %s: %zu statements, %zu bytes, %s\n", json ? "JSON" : "HTML", path,
	       p.sql.size(), len, strcmp(out, body) == 0 ? "the same body" : "A DIFFERENT BODY");
	free(out);
	pages[std::string(json ? "J " : "H ") + path] = p;
	return true;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc < 5) {
		fputs("usage: ceiling PORT CAPTURE.jsonl DATABASE TEMPLATES_DIR\n", stderr);
		return 2;
	}
	uk_time_init(); // as staffroom does: times are shown in UK time
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); // as staffroom does: no memory count
	if (sqlite3_open_v2(argv[3], &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
	    template_init(argv[4]) != 0)
		return 1;
	std::ifstream in(argv[2]);
	std::string text;
	while (std::getline(in, text)) {
		json_t *line = json_loads(text.c_str(), 0, nullptr);
		if (!line || !load_page(line)) // kept: the dictionaries point into it
			return 1;
	}
	return bench_serve((unsigned)atoi(argv[1]), 4, answer);
}
