/* Query-string / url-encoded form decoding and field validation.
 * libmicrohttpd's post processor needs a live connection, so the input is
 * split into name=value pairs at '&' and '=' here and each part is decoded
 * with MHD_http_unescape (the decoder libmicrohttpd applies to query
 * strings and url-encoded bodies); fields_check then judges the request
 * against a spec that uses every field type.  A name starting with '@' is
 * an uploaded file (the value is its file name). */
#define _GNU_SOURCE
#include "http/router.h"
#include "lib/util.h"

#include <assert.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

static const struct field_spec spec[] = {
	{ "t", F_TEXT, 20, 0, NULL, NULL },
	{ "l", F_LONGTEXT, 200, F_MULTI, NULL, NULL },
	{ "e", F_EMAIL, 254, 0, NULL, NULL },
	{ "i", F_INT, 20, 0, NULL, NULL },
	{ "id", F_ID, 20, 0, NULL, NULL },
	{ "d", F_DATE, 10, 0, NULL, NULL },
	{ "dt", F_DATETIME, 20, 0, NULL, NULL },
	{ "y", F_YESNO, 3, 0, NULL, NULL },
	{ "c", F_CHOICE, 40, 0, "a|bb|ccc", NULL },
	{ "cl", F_CHOICE, 100, F_LIST, "x|y|zz", NULL },
	{ "p", F_PASSWORD, 1024, 0, NULL, NULL },
	{ "f", F_FILE, 2, 0, NULL, NULL },
	{ NULL, 0, 0, 0, NULL },
};

static size_t decode(const char *s, size_t n, char **out)
{
	*out = xstrndup(s, n);
	return MHD_http_unescape(*out);
}

static void add(struct request *rq, const char *pair, size_t n)
{
	const char *eq = memchr(pair, '=', n);
	size_t kn = eq ? (size_t)(eq - pair) : n;
	char *key, *value;
	decode(pair, kn, &key);
	size_t vlen = eq ? decode(eq + 1, n - kn - 1, &value) : decode("", 0, &value);
	if (key[0] == '@') {
		rq->files = xrealloc(rq->files, (rq->nfiles + 1) * sizeof *rq->files);
		rq->files[rq->nfiles++] = (struct upload){ xstrdup(key + 1), value, (unsigned char *)xstrdup("x"), 1 };
		free(key);
		return;
	}
	rq->params = xrealloc(rq->params, (rq->nparams + 1) * sizeof *rq->params);
	rq->params[rq->nparams++] = (struct param){ key, value, vlen };
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 8192)
		return 0;
	struct request rq = { .is_post = data[0] & 1 };
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	for (size_t start = 0, i = 0; i <= n && rq.nparams + rq.nfiles < 64; i++)
		if (i == n || s[i] == '&') {
			add(&rq, s + start, i - start);
			start = i + 1;
		}
	const char *bad = NULL;
	char msg[200] = "";
	int status = fields_check(spec, &rq, &bad, msg, sizeof msg);
	assert(status == 0 || status == 400);
	if (status) {
		assert(bad && msg[0]);
	} else {
		/* Accepted: every value is valid UTF-8 without NUL, and typed fields read back. */
		for (size_t i = 0; i < rq.nparams; i++)
			assert(strlen(rq.params[i].value) == rq.params[i].len &&
			       utf8_valid(rq.params[i].value, rq.params[i].len));
		const char *id = arg(&rq, "id");
		assert(!id || arg_int(&rq, "id", 0) > 0);
		const char *y = arg(&rq, "y");
		assert(!y || arg_yes(&rq, "y") == (strcmp(y, "yes") == 0));
		const char *all[8];
		assert(arg_all(&rq, "l", all, 8) <= 8);
	}
	for (size_t i = 0; i < rq.nparams; i++)
		free(rq.params[i].name), free(rq.params[i].value);
	for (size_t i = 0; i < rq.nfiles; i++)
		free(rq.files[i].field), free(rq.files[i].filename), free(rq.files[i].data);
	free(rq.params);
	free(rq.files);
	return 0;
}
