/* GET /concerns/stats: counts by category, status and month and the median
 * times to acknowledge and to close, for the headteacher and governors.
 * Never a case: only numbers, and only of the concerns the reader may see:
 * a governor (whose oversight is of the whole school: KCSIE part two) every
 * concern but those about them; anyone else, the concerns they may open
 * (CONCERN_MAY_OPEN), so that a headteacher's numbers do not count the
 * allegations about a fellow headteacher that only the chair handles, nor
 * any about themselves. */
#define _GNU_SOURCE
#include "features/concerns/concern_internal.h"
#include "lib/csv.h"
#include "db/db.h"
#include "lib/util.h"
#include "lib/json_get.h"

#include <stdlib.h>
#include <string.h>

/* The UK month (YYYY-MM) of a UTC time: a concern filed at 00:30 on 1 July
 * (BST) is a July concern, though it is still 30 June in UTC.  SQLite's
 * 'localtime' is the UK zone, which main() sets (lib/uk_time.c). */
#define UK_MONTH(col) "strftime('%Y-%m', " col ", 'localtime')"

/* Which concerns (alias c) the numbers count: binds ?1 the reader's id, ?2
 * their role mask (ROLE_ROUTABLE), ?3 1 for a governor. */
#define STATS_SCOPE                                                                        \
	"((?3 AND (c.about_id IS NULL OR c.about_id != ?1)) OR "                             \
	CONCERN_MAY_OPEN_AS("c", "?1", "?2") ")"
#define STATS_BINDS "III"
#define READER(r) (r)->me, (r)->mask, (r)->governor

struct reader {
	int64_t me, mask, governor;
};

static json_t *median_hours(json_t *rows)
{
	size_t n = json_array_size(rows);
	if (n == 0)
		return json_null();
	double a = json_real_value(json_object_get(json_array_get(rows, (n - 1) / 2), "h"));
	double b = json_real_value(json_object_get(json_array_get(rows, n / 2), "h"));
	double m = (a + b) / 2;
	return json_real((double)(long long)(m * 10 + 0.5) / 10);
}

/* Concerns by the UK month they were filed in, newest first. */
static json_t *by_month(const struct reader *r)
{
	return db_rows(WHOLE_TABLE_REPORT "SELECT " UK_MONTH("created_at") " AS month, count(*) "
					  "AS count FROM concerns c WHERE " STATS_SCOPE
					  " GROUP BY month ORDER BY month DESC",
		       STATS_BINDS, READER(r));
}

static json_t *stats_model(const struct reader *r)
{
	json_t *cats = db_rows(WHOLE_TABLE_REPORT "SELECT category, count(*) AS count FROM "
					      "concerns c WHERE " STATS_SCOPE " GROUP BY category",
			       STATS_BINDS, READER(r));
	json_t *by_cat = json_array();
	json_t *all = concern_categories(NULL);
	size_t i, j;
	json_t *c, *row;
	json_array_foreach(all, i, c) {
		json_int_t n = 0;
		json_array_foreach(cats, j, row)
			if (strcmp(json_str(row, "category"),
				   json_str(c, "code")) == 0)
				n = json_int(row, "count");
		json_array_append_new(by_cat, json_pack("{s:O, s:O, s:I}", "category",
							json_object_get(c, "code"), "label",
							json_object_get(c, "label"), "count", n));
	}
	json_decref(all);
	json_decref(cats);
	json_t *ack = db_rows(WHOLE_TABLE_REPORT
			      "SELECT (julianday(acknowledged_at) - julianday(created_at)) * 24.0 "
			      "AS h FROM concerns c WHERE acknowledged_at IS NOT NULL AND "
			      STATS_SCOPE " ORDER BY h",
			      STATS_BINDS, READER(r));
	json_t *closed = db_rows(
		WHOLE_TABLE_REPORT
		"SELECT (julianday(closed_at) - julianday(created_at)) * 24.0 AS h FROM concerns c "
		"WHERE closed_at IS NOT NULL AND " STATS_SCOPE " ORDER BY h",
		STATS_BINDS, READER(r));
	/* How many concerns each median is taken over: a median of 0.0 hours
	 * is a figure to show, which only these tell from no figure at all. */
	json_t *m = json_pack(
		"{s:I, s:o, s:o, s:o, s:o, s:o, s:I, s:I}", "total",
		(json_int_t)db_int(
			0,
			WHOLE_TABLE_REPORT "SELECT count(*) FROM concerns c WHERE " STATS_SCOPE,
			STATS_BINDS, READER(r)),
		"by_category", by_cat, "by_status",
		db_rows(WHOLE_TABLE_REPORT
			"SELECT status, count(*) AS count FROM concerns c WHERE " STATS_SCOPE
			" GROUP BY status ORDER BY CASE status WHEN 'new' THEN 0 WHEN "
			"'acknowledged' THEN 1 "
			"WHEN 'investigating' THEN 2 WHEN 'escalated' THEN 3 ELSE 4 END",
			STATS_BINDS, READER(r)),
		"by_month", by_month(r),
		"median_hours_to_acknowledge", median_hours(ack), "median_hours_to_close",
		median_hours(closed), "acknowledged_count", (json_int_t)json_array_size(ack),
		"closed_count", (json_int_t)json_array_size(closed));
	json_decref(ack);
	json_decref(closed);
	return m;
}

static void csv_section(struct csv_out *o, json_t *rows, const char *measure, const char *key)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		csv_cell(o, measure);
		csv_cell(o, json_string_value(json_object_get(row, key)));
		csv_cell_int(o, (long long)json_int(row, "count"));
		csv_end_row(o);
	}
}

static void csv_median(struct csv_out *o, json_t *m, const char *key, const char *what)
{
	json_t *v = json_object_get(m, key);
	char num[32] = "";
	if (json_is_real(v))
		snprintf(num, sizeof num, "%.1f", json_real_value(v));
	csv_cell(o, "median_hours");
	csv_cell(o, what);
	csv_cell(o, num);
	csv_end_row(o);
}

static void stats_csv(struct reply *rp, json_t *m)
{
	struct csv_out o = { 0 };
	const char *head[] = { "measure", "key", "value" };
	for (size_t i = 0; i < 3; i++)
		csv_cell(&o, head[i]);
	csv_end_row(&o);
	csv_section(&o, json_object_get(m, "by_category"), "category", "category");
	csv_section(&o, json_object_get(m, "by_status"), "status", "status");
	csv_section(&o, json_object_get(m, "by_month"), "month", "month");
	csv_median(&o, m, "median_hours_to_acknowledge", "acknowledge");
	csv_median(&o, m, "median_hours_to_close", "close");
	reply_raw(rp, "text/csv; charset=utf-8", o.buf, o.len);
	rp->filename = xstrdup("concern-statistics.csv");
	json_decref(m);
}

void concern_stats(struct request *rq, struct reply *rp)
{
	struct reader r = { rq->user.id, routable_roles(rq),
			    has_role(rq, ROLE_GOVERNOR | ROLE_CHAIR) };
	json_t *m = stats_model(&r);
	const char *format = arg(rq, "format");
	if (format && strcmp(format, "csv") == 0) {
		stats_csv(rp, m);
		return;
	}
	reply_page(rp, "concern_stats", "Concern statistics", m);
}
