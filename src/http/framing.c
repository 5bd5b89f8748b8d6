#define _GNU_SOURCE
#include "http/framing.h"

#include <string.h>
#include <strings.h>

#define MAX_FIELDS 128

struct fields {
	int hosts, lengths, encodings, n;
	const char *key[MAX_FIELDS], *value[MAX_FIELDS];
	size_t value_len[MAX_FIELDS];
};

static enum MHD_Result count_field(void *cls, enum MHD_ValueKind kind, const char *key, size_t klen,
				   const char *value, size_t vlen)
{
	struct fields *f = cls;
	(void)kind, (void)klen;
	f->hosts += strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0;
	f->lengths += strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0;
	f->encodings += strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0;
	if (f->n < MAX_FIELDS) {
		f->key[f->n] = key;
		f->value[f->n] = value ? value : key;
		f->value_len[f->n] = value ? vlen : 0;
	}
	f->n++;
	return MHD_YES;
}

/* libmicrohttpd keeps each field's name and value where they arrived, in
 * the header block it read, turning the colon and each line's CR LF into
 * NULs, and takes a value up to its first NUL.  So between the end of one
 * value and the start of the next name there are only NULs, unless the
 * value held a NUL of its own and the rest of it was cut off unseen.  Where
 * the fields are not laid out so (a value folded over two lines, which
 * libmicrohttpd joins in a copy elsewhere), nothing is concluded. */
static int cut_at_nul(const struct fields *f, const char *block, size_t size)
{
	if (f->n > MAX_FIELDS)
		return 0;
	const char *end = block + size;
	for (int i = 0; i < f->n; i++) {
		const char *from = f->value[i] + f->value_len[i],
			   *to = i + 1 < f->n ? f->key[i + 1] : end;
		if (f->key[i] < block || from > to || to > end)
			return 0;
		for (const char *p = from; p < to; p++)
			if (*p)
				return 1;
	}
	return 0;
}

const char *framing_problem(struct MHD_Connection *conn, const char *method)
{
	struct fields f = { 0 };
	MHD_get_connection_values_n(conn, MHD_HEADER_KIND, count_field, &f);
	if (f.lengths && f.encodings)
		return "The request could not be read: it has both Content-Length and "
		       "Transfer-Encoding.";
	if (f.lengths > 1 || f.encodings > 1)
		return "The request could not be read: it gives its length more than once.";
	if (f.hosts > 1)
		return "The request could not be read: it has more than one Host header.";
	const union MHD_ConnectionInfo *hs =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
	if (hs && cut_at_nul(&f, method, hs->header_size))
		return "The request could not be read: a header holds a NUL character.";
	return NULL;
}
