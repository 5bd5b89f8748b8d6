/* The multipart evidence checks: the type is decided from the bytes, and a
 * report's files are accepted only when every one is a PNG, JPEG, PDF or
 * plain text that no browser would read as markup.  The first byte gives
 * the number of files; the rest is cut into that many parts. */
#define _GNU_SOURCE
#include "features/concerns/concern_internal.h"
#include "lib/config.h"
#include "lib/util.h"

#include <assert.h>
#include <string.h>

static int known(const char *type)
{
	return !strcmp(type, "image/png") || !strcmp(type, "image/jpeg") || !strcmp(type, "application/pdf") ||
	       !strcmp(type, "text/plain");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	config_defaults();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t nfiles = data[0] % 8, rest = size - 1;
	struct upload files[8];
	struct request rq = { .files = files, .nfiles = nfiles };
	for (size_t i = 0; i < nfiles; i++) {
		size_t from = rest * i / nfiles, to = rest * (i + 1) / nfiles;
		files[i] = (struct upload){ "evidence", "file.bin", (unsigned char *)xstrndup((const char *)data + 1 + from,
			to - from), to - from };
	}
	const char *type = evidence_sniff(data + 1, rest);
	assert(!type || known(type));
	if (type && !strcmp(type, "text/plain"))
		assert(!memchr(data + 1, 0, rest) && utf8_valid((const char *)data + 1, rest));
	int status = 0;
	/* Bit 3 of the first byte: a sexting report, which takes no file at all. */
	int sexting = (data[0] & 8) != 0;
	char msg[600] = "";
	if (evidence_check(&rq, sexting ? "sexting" : "other", &status, msg, sizeof msg) == 0) {
		assert(!sexting || nfiles == 0);
		assert(nfiles <= cfg.upload_files);
		for (size_t i = 0; i < nfiles; i++)
			assert(files[i].len > 0 && evidence_sniff(files[i].data, files[i].len));
	} else {
		assert((status == 400 || status == 413 || status == 415) && msg[0]);
	}
	for (size_t i = 0; i < nfiles; i++)
		free(files[i].data);
	return 0;
}
