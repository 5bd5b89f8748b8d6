#include "lib/readfile.h"
#include "lib/util.h"

#include <stdio.h>
#include <stdlib.h>

char *read_whole_file(const char *path, size_t *len, size_t max)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0, got;
	char *buf = xmalloc(cap + 1);
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n > max)
			break;
		if (n == cap)
			buf = xrealloc(buf, (cap *= 2) + 1);
	}
	int bad = ferror(f) || n > max;
	fclose(f);
	if (bad) {
		free(buf);
		return NULL;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}
