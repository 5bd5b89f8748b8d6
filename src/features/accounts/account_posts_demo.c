/* The demo school's posts for sign-off (one waiting with a photo of pupils,
 * one approved, a reply sent back for changes) and its do-not-publish list
 * of three fictitious pupils. */
#define _GNU_SOURCE
#include "features/accounts/account_posts.h"
#include "core/demo.h"
#include "db/db.h"
#include "lib/util.h"

#include <stddef.h>

#define HOUR 3600

/* A 1x1 PNG: the demo's picture, as a school's photo would be stored. */
static const unsigned char demo_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
	0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x04, 0x00, 0x00,
	0x00, 0xb5, 0x1c, 0x0c, 0x02, 0x00, 0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x78,
	0xda, 0x63, 0x64, 0x60, 0x00, 0x00, 0x00, 0x06, 0x00, 0x02, 0x30, 0x81, 0xd0, 0x2f,
	0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

struct demo_post {
	const char *account, *author, *kind, *text, *place, *status, *decider, *reason;
	int image;
	const char *credit; /* someone else's material it shares, or NULL */
	const char *posted_as; /* how the post says who is posting it */
	time_t ago;
};

static int64_t demo_post(const struct demo_post *d)
{
	char at[ISO_LEN], decided[ISO_LEN], out[ISO_LEN];
	iso_time(now() - d->ago, at);
	iso_time(now() - d->ago + 2 * HOUR, decided);
	iso_time(now() + 26 * HOUR, out);
	int64_t account =
		db_int(0, "SELECT id FROM social_accounts WHERE name = ?", "t", d->account);
	int64_t author = demo_user(d->author), decider = d->decider ? demo_user(d->decider) : 0;
	int64_t id = db_insert("INSERT INTO account_posts(account_id, author_id, kind, body, "
			       "place, publish_at, status, submitted_at, decided_by, decided_at, "
			       "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?, ?)",
			       "IIttttttItt", account, author, d->kind, d->text, d->place, out,
			       d->status, at, decider, decider ? decided : NULL, d->reason);
	db_exec("INSERT INTO account_post_steps(post_id, action, note, actor_id, at) "
		"VALUES (?, 'submit', ?, ?, ?)",
		"ItIt", id, d->text, author, at);
	if (decider)
		db_exec("INSERT INTO account_post_steps(post_id, action, note, actor_id, at) "
			"VALUES (?, ?, ?, ?, ?)",
			"IttIt", id, d->status[0] == 'a' ? "approve" : "changes",
			d->reason ? d->reason : "", decider, decided);
	char sha[65];
	sha256_hex(demo_png, sizeof demo_png, sha);
	if (d->image)
		db_exec("INSERT INTO account_post_images(post_id, type, size, sha256, bytes, "
			"pupils_pictured, checked_list, no_names, school_device) "
			"VALUES (?, 'image/png', ?, ?, ?, 1, 1, 1, 1)",
			"IItb", id, (int64_t)sizeof demo_png, sha, (const void *)demo_png,
			sizeof demo_png);
	db_exec("INSERT INTO account_post_material(post_id, others_material, permission, credit) "
		"VALUES (?, ?, ?, ?)",
		"IIIt", id, (int64_t)(d->credit != NULL), (int64_t)(d->credit != NULL),
		d->credit ? d->credit : "");
	db_exec("INSERT INTO account_post_posted_as(post_id, posted_as) VALUES (?, ?)", "It", id,
		d->posted_as);
	return id;
}

static int demo_pupil(const char *name, const char *class_name, const char *note)
{
	char at[ISO_LEN];
	iso_time(now() - 40 * 24 * HOUR, at);
	return db_insert("INSERT INTO do_not_publish(pupil_name, class_name, note, added_by, "
			 "added_at) VALUES (?, ?, ?, ?, ?)",
			 "tttIt", name, class_name, note, demo_user("dsl@demo.school"), at) > 0
		       ? 0
		       : -1;
}

int account_posts_demo(void)
{
	static const struct demo_post posts[] = {
		{ "@HillsideScience", "science@demo.school", "post",
		  "Rocket day! Year 8 launched their water rockets on the field this afternoon; "
		  "the record was 41 metres. Thank you to the families who sent in bottles.",
		  "X, the science department's account", "submitted", NULL, NULL, 1, NULL,
		  "Hillside Science department", 3 * HOUR },
		{ "@HillsideScience", "science@demo.school", "post",
		  "Science week starts on Monday: a talk from a local vet, a crime-scene lab and "
		  "the egg-drop challenge. Details in Friday's newsletter.",
		  "X, the science department's account", "approved", "deputy@demo.school", NULL, 1,
		  "The egg-drop challenge poster, by Northgate Science Centre",
		  "Hillside Science department", 50 * HOUR },
		{ "Year 3 class blog", "ta@demo.school", "reply",
		  "Thank you for your comment. Mrs Khan set the homework late because the app was "
		  "down; we will put it right on Monday.",
		  "A reply to a parent's comment on the blog", "changes", "head@demo.school",
		  "Please do not name a member of staff in a public reply. Thank the parent and "
		  "offer a phone call with the class teacher instead.",
		  0, NULL, "Mrs Khan's Year 3 team", 26 * HOUR },
	};
	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++)
		if (demo_post(&posts[i]) <= 0)
			return -1;
	int bad = demo_pupil("Amelia Hart", "Year 3", "Parents asked: no photographs online.") |
		  demo_pupil("Jayden Brooks", "Year 8", "") |
		  demo_pupil("Zofia Nowak", "Year 6", "Until further notice from the DSL.");
	return bad | (db_failed() ? -1 : 0);
}
